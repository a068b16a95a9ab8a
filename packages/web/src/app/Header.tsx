import { ENGINE_VERSION } from '@pcsim/engine'
import { CATALOGUES, useI18n } from '../i18n/I18nProvider.tsx'
import { UI_LOCALES } from '../format/locale.ts'
import { useAppState, type Tab } from './AppState.tsx'
import { DECIDE_TEXT } from '../features/decide/i18n.ts'

const TABS: Tab[] = ['build', 'compare', 'reforecast', 'decide', 'scenarios', 'learn', 'calibration']

export function Header({ onTour }: { onTour: () => void }) {
  const { t, locale, setLocale } = useI18n()
  const { server, tab, setTab } = useAppState()
  const a = t.app
  const tabLabel: Record<Tab, string> = { build: a.tabBuild, compare: a.tabCompare, reforecast: a.tabReforecast, scenarios: a.tabScenarios, learn: a.tabLearn, calibration: a.tabCalibration, decide: DECIDE_TEXT[locale].tab }
  const serverText = server.status === 'online' ? a.serverOnline : server.status === 'offline' ? a.serverOffline : a.serverChecking
  return (
    <header className="app-header">
      <a className="skip" href="#results">
        {a.skip}
      </a>
      <div className="brand">
        <h1>
          {a.title} <span>{a.subtitle}</span>
        </h1>
        <p className="tagline">{a.tagline}</p>
      </div>
      <div className="header-tools">
        <div role="group" aria-label={a.language} className="lang">
          {UI_LOCALES.map((l) => (
            <button key={l} type="button" lang={l} aria-pressed={locale === l} className={locale === l ? 'on' : ''} onClick={() => setLocale(l)} data-testid={`lang-${l}`}>
              {CATALOGUES[l].app.languageName}
            </button>
          ))}
        </div>
        <button type="button" className="ghost" onClick={onTour} data-testid="tour-open">
          {a.tour}
        </button>
        <span className={`server ${server.status}`} role="status" data-testid="server-status" data-status={server.status} title={a.engine(ENGINE_VERSION)}>
          {serverText}
        </span>
      </div>
      <nav className="tabs" aria-label={a.tabs} data-tour="tabs">
        <div role="tablist" aria-label={a.tabs}>
          {TABS.map((id) => (
            <button key={id} type="button" role="tab" id={`tab-${id}`} aria-selected={tab === id} aria-controls={`panel-${id}`} tabIndex={tab === id ? 0 : -1} onClick={() => setTab(id)} onKeyDown={(e) => onTabKey(e, id, setTab)} data-testid={`tab-${id}`}>
              {tabLabel[id]}
            </button>
          ))}
        </div>
      </nav>
    </header>
  )
}

/** Arrow keys move between tabs (WAI-ARIA tabs pattern). */
function onTabKey(e: React.KeyboardEvent, id: Tab, setTab: (t: Tab) => void) {
  const i = TABS.indexOf(id)
  const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : undefined
  if (!next) return
  e.preventDefault()
  setTab(next)
  document.getElementById(`tab-${next}`)?.focus()
}
