import { useEffect, useMemo, useState } from 'react'
import { holdingsTemplateCsv, presetName, REGIME_IDS, type Reforecast } from '@pcsim/engine'
import { api } from '../../api/client.ts'
import type { SavedScenario } from '../../api/types.ts'
import { useAppState } from '../../app/AppState.tsx'
import { reforecastClient, withTrials } from '../../app/clients.ts'
import { useSimulation } from '../../engine/useSimulation.ts'
import { formatNumber } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { parseTypedNumber } from '../fund-builder/issue-wording.ts'
import { downloadText } from '../results/download.ts'
import { errorText } from '../results/error-text.ts'
import { ResultsView } from '../results/ResultsView.tsx'
import { readHoldingsFile } from './holdings-file.ts'
import { HoldingsIssues, HoldingsPreview } from './HoldingsPreview.tsx'
import { PlanVsActualPanel } from './PlanVsActualPanel.tsx'

const MAX_TRIALS = 200_000

/** Saved scenarios to pick the plan from, while the tab is open and the server answers. */
function useSavedScenarios(online: boolean, active: boolean): SavedScenario[] {
  const [items, setItems] = useState<SavedScenario[]>([])
  useEffect(() => {
    if (!online || !active) return
    let alive = true
    api
      .listScenarios()
      .then((r) => alive && setItems(r.items))
      .catch(() => alive && setItems([]))
    return () => {
      alive = false
    }
  }, [online, active])
  return items
}

/**
 * The Reforecast tab: a holdings file (template, upload or paste) previewed with the engine's own
 * parsers, the plan and date, then the reforecast against its plan with the results views reused.
 */
