import { useEffect, useRef, useState } from 'react'
import { useAppState } from '../../app/AppState.tsx'
import { fullRunClient, PREVIEW_TRIALS, previewClient } from '../../app/clients.ts'
import { useSimulation } from '../../engine/useSimulation.ts'
import { formatMultiple, formatNumber, formatPercent } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { errorText } from './error-text.ts'
import { scenarioName } from './export-meta.ts'
import { FullRunPanel } from './FullRunPanel.tsx'
import { ResultsView } from './ResultsView.tsx'
import { ShareExport } from './ShareExport.tsx'

/** Live preview (reruns on every valid change), the full run, and the result on screen. */
export function ResultsPane() {
  const { parsed, key } = useAppState()
  const { t, locale, pick } = useI18n()
  const preview = useSimulation(previewClient)
  const full = useSimulation(fullRunClient)
  const [preferPreview, setPreferPreview] = useState(false)
  // the config the preview was last asked for: a finished preview belongs to it
  const requested = useRef<string | null>(null)
  useEffect(() => {
    requested.current = key
    if (parsed.ok) previewClient.request(parsed.config)
    else previewClient.cancel()
    // key is the parsed config's text: rerun only when the config really changed
  }, [key])
  useEffect(() => setPreferPreview(false), [full.seq])
  const fullFits = full.result !== null && full.result.key === key
  const showFull = fullFits && !preferPreview
  const result = showFull ? full.result!.result : preview.result
  const n = (x: number) => formatNumber(x, locale)
  const busy = preview.status === 'running' || preview.status === 'waiting'
  const shown = preview.result?.trials ?? PREVIEW_TRIALS
  let status = t.preview.live(n(shown))
  if (!parsed.ok) status = t.preview.paused
  else if (busy && preview.partial) status = `${status} · ${t.preview.refining(n(PREVIEW_TRIALS))}`
  else if (busy) status = `${status} · ${t.preview.updating}`
  else if (preview.status === 'error') status = `${t.preview.failed}: ${errorText(preview.error, t, pick)}`
  else if (preview.ms !== null) status = `${status} · ${t.preview.updatedIn(n(preview.ms))}`
  // the form has errors: what is on screen belongs to the last valid fund, not to the form
  const outOfDate = !parsed.ok && result !== null
  return (
    <section className={`results${outOfDate ? ' out-of-date' : ''}`} id="results" aria-labelledby="results-heading" data-preview-seq={preview.seq} data-preview-state={preview.status} data-preview-trials={preview.result?.trials ?? 0} data-showing={showFull ? 'full' : 'preview'} data-preview-current={parsed.ok && preview.status === 'done' && requested.current === key} data-out-of-date={outOfDate} tabIndex={-1}>
      <h2 id="results-heading">{t.preview.heading}</h2>
      <p className={`preview-status${busy ? ' busy' : ''}${parsed.ok ? '' : ' paused'}`} data-testid="preview-status" aria-live="polite">
        {showFull ? t.preview.showingFull(n(full.result!.result.trials), full.source === 'server' ? t.preview.whereServer : t.preview.whereBrowser) : status}
      </p>
      {fullFits && (
        <button type="button" className="small ghost" onClick={() => setPreferPreview(!preferPreview)}>
          {showFull ? t.preview.showPreview : t.preview.showFull}
        </button>
      )}
      {full.result && !fullFits && full.status === 'done' && <p className="hint">{t.preview.stale}</p>}
      {result && (
        <p className="hint scenario-shown" data-testid="results-scenario">
          {t.share.scenarioShown(scenarioName(result.config.market.shocks, t, pick), result.config.market.shocks.length)}
        </p>
      )}
      <FullRunPanel />
      {outOfDate && (
        <p className="out-of-date-banner" role="status" data-testid="out-of-date">
          {t.preview.outOfDate}
        </p>
      )}
      {result ? (
        <div className="results-shown" aria-disabled={outOfDate || undefined}>
          <ResultsView result={result} />
        </div>
      ) : (
        <p className="empty">{t.preview.empty}</p>
      )}
      <ShareExport result={result} full={showFull ? full.result : null} />
      {result && (
        <a className="mini-summary" href="#results" aria-hidden="true" tabIndex={-1}>
          P50 {formatMultiple(result.summary.netTvpi.p50, locale)} · {t.cards.loss} {formatPercent(result.summary.probLoss.value, locale, 0)}
          {busy ? ' …' : ''}
        </a>
      )}
    </section>
  )
}
