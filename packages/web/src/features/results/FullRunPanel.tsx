import { useEffect, useRef, useState } from 'react'
import { limits } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { BROWSER_MAX_TRIALS, fullRunClient, SERVER_DEFAULT_MAX_TRIALS, withTrials } from '../../app/clients.ts'
import { useSimulation } from '../../engine/useSimulation.ts'
import { formatNumber } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { parseTypedNumber } from '../fund-builder/issue-wording.ts'
import { errorText } from './error-text.ts'

/** Trials, a start button, a progress bar from the server's event stream (or the workers), cancel. */
export function FullRunPanel() {
  const { parsed, key, server, sharedRun } = useAppState()
  const { t, locale, pick } = useI18n()
  const snap = useSimulation(fullRunClient)
  const online = server.status === 'online'
  const n = (x: number) => formatNumber(x, locale)
  const max = Math.min(limits.MAX_TRIALS, online ? (server.maxTrials ?? SERVER_DEFAULT_MAX_TRIALS) : BROWSER_MAX_TRIALS)
  const [text, setText] = useState(() => String(sharedRun?.trials ?? 20000))
  const typed = parseTypedNumber(text)
  const trials = typed ?? Number.NaN
  // the one rule the count breaks, in the order a reader fixes them
  const problem = typed === null ? t.validation.notNumber : !Number.isInteger(typed) ? t.validation.notWhole : typed < 1 ? t.run.trialsTooFew : typed > max ? t.run.tooMany(n(max)) : null
  const valid = problem === null
  const running = snap.status === 'running' || snap.status === 'waiting'
  const start = () => {
    if (!parsed.ok || !key || !valid) return
    fullRunClient.request({ config: withTrials(parsed.config, trials), key, online })
  }
  // a share link of a full run: open the stored run (or run it again, same trials and seed) once
  const opened = useRef(false)
  useEffect(() => {
    if (opened.current || !sharedRun || server.status === 'checking' || !parsed.ok || !key) return
    opened.current = true
    if (sharedRun.trials > max) return
    fullRunClient.request({ config: withTrials(parsed.config, sharedRun.trials), key, online, ...(sharedRun.id ? { storedId: sharedRun.id } : {}) })
  }, [sharedRun, server.status, parsed, key, online, max])
  const p = snap.progress
  return (
    <section className="full-run" aria-labelledby="full-run-heading" data-tour="full-run">
      <h3 id="full-run-heading">{t.run.heading}</h3>
      <div className="row wrap">
        <label htmlFor="full-trials">{t.run.trials}</label>
        <input id="full-trials" type="text" inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} aria-describedby={valid ? 'full-trials-hint' : 'full-trials-hint full-trials-error'} aria-invalid={!valid} />
        <span className="hint" id="full-trials-hint">
          {t.run.trialsHint(n(max))} · {online ? t.run.onServer : t.run.inBrowser}
        </span>
      </div>
      {problem && (
        <p className="field-error" id="full-trials-error" data-testid="full-trials-error">
          {problem}
        </p>
      )}
      <div className="row wrap">
        <button type="button" className="primary" onClick={start} disabled={!parsed.ok || !valid || running} data-testid="full-run-start">
          {t.run.start}
        </button>
        {running && (
          <button type="button" onClick={() => fullRunClient.cancel()} data-testid="full-run-cancel">
            {t.run.cancel}
          </button>
        )}
      </div>
      <div aria-live="polite" className="run-status" data-testid="full-run-status" data-status={snap.status}>
        {running && (
          <>
            <progress max={p?.total ?? trials} value={p?.done ?? 0} aria-label={t.run.heading} data-testid="full-run-progress" />
            <span>{p ? t.run.progress(n(p.done), n(p.total)) : t.run.queued}</span>
          </>
        )}
        {snap.status === 'done' && snap.result && <span data-stored={snap.result.stored}>{snap.result.stored ? t.run.storedOpened(n(snap.result.result.trials)) : t.run.done(n(snap.result.result.trials), ((snap.ms ?? 0) / 1000).toFixed(1))}</span>}
        {snap.status === 'cancelled' && <span>{t.run.cancelled}</span>}
        {snap.status === 'error' && <span className="field-error">{t.run.failed(errorText(snap.error, t, pick))}</span>}
      </div>
    </section>
  )
}