export function ReforecastView({ active }: { active: boolean }) {
  const { parsed, server, draft } = useAppState()
  const { t, locale, pick } = useI18n()
  const r = t.reforecast
  const snap = useSimulation(reforecastClient)
  const online = server.status === 'online'
  const fund = parsed.ok ? parsed.config : undefined
  const [text, setText] = useState('')
  const [fileName, setFileName] = useState<string | null>(null)
  const file = useMemo(() => (text.trim() ? readHoldingsFile(text, fund) : null), [text, fund])
  const saved = useSavedScenarios(online, active)
  const [planId, setPlanId] = useState('')
  const [asOf, setAsOf] = useState('')
  const [regime, setRegime] = useState('')
  const [trialsText, setTrialsText] = useState('5000')
  const trials = parseTypedNumber(trialsText)
  const trialsOk = trials !== null && Number.isInteger(trials) && trials >= 100 && trials <= MAX_TRIALS
  const running = snap.status === 'running' || snap.status === 'waiting'
  const holdings: Reforecast | null = file?.result.ok ? file.result.reforecast : null
  const ready = fund !== undefined && holdings !== null && trialsOk && !running
  const fundName = draft.config.name || pick(presetName(`fund.${draft.config.template ?? ''}`))

  // (the input is emptied after each pick, so picking the same file again reads it again)
  const open = async (f: File | undefined) => {
    if (!f) return
    setFileName(f.name)
    setText(await f.text())
  }
  const [planError, setPlanError] = useState<unknown>(null)
  const run = async () => {
    if (!ready || !fund || !holdings || trials === null) return
    setPlanError(null)
    let scenario: SavedScenario | null = null
    try {
      scenario = planId ? await api.getScenario(planId) : null
    } catch (e) {
      return setPlanError(e)
    }
    const plan = scenario ? { id: scenario.id, config: scenario.config } : null
    reforecastClient.request({
      config: withTrials(fund, trials),
      holdings: file!.body,
      reforecast: holdings,
      ...(asOf && { asOf }),
      ...(regime && { regime: regime as Reforecast['regime'] }),
      plan,
      online,
    })
  }
  const result = snap.result
  return (
    <section className="reforecast" aria-labelledby="reforecast-heading" data-testid="reforecast">
      <h2 id="reforecast-heading">{r.heading}</h2>
      <p className="hint">{r.intro}</p>
      <p data-testid="reforecast-fund">{fund ? r.fund(fundName) : <span className="field-error">{r.fundInvalid}</span>}</p>

      <fieldset className="reforecast-step">
        <legend>{r.stepHoldings}</legend>
        <div className="row wrap">
          <button type="button" onClick={() => downloadText(holdingsTemplateCsv(), 'pcsim-holdings-template.csv', 'text/csv')} data-testid="holdings-template">
            {r.template}
          </button>
          <span className="hint">{r.templateHint}</span>
        </div>
        <div className="row wrap">
          {/* the native picker's own words are in the browser's language: a labelled button instead */}
          <input id="holdings-file" className="file-input" type="file" accept=".csv,.json,text/csv,application/json" onChange={(e) => (void open(e.target.files?.[0]), (e.target.value = ''))} data-testid="holdings-file" />
          <label htmlFor="holdings-file" className="file-button">
            {r.upload}
          </label>
          {fileName && <span className="hint">{r.fileName(fileName)}</span>}
        </div>
        <label htmlFor="holdings-text">{r.paste}</label>
        <textarea
          id="holdings-text"
          className="holdings-text"
          rows={6}
          wrap="off"
          spellCheck={false}
          aria-label={r.pasteLabel}
          value={text}
          onChange={(e) => (setText(e.target.value), setFileName(null))}
          data-testid="holdings-text"
        />
        {text && (
          <div className="row wrap">
            <button type="button" className="small ghost" onClick={() => (setText(''), setFileName(null))}>
              {r.clear}
            </button>
          </div>
        )}
        {file && !file.result.ok && <HoldingsIssues issues={file.result.issues} />}
        {holdings && <HoldingsPreview reforecast={holdings} currency={fund?.fund.currency ?? 'USD'} />}
      </fieldset>

      <fieldset className="reforecast-step">
        <legend>{r.stepPlan}</legend>
        <div className="row wrap">
          <label htmlFor="reforecast-plan">{r.plan}</label>
          <select id="reforecast-plan" value={planId} onChange={(e) => setPlanId(e.target.value)} data-testid="reforecast-plan">
            <option value="">{r.planCurrent}</option>
            {saved.map((s) => (
              <option key={s.id} value={s.id}>
                {r.planSaved(s.name)}
              </option>
            ))}
          </select>
        </div>
        {!online && <p className="hint">{r.planOffline}</p>}
        <div className="row wrap">
          <label htmlFor="reforecast-as-of">{r.asOf}</label>
          <input id="reforecast-as-of" type="date" value={asOf} placeholder={holdings?.asOf} onChange={(e) => setAsOf(e.target.value)} aria-describedby="reforecast-as-of-hint" data-testid="reforecast-as-of" />
          <span className="hint" id="reforecast-as-of-hint">
            {r.asOfHint(holdings?.asOf ?? '')}
          </span>
        </div>
        <div className="row wrap">
          <label htmlFor="reforecast-regime">{r.regime}</label>
          <select id="reforecast-regime" value={regime} onChange={(e) => setRegime(e.target.value)}>
            <option value="">{r.regimeFile}</option>
            {REGIME_IDS.map((id) => (
              <option key={id} value={id}>
                {t.builder.editor.regimes[id]}
              </option>
            ))}
          </select>
        </div>
        <div className="row wrap">
          <label htmlFor="reforecast-trials">{r.trials}</label>
          <input id="reforecast-trials" type="text" inputMode="numeric" value={trialsText} onChange={(e) => setTrialsText(e.target.value)} aria-invalid={!trialsOk} />
          <button type="button" className="primary" disabled={!ready} onClick={() => void run()} data-testid="reforecast-run">
            {r.run}
          </button>
          {running && (
            <button type="button" onClick={() => reforecastClient.cancel()} data-testid="reforecast-cancel">
              {r.cancel}
            </button>
          )}
        </div>
        {!trialsOk && <p className="field-error">{t.run.trialsHint(formatNumber(MAX_TRIALS, locale))}</p>}
        {!holdings && <p className="hint">{r.needHoldings}</p>}
        <div aria-live="polite" className="run-status" data-testid="reforecast-status" data-status={snap.status}>
          {running && (
            <>
              <progress max={snap.progress?.total ?? 1} value={snap.progress?.done ?? 0} aria-label={r.running} />
              <span>{snap.progress ? t.run.progress(formatNumber(snap.progress.done, locale), formatNumber(snap.progress.total, locale)) : r.running}</span>
            </>
          )}
          {snap.status === 'error' && <span className="field-error">{t.run.failed(errorText(snap.error, t, pick))}</span>}
          {planError !== null && <span className="field-error">{t.run.failed(errorText(planError, t, pick))}</span>}
          {snap.status === 'cancelled' && <span>{t.run.cancelled}</span>}
        </div>
      </fieldset>

      {result && (
        <section className="reforecast-results" aria-labelledby="reforecast-results-heading" data-testid="reforecast-results">
          <h3 id="reforecast-results-heading">{r.stepResults}</h3>
          <p className="hint">
            {r.where(snap.source === 'server' ? t.preview.whereServer : t.preview.whereBrowser)} · {r.runInfo(result.run.seed, formatNumber(result.run.trials, locale), result.run.config.reforecast?.asOf ?? '')}
          </p>
          <PlanVsActualPanel result={result} />
          <h3>{r.resultsHeading}</h3>
          <ResultsView result={result.run} />
        </section>
      )}
    </section>
  )
}
