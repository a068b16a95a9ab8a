import { C, type TrialRecord } from '../../run/metric-ids.ts'
import type { ResolvedRun } from '../resolve.ts'
import type { TrialWorkspace } from '../workspace.ts'
import { ALIVE, GONE, STILL } from './state.ts'
import { payListingTranches } from './exit-routes.ts'

/** Entry rounds (seed, A) whose holdings secondary buyers price at a deeper discount. */
const EARLY_ROUND_MAX = 1

/** Probability that the fund takes its next one-year extension: none while NAV is at or below the
 * threshold; otherwise the first extension's probability, times the decay for each one already
 * taken, scaled by NAV against its reference and by the regime at the decision. */
export function extensionProbability(ws: TrialWorkspace, q: number): number {
  const s = ws.books
  const { ext, size } = s.terms
  if (!(s.nav > ext.threshold * size)) return 0
  const navFactor = ext.elasticity === 0 ? 1 : Math.pow(s.nav / (ext.reference * size), ext.elasticity)
  return Math.min(1, ext.first * Math.pow(ext.decay, s.extensions) * navFactor * ext.regime[ws.path.regime[q]!]!)
}

/** End of life: at the last quarter of the term the GP asks for one more year and the LPs grant it
 * with the probability above; in the fund's last quarter what is left is sold, to LP-led secondary
 * buyers at a discount drawn for the regime (deeper for early-stage and unpriced holdings), or to a
 * GP-led continuation vehicle that the rolling LPs join at NAV. */
export function endOfLifeStep(run: ResolvedRun, ws: TrialWorkspace, q: number, out: TrialRecord): void {
  const s = ws.books
  if (q === s.endQ - 1 && s.endQ < run.horizon) {
    const p = extensionProbability(ws, q)
    if (p >= 1 || (p > 0 && ws.rng.uniform() < p)) {
      s.endQ = Math.min(run.horizon, s.endQ + 4)
      s.extensions++
    }
  }
  s.last = q === s.endQ - 1
  payListingTranches(run, ws, q, s.last)
  if (s.last) sellWhatIsLeft(run, ws, q, out)
}

function sellWhatIsLeft(run: ResolvedRun, ws: TrialWorkspace, q: number, out: TrialRecord): void {
  const s = ws.books
  const t = s.terms
  const { deals } = run
  const { state, own, mark, proceeds, entryQuarter, entryPost, amer } = ws
  const { sale, continuation } = t
  let base = 0
  if (!continuation.on && s.nav > 0) {
    base = sale.mean[ws.path.regime[q]!]!
    if (sale.sd > 0) base += sale.sd * ws.rng.normal()
  }
  for (let c = 0; c < t.n; c++) {
    if (state[c] !== ALIVE && state[c] !== STILL) continue
    const drawn = ws.drawnValue[c]!
    const value = t.powerLaw && drawn === drawn ? drawn : own[c]! * mark[c]!
    let keep: number
    if (continuation.on) keep = continuation.keep
    else {
      let d = base
      if (deals.round[c]! <= EARLY_ROUND_MAX) d += sale.early
      if (!t.powerLaw && mark[c] === entryPost[c]) d += sale.unpriced
      keep = 1 - Math.min(1, Math.max(0, d))
    }
    const p = value * keep
    s.navSold += value
    s.saleProceeds += p
    proceeds[c]! += p
    s.proceedsQ += p
    out.cellProceeds[deals.cell[c]!]! += p
    if (state[c] === ALIVE) out.counts[C.heldAtEnd]!++
    if (t.american) s.carryQ += amer.realise(p, ws.costHeld[c]!, (q - entryQuarter[c]!) / 4)
    state[c] = GONE
  }
  s.nav = 0
  s.investedLive = 0
}
