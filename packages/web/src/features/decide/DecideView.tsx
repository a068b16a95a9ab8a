import { useCallback } from 'react'
import type { SimulationConfig } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { useDecideText } from './i18n.ts'
import { OptimisePanel } from './OptimisePanel.tsx'
import { SensitivityPanel } from './SensitivityPanel.tsx'
import { SolvePanel } from './SolvePanel.tsx'

/** The Decide tab: sensitivity, "what you need to believe" and the allocation optimiser, on the builder's fund. */
export function DecideView() {
  const d = useDecideText()
  const { parsed, key, setDraft, setTab, setNotice, server } = useAppState()
  const online = server.status === 'online'
  const open = useCallback(
    (config: SimulationConfig) => {
      setDraft({ config, picks: [] })
      setTab('build')
      setNotice(() => d.opened)
    },
    [setDraft, setTab, setNotice, d],
  )
  return (
    <section className="decide" aria-labelledby="decide-heading" data-testid="decide">
      <h2 id="decide-heading">{d.heading}</h2>
      <p className="hint">{d.intro}</p>
      {parsed.ok ? (
        <div key={key ?? ''}>
          <SensitivityPanel config={parsed.config} onOpen={open} online={online} />
          <SolvePanel config={parsed.config} onOpen={open} online={online} />
          <OptimisePanel config={parsed.config} onOpen={open} online={online} />
        </div>
      ) : (
        <p className="error">{d.invalid}</p>
      )}
    </section>
  )
}
