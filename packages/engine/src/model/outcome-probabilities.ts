import type { RoundModel } from '../schema/companies.ts'

/** Cumulative outcome thresholds in the order fail, stall, acquisition, next, listing, so a low
 * latent draw means a bad outcome (this is what lets a correlated factor move companies together). */
export interface Thresholds {
  fail: number
  stall: number
  acquisition: number
  next: number
}

const MAX_GOOD = 0.98

/** Applies regime and shock multipliers to a stage's eventual probabilities. Good outcomes scale
 * directly (capped at 98% together); the rest splits between failure (scaled by its multiplier) and
 * stall in proportion, so every row still sums to one. */
export function outcomeThresholds(r: RoundModel, graduation: number, acquisition: number, listing: number, failure: number, out: Thresholds): Thresholds {
  let next = r.next * graduation
  let acq = r.acquisition * acquisition
  let list = r.listing * listing
  const good = next + acq + list
  if (good > MAX_GOOD) {
    const k = MAX_GOOD / good
    next *= k
    acq *= k
    list *= k
  }
  const bad = 1 - next - acq - list
  const stallBase = Math.max(0, 1 - r.next - r.acquisition - r.listing - r.fail)
  const failWeight = r.fail * failure
  const fail = failWeight + stallBase > 0 ? (bad * failWeight) / (failWeight + stallBase) : bad
  out.fail = fail
  out.stall = bad
  out.acquisition = bad + acq
  out.next = bad + acq + next
  return out
}
