import type { TrialRecord } from '../run/metric-ids.ts'
import { callsStep, cashYieldStep } from './books/calls.ts'
import { companyEventsStep } from './books/company-events.ts'
import { deployStep } from './books/deploy.ts'
import { distributionsStep } from './books/distributions.ts'
import { endOfLifeStep } from './books/end-of-life.ts'
import { feesStep } from './books/fees-step.ts'
import { enterHoldings, historyStep, openHoldings } from './books/history.ts'
import { finishYears, recordQuarter } from './books/records.ts'
import { NONE } from './books/state.ts'
import type { ResolvedRun } from './resolve.ts'
import { finishTrial } from './trial-metrics.ts'
import type { TrialWorkspace } from './workspace.ts'

/** Clears the per-trial buffers and totals; nothing is allocated. */
function openBooks(run: ResolvedRun, ws: TrialWorkspace, out: TrialRecord): void {
  ws.euro.reset()
  ws.amer.reset()
  ws.ledger.reset()
  ws.books.resetTrial(run)
  ws.state.fill(NONE)
  ws.own.fill(0)
  ws.invested.fill(0)
  ws.proceeds.fill(0)
  ws.followed.fill(0)
  ws.unicorn.fill(0)
  out.counts.fill(0)
  out.cellInvested.fill(0)
  out.cellProceeds.fill(0)
  out.cellCompanies.fill(0)
  out.reinvestment.fill(0)
  const years = ws.books.terms.years
  out.years.fill(0, 4 * years, 5 * years)
}

/** The fund's quarterly books for one trial, quarter by quarter: yield on cash, deploy, company
 * events, end of life, fees, calls, distributions; then the trial's metrics. A reforecast's
 * quarters before its date are history (model/books/history.ts). */
export function runBooks(run: ResolvedRun, ws: TrialWorkspace, out: TrialRecord): void {
  openBooks(run, ws, out)
  const s = ws.books
  const uniform = ws.ledger.uniform
  const history = run.reforecast ? run.reforecast.asOfQuarter : -1
  if (history >= 0) openHoldings(run, ws, out)
  for (let q = 0; q < s.endQ; q++) {
    if (uniform) ws.euro.accrue()
    s.beginQuarter()
    if (q < history) {
      historyStep(run, ws, q)
      recordQuarter(run, ws, q, out)
      continue
    }
    if (q === history) enterHoldings(run, ws, q)
    cashYieldStep(ws)
    deployStep(run, ws, q, out)
    companyEventsStep(run, ws, q, out)
    endOfLifeStep(run, ws, q, out)
    feesStep(run, ws, q)
    callsStep(ws, q)
    distributionsStep(run, ws, q)
    recordQuarter(run, ws, q, out)
  }
  finishYears(run, ws, out)
  finishTrial(run, ws, out)
}
