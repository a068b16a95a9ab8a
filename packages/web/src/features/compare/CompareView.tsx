import { useMemo, useRef, useState } from 'react'
import type { Chart } from 'chart.js'
import { parseConfig, presetName, SCENARIOS, type SimulationConfig } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { compareClient } from '../../app/clients.ts'
import { useSimulation } from '../../engine/useSimulation.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { formatNumber } from '../../format/index.ts'
import { applyPicks, templateConfig, type FundDraft } from '../fund-builder/draft.ts'
import { errorText } from '../results/error-text.ts'
import { CompareResults } from './CompareResults.tsx'
import { SavedPicker } from './SavedPicker.tsx'

interface Item {
  id: number
  name: string
  draft: FundDraft
}

let nextId = 1

/** Strategies side by side on common random numbers (same seed and trial count for all). */
export function CompareView() {
  const { draft, server } = useAppState()
  const { t, locale, pick } = useI18n()
  const c = t.compare
  const snap = useSimulation(compareClient)
  const [items, setItems] = useState<Item[]>([])
  const [scenario, setScenario] = useState(SCENARIOS.find((s) => s.shocks.length > 0)?.id ?? '')
  const [template, setTemplate] = useState(server.presets.funds[1]?.id ?? server.presets.funds[0]?.id ?? '')
  const [trials, setTrials] = useState('5000')
  const overlayRef = useRef<Chart | null>(null)
  const scenarioName = (id: string) => pick(presetName(`scenario.${id}`))
  const add = (name: string, d: FundDraft) => setItems((xs) => [...xs, { id: nextId++, name, draft: d }])
  const parsed = useMemo(() => items.map((i) => parseConfig(applyPicks(i.draft))), [items])
  const n = Number(trials)
  const ready = items.length >= 2 && parsed.every((p) => p.ok) && Number.isInteger(n) && n >= 100 && n <= 200_000
  const running = snap.status === 'running' || snap.status === 'waiting'
  const run = () => {
    if (!ready) return
    const configs = parsed.map((p, i) => ({ ...(p as { config: SimulationConfig }).config, name: items[i]!.name }))
    compareClient.request({ items: configs.map((config) => ({ name: config.name, config })), trials: n, seed: draft.config.run?.seed ?? 42, online: server.status === 'online' })
  }
  const currentName = draft.config.name || pick(presetName(`fund.${draft.config.template ?? ''}`))
  return (
    <section className="compare" aria-labelledby="compare-heading">
      <h2 id="compare-heading">{c.heading}</h2>
      <p className="hint">{c.intro}</p>
      <div className="compare-add">
        <button type="button" onClick={() => add(`${currentName}${draft.picks.length ? ` + ${draft.picks.map(scenarioName).join(' + ')}` : ''}`, draft)} data-testid="compare-add-current">
          + {c.addCurrent}
        </button>
        <div className="row wrap">
          <label htmlFor="compare-scenario">{c.addCurrentWith}</label>
          <select id="compare-scenario" value={scenario} onChange={(e) => setScenario(e.target.value)}>
            {SCENARIOS.map((s) => (
              <option key={s.id} value={s.id}>
                {scenarioName(s.id)}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => add(`${currentName} · ${scenarioName(scenario)}`, { config: draft.config, picks: scenario === 'base' ? [] : [scenario] })}>
            {c.add}
          </button>
        </div>
        <div className="row wrap">
          <label htmlFor="compare-template">{c.addTemplate}</label>
          <select id="compare-template" value={template} onChange={(e) => setTemplate(e.target.value)}>
            {server.presets.funds.map((f) => (
              <option key={f.id} value={f.id}>
                {pick(f.name)}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => add(pick(presetName(`fund.${template}`)), { config: templateConfig(template), picks: [] })} data-testid="compare-add-template">
            {c.add}
          </button>
        </div>
        <SavedPicker onAdd={add} />
      </div>
      <h3>{c.items}</h3>
      {items.length === 0 && <p className="hint">{c.empty}</p>}
      <ol className="compare-items">
        {items.map((item, i) => (
          <li key={item.id}>
            <span className="letter" aria-hidden="true">
              {String.fromCharCode(65 + i)}
            </span>
            <input type="text" aria-label={c.nameOf(i + 1)} value={item.name} onChange={(e) => setItems((xs) => xs.map((x) => (x.id === item.id ? { ...x, name: e.target.value } : x)))} />
            <button type="button" className="small ghost" aria-label={c.remove(item.name)} onClick={() => setItems((xs) => xs.filter((x) => x.id !== item.id))}>
              ✕
            </button>
            {!parsed[i]?.ok && <p className="field-error">{c.invalid(item.name)}</p>}
          </li>
        ))}
      </ol>
      {items.length === 1 && <p className="hint">{c.empty}</p>}
      <div className="row wrap">
        <label htmlFor="compare-trials">{c.trials}</label>
        <input id="compare-trials" type="number" min={100} max={200000} step={1000} value={trials} onChange={(e) => setTrials(e.target.value)} />
        <button type="button" className="primary" disabled={!ready || running} onClick={run} data-testid="compare-run">
          {c.run}
        </button>
        {running && (
          <button type="button" onClick={() => compareClient.cancel()}>
            {c.cancel}
          </button>
        )}
      </div>
      <div aria-live="polite" className="run-status" data-testid="compare-status" data-status={snap.status}>
        {running && (
          <>
            <progress max={snap.progress?.total ?? 1} value={snap.progress?.done ?? 0} aria-label={c.running} />
            <span>{snap.progress ? t.run.progress(formatNumber(snap.progress.done, locale), formatNumber(snap.progress.total, locale)) : c.running}</span>
          </>
        )}
        {snap.status === 'error' && <span className="field-error">{t.run.failed(errorText(snap.error, t, pick))}</span>}
        {snap.status === 'cancelled' && <span>{t.run.cancelled}</span>}
      </div>
      {snap.result && <CompareResults result={snap.result} source={snap.source} chartRef={overlayRef} />}
    </section>
  )
}
