import { useState } from 'react'
import type { RunResult } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import type { FullRunResult } from '../../app/clients.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { encodeShare, shareUrl } from '../scenarios/share-link.ts'
import { downloadText, slug } from './download.ts'
import { resultToCsv } from './export.ts'

/** Share link of the current fund (and of the full run on screen); CSV and JSON of the result on screen. */
export function ShareExport({ result, full }: { result: RunResult | null; full: FullRunResult | null }) {
  const { draft } = useAppState()
  const { t } = useI18n()
  const [link, setLink] = useState('')
  const [copied, setCopied] = useState(false)
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
  const name = result ? slug(result.name) : 'pcsim'
  return (
    <section className="share" aria-labelledby="share-heading">
      <h3 id="share-heading">{t.share.heading}</h3>
      <div className="row wrap">
        <button type="button" onClick={() => void share()} data-testid="share-link">
          {t.share.copyLink}
        </button>
        <button type="button" disabled={!result} onClick={() => result && downloadText(resultToCsv(result), `${name}-${result.trials}.csv`, 'text/csv')}>
          {t.share.csv}
        </button>
        <button type="button" disabled={!result} onClick={() => result && downloadText(JSON.stringify(result, null, 2), `${name}-${result.trials}.json`, 'application/json')}>
          {t.share.json}
        </button>
      </div>
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
