import { useState } from 'react'
import type { RunResult } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { BROWSER_MAX_TRIALS, trialValues, withTrials, type FullRunResult } from '../../app/clients.ts'
import { formatNumber } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { encodeShare, shareUrl } from '../scenarios/share-link.ts'
import { downloadBlob, downloadText, slug } from './download.ts'
import { exportMeta } from './export-meta.ts'
import { trialsToCsv } from './export-trials.ts'
import { resultToXlsx } from './export-xlsx.ts'
import { resultToCsv } from './export.ts'
import { openReport } from '../report/report-store.ts'

/** Share link of the current fund (and of the full run on screen); CSV, JSON, Excel and per-trial CSV of the result on screen. */
export function ShareExport({ result, full }: { result: RunResult | null; full: FullRunResult | null }) {
  const { draft } = useAppState()
  const { t, pick, locale } = useI18n()
  const [link, setLink] = useState('')
  const [copied, setCopied] = useState(false)
  const [busy, setBusy] = useState<'xlsx' | 'trials' | null>(null)
  const share = async () => {
    const run = full ? { trials: full.result.trials, seed: full.result.seed, ...(full.runId ? { id: full.runId } : {}) } : undefined
    const url = shareUrl(await encodeShare(draft, run))
    setLink(url)
    setCopied(false)
    try {
      await navigator.clipboard.writeText(url)
      setCopied(true)
    } catch {
      // no clipboard permission: the link stays selectable in the field below
    }
  }
  const name = result ? `${slug(result.name)}-${result.trials}` : 'pcsim'
  const meta = result ? exportMeta(result, t, pick) : null
  const json = (r: RunResult) => JSON.stringify({ ...r, export: { scenario: meta?.scenario, shocks: meta?.shocks, engineVersion: r.engineVersion } }, null, 2)
  const xlsx = async (r: RunResult) => {
    setBusy('xlsx')
    try {
      downloadBlob(await resultToXlsx(r, exportMeta(r, t, pick), t.share.sheets), `${name}.xlsx`)
    } finally {
      setBusy(null)
    }
  }
  const perTrial = async (r: RunResult) => {
    setBusy('trials')
    try {
      const m = exportMeta(r, t, pick)
      const values = await trialValues(withTrials(r.config, r.trials))
      const header = [`fund: ${m.fund}`, `scenario: ${m.scenario}`, `trials: ${m.trials}`, `seed: ${m.seed}`, `engine: ${m.engineVersion}`, `currency: ${m.currency} (money in millions)`]
      downloadText(trialsToCsv(values, header), `${name}-trials.csv`, 'text/csv')
    } finally {
      setBusy(null)
    }
  }
  const tooMany = result !== null && result.trials > BROWSER_MAX_TRIALS
  return (
    <section className="share" aria-labelledby="share-heading" data-testid="share-export">
      <h3 id="share-heading">{t.share.heading}</h3>
      <div className="row wrap">
        <button type="button" className="primary" disabled={!result} onClick={() => result && openReport(result)} data-testid="report-open">
          {t.report.open}
        </button>
        <button type="button" onClick={() => void share()} data-testid="share-link">
          {t.share.copyLink}
        </button>
        <button type="button" disabled={!result} onClick={() => result && downloadText(resultToCsv(result, meta ?? undefined), `${name}.csv`, 'text/csv')} data-testid="export-csv">
          {t.share.csv}
        </button>
        <button type="button" disabled={!result} onClick={() => result && downloadText(json(result), `${name}.json`, 'application/json')} data-testid="export-json">
          {t.share.json}
        </button>
        <button type="button" disabled={!result || busy !== null} onClick={() => result && void xlsx(result)} data-testid="export-xlsx">
          {busy === 'xlsx' ? t.share.preparing : t.share.xlsx}
        </button>
        <button type="button" disabled={!result || busy !== null || tooMany} onClick={() => result && void perTrial(result)} data-testid="export-trials" aria-describedby="per-trial-hint">
          {busy === 'trials' ? t.share.preparing : t.share.perTrial}
        </button>
      </div>
      {result && (
        <p className="hint" id="per-trial-hint">
          {tooMany ? t.share.perTrialTooMany(formatNumber(BROWSER_MAX_TRIALS, locale)) : t.share.perTrialHint(formatNumber(result.trials, locale))}
        </p>
      )}
      {link && (
        <div className="field">
          <label htmlFor="share-url">{t.share.linkLabel}</label>
          <input id="share-url" type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" />
          <p className="hint" aria-live="polite">
            {copied ? t.share.copied : ''}
          </p>
        </div>
      )}
    </section>
  )
}
