import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ENGINE_VERSION, parseConfig } from '@pcsim/engine'
import './charts/setup.ts'
import './app/styles.css'
import { App } from './app/App.tsx'
import { AppStateProvider } from './app/AppState.tsx'
import { warmUp } from './app/clients.ts'
import { decodeShareLink, type SharedRun } from './features/scenarios/share-link.ts'
import type { FundDraft } from './features/fund-builder/draft.ts'
import { I18nProvider } from './i18n/I18nProvider.tsx'
import type { Messages } from './i18n/en.ts'

warmUp()

/** A shared link's draft (filled in by the engine when it parses), or a notice that it was broken. */
async function fromHash(): Promise<{ draft?: FundDraft; run?: SharedRun | null; notice?: (t: Messages) => string }> {
  try {
    const link = await decodeShareLink(location.hash)
    if (!link) return {}
    history.replaceState(null, '', location.pathname + location.search)
    const { draft: shared, engine, run } = link
    const r = parseConfig(shared.config)
    const other = engine !== null && engine !== ENGINE_VERSION ? engine : null
    return {
      draft: r.ok ? { config: r.config, picks: shared.picks } : shared,
      run,
      notice: (t) => [t.share.opened, run ? t.share.openedRun(run.trials.toLocaleString('en-US'), String(run.seed)) : '', other ? t.share.otherEngine(other, ENGINE_VERSION) : ''].filter(Boolean).join(' '),
    }
  } catch {
    history.replaceState(null, '', location.pathname + location.search)
    return { notice: (t) => t.share.badLink }
  }
}

void fromHash().then(({ draft, run, notice }) => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider>
        <AppStateProvider initial={draft} initialNotice={notice ?? null} sharedRun={run ?? null}>
          <App />
        </AppStateProvider>
      </I18nProvider>
    </StrictMode>,
  )
})
