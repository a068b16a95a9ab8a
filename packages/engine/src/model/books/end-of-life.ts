import { C, type TrialRecord } from '../../run/metric-ids.ts'
import type { ResolvedRun } from '../resolve.ts'
import type { TrialWorkspace } from '../workspace.ts'
import { ALIVE, GONE, STILL } from './state.ts'
import { payListingTranches } from './exit-routes.ts'

/** End of life: at the last quarter of the term the fund extends by a year while NAV is above the
 * threshold; in the fund's last quarter every holding left is sold at the end-of-life discount. */
export function endOfLifeStep(run: ResolvedRun, ws: TrialWorkspace, q: number, out: TrialRecord): void {
  const s = ws.books
  const t = s.terms
  const { fund } = run.config
  if (q === s.endQ - 1 && s.endQ < run.horizon && s.nav > fund.extensionNavThreshold * t.size) s.endQ = Math.min(run.horizon, s.endQ + 4)
  s.last = q === s.endQ - 1
  payListingTranches(run, ws, q, s.last)
  if (!s.last) return
  const { deals } = run
  const { state, own, mark, invested, proceeds, entryQuarter, amer } = ws
  for (let c = 0; c < t.n; c++) {
    if (state[c] !== ALIVE && state[c] !== STILL) continue
    const p = own[c]! * mark[c]! * t.keep
    proceeds[c] = p
    s.proceedsQ += p
    out.cellProceeds[deals.cell[c]!]! += p
    if (state[c] === ALIVE) out.counts[C.heldAtEnd]!++
    if (t.american) s.carryQ += amer.realise(p, invested[c]!, (q - entryQuarter[c]!) / 4)
    state[c] = GONE
  }
  s.nav = 0
  s.investedLive = 0
}
