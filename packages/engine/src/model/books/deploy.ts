import { C, type TrialRecord } from '../../run/metric-ids.ts'
import type { ResolvedRun } from '../resolve.ts'
import type { TrialWorkspace } from '../workspace.ts'
import { ALIVE, REACHED } from './state.ts'

/** Deploy: the quarter's first cheques, as far as uncalled commitments and cash allow; tracks the
 * planned pace for cash drag. */
export function deployStep(run: ResolvedRun, ws: TrialWorkspace, q: number, out: TrialRecord): void {
  const s = ws.books
  const t = s.terms
  const { deals } = run
  const { state, own, mark, invested, costHeld, entryQuarter, unicorn, dealQuarter, entryPost, entryOthers } = ws
  const counts = out.counts
  const n = t.n
  s.fundable = s.unfunded + s.cash - run.feesAhead[q]!
  while (s.plannedPtr < n && deals.quarter[s.plannedPtr]! === q) s.plannedCum += deals.cheque[s.plannedPtr++]!
  while (s.dealPtr < n && dealQuarter[s.dealPtr]! === q) {
    const i = s.dealPtr++
    const cheque = deals.cheque[i]!
    if (cheque > s.unfunded + s.cash + 1e-9) continue
    state[i] = ALIVE
    own[i] = (cheque * deals.quality[i]! * ws.skill) / entryPost[i]!
    mark[i] = entryPost[i]!
    invested[i] = cheque
    costHeld[i] = cheque
    entryQuarter[i] = q
    s.investQ += cheque
    s.initialQ += cheque
    s.investedLive += cheque
    s.nav += cheque
    s.mobilisedEntry += entryOthers[i]!
    counts[C.companies]!++
    counts[REACHED[deals.round[i]!]!]!++
    out.cellInvested[deals.cell[i]!]! += cheque
    out.cellCompanies[deals.cell[i]!]! += 1
    if (!t.powerLaw && mark[i]! >= t.unicornAt) unicorn[i] = 1
  }
  s.actualCum += s.initialQ
  if (q < run.investQuarters) s.idle += Math.max(0, s.plannedCum - s.actualCum)
}
