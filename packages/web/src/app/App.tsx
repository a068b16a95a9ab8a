import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { CalibrationView } from '../features/calibration/CalibrationView.tsx'
import { CompareView } from '../features/compare/CompareView.tsx'
import { FundBuilder } from '../features/fund-builder/FundBuilder.tsx'
import { LearnView } from '../features/learn/LearnView.tsx'
import { Tour, TOUR_SEEN_KEY } from '../features/learn/Tour.tsx'
import { ResultsPane } from '../features/results/ResultsPane.tsx'
import { ScenariosView } from '../features/scenarios/ScenariosView.tsx'
import { useAppState } from './AppState.tsx'
import { Header } from './Header.tsx'

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
  useEffect(() => {
    if (!notice) return
    const id = setTimeout(() => setNotice(null), 6000)
    return () => clearTimeout(id)
  }, [notice, setNotice])
  const panel = (id: typeof tab) => ({ id: `panel-${id}`, role: 'tabpanel', 'aria-labelledby': `tab-${id}`, hidden: tab !== id })
  return (
    <>
      <Header onTour={() => setTour(true)} />
      {notice && (
        <p className="notice" role="status" data-testid="notice">
          {notice(t)}
        </p>
      )}
      <main>
        <div {...panel('build')} className="build-layout">
          <FundBuilder />
          <ResultsPane />
        </div>
        <div {...panel('compare')}>
          <CompareView />
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
