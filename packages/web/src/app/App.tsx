import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { CalibrationView } from '../features/calibration/CalibrationView.tsx'
import { CompareView } from '../features/compare/CompareView.tsx'
import { FundBuilder } from '../features/fund-builder/FundBuilder.tsx'
import { LearnView } from '../features/learn/LearnView.tsx'
import { Tour, TOUR_SEEN_KEY } from '../features/learn/Tour.tsx'
import { ReforecastView } from '../features/reforecast/ReforecastView.tsx'
import { ResultsPane } from '../features/results/ResultsPane.tsx'
import { ScenariosView } from '../features/scenarios/ScenariosView.tsx'
import { ReportView } from '../features/report/ReportView.tsx'
import { useReport } from '../features/report/report-store.ts'
import { useAppState } from './AppState.tsx'
import { Header } from './Header.tsx'
import { installScrollHints } from './scroll-hints.ts'

// The decision tools (and mathjs, their expression compiler) load when the tab is first opened.
const DecideView = lazy(() => import('../features/decide/DecideView.tsx').then((m) => ({ default: m.DecideView })))

export function App() {
  const { t } = useI18n()
  const { tab, setTab, notice, setNotice } = useAppState()
  const [decideOpened, setDecideOpened] = useState(false)
  useEffect(() => {
    if (tab === 'decide') setDecideOpened(true)
  }, [tab])
  const [tour, setTour] = useState(() => globalThis.localStorage?.getItem(TOUR_SEEN_KEY) !== '1')
  const closeTour = useCallback(() => {
    setTour(false)
    globalThis.localStorage?.setItem(TOUR_SEEN_KEY, '1')
  }, [])
  const onStep = useCallback((target: string) => target !== 'tabs' && setTab('build'), [setTab])
  const report = useReport()
  // phones: the builder and the results are two views of the build tab, one tap apart
  const [phoneView, setPhoneView] = useState<'build' | 'results'>('build')
  const hintText = useRef(t.app.scrollHint)
  hintText.current = t.app.scrollHint
  useEffect(() => installScrollHints(document.body, '.table-scroll, .tabs', () => hintText.current), [])
  const panel = (id: typeof tab) => ({ id: `panel-${id}`, role: 'tabpanel', 'aria-labelledby': `tab-${id}`, hidden: tab !== id })
  return (
    <>
      <Header onTour={() => setTour(true)} />
      {notice && (
        <div className="notice" role="status" data-testid="notice">
          <p>{notice(t)}</p>
          <button type="button" className="small ghost" onClick={() => setNotice(null)} aria-label={t.app.dismiss} data-testid="notice-dismiss">
            ✕
          </button>
        </div>
      )}
      {report && <ReportView result={report} />}
      <main hidden={report !== null}>
        <div {...panel('build')} className="build-layout" data-phone-view={phoneView}>
          <div className="phone-switch" role="group" aria-label={t.app.phoneViews} data-testid="phone-switch">
            {(['build', 'results'] as const).map((v) => (
              <button key={v} type="button" aria-pressed={phoneView === v} onClick={() => (setPhoneView(v), window.scrollTo(0, 0))} data-testid={`phone-${v}`}>
                {v === 'build' ? t.app.phoneBuild : t.app.phoneResults}
              </button>
            ))}
          </div>
          <FundBuilder />
          <ResultsPane />
        </div>
        <div {...panel('compare')}>
          <CompareView />
        </div>
        <div {...panel('reforecast')}>
          <ReforecastView active={tab === 'reforecast'} />
        </div>
        <div {...panel('decide')}>
          {decideOpened && (
            <Suspense fallback={null}>
              <DecideView />
            </Suspense>
          )}
        </div>
        <div {...panel('scenarios')}>
          <ScenariosView active={tab === 'scenarios'} />
        </div>
        <div {...panel('learn')}>
          <LearnView onTour={() => setTour(true)} />
        </div>
        <div {...panel('calibration')}>
          <CalibrationView active={tab === 'calibration'} />
        </div>
      </main>
      <footer className="app-footer">
        <p>{t.app.footer}</p>
      </footer>
      <Tour open={tour} onClose={closeTour} onStep={onStep} />
    </>
  )
}
