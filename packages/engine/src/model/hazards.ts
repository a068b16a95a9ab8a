import { lognormalCdf } from '../random/distributions.ts'
import type { RoundModel, SectorModel } from '../schema/companies.ts'
import { MAX_QUARTERS } from '../schema/limits.ts'
import { REGIME_IDS, ROUND_IDS } from '../schema/ids.ts'
import { EFFECT_IDS, type Market } from '../schema/market.ts'
import { EFFECT } from './effects.ts'

/** Fewest quarters between a round and the company's next raise, sale or listing (a failure can
 * come one quarter after a round): deals take months to arrange, and an exit a quarter after the
 * last price would produce meaningless IRRs. */
export const MIN_EVENT_QUARTERS = 2

/** Operational ages tabulated (quarters since the round at normal speed). Far beyond any horizon:
 * by then the survival of every built-in round is below 1e−12 and the hazard is capped. */
export const MAX_AGE = 4 * MAX_QUARTERS

/** Largest integrated hazard of one quarter: survival e^−50 ≈ 2e−22, i.e. the event is certain. */
const CERTAIN = 50

/**
 * Competing hazards of one round, tabulated once per resolved run.
 *
 * In a calm market a company that has just raised this round ends it by one of five causes with
 * the table's eventual probabilities p_k (fail, stall, sale, next round, listing), after a rounded
 * lognormal wait in quarters (median failMonths/3 for failure, waitMonths/3 for the others, at
 * least 1 and MIN_EVENT_QUARTERS). That mixture is written as cause-specific integrated hazards
 * per quarter of age j:
 *   c_k(j) = −ln(1 − h(j)) · I_k(j) / Σ_i I_i(j),  I_k(j) = p_k · P(D_k = j),  h(j) = Σ_k I_k(j) / S(j)
 * so that c_k(j) = p_k · w(j) for the four causes that share the "wait" clock and p_fail · f(j)
 * for failure. `wait` and `fail` hold the running sums W(a) = Σ_{j ≤ a} w(j) and F(a) likewise:
 * with every multiplier at 1 the simulation reproduces the mixture exactly (in law).
 */
export interface RoundHazards {
  fail: number
  stall: number
  acquisition: number
  next: number
  listing: number
  /** The round's own parameters (stall value, step-up, dilution), read by index in the company loop. */
  round: RoundModel
  /** W(a) and F(a) interleaved: [2a] = W(a), [2a + 1] = F(a), a = 0..MAX_AGE. */
  clocks: Float64Array
  /** Per regime g (REGIME_IDS order), at [4g..4g+3]: hazard per unit of W, per unit of F, queued
   * listing hazard per unit of W (−1 while the window is open), operational age per quarter. */
  regime: Float64Array
  /** Per regime g: the integrated hazard G_g(a) = regime[4g]·W(a) + regime[4g+1]·F(a), a = 0..MAX_AGE. */
  regimeClock: Float64Array[]
}

/** Slowest a market can make the company's clock run (waitTime multipliers are clamped to it). */
const FASTEST_WAIT = 0.05

/** Coefficients of a round for one quarter's multipliers `m` (EFFECT_IDS order), written at out[o..o+3]. */
export function quarterCoefficients(h: Pick<RoundHazards, 'fail' | 'stall' | 'acquisition' | 'next' | 'listing'>, m: ArrayLike<number>, toSale: number, out: Float64Array, o: number): void {
  const wait = m[EFFECT.waitTime]!
  const ml = m[EFFECT.listing]!
  const shut = ml < 1
  out[o] = h.stall + h.acquisition * m[EFFECT.acquisition]! + h.next * m[EFFECT.graduation]! + h.listing * (shut ? ml + toSale * (1 - ml) : ml)
  out[o + 1] = h.fail * m[EFFECT.failure]!
  out[o + 2] = shut ? (1 - toSale) * h.listing * (1 - ml) : -1
  out[o + 3] = wait === 1 ? 1 : 1 / (wait > FASTEST_WAIT ? wait : FASTEST_WAIT)
}

/** P(D = j), j = 0..MAX_AGE, for D = max(min, round(X)), X lognormal with median m quarters. */
function roundedLognormalPmf(medianQuarters: number, sigma: number, min: number): Float64Array {
  const pmf = new Float64Array(MAX_AGE + 1)
  let prev = 0
  for (let j = min; j <= MAX_AGE; j++) {
    const cdf = j === MAX_AGE ? 1 : lognormalCdf(j + 0.5, medianQuarters, sigma)
    pmf[j] = Math.max(0, cdf - prev)
    prev = Math.max(prev, cdf)
  }
  return pmf
}

export function roundHazards(r: RoundModel, last: boolean, market: Market): RoundHazards {
  const pFail = r.fail
  const stall = Math.max(0, 1 - r.next - r.acquisition - r.listing - r.fail)
  const pw = roundedLognormalPmf(r.waitMonths / 3, r.waitSigma, MIN_EVENT_QUARTERS)
  const pf = roundedLognormalPmf(r.failMonths / 3, r.waitSigma, 1)
  const other = 1 - pFail
  const clocks = new Float64Array(2 * (MAX_AGE + 1))
  let survival = 1
  let W = 0
  let F = 0
  for (let j = 1; j <= MAX_AGE; j++) {
    const iw = other * pw[j]!
    const iff = pFail * pf[j]!
    const total = iw + iff
    if (total > 0) {
      const h = survival > 1e-300 ? Math.min(1, total / survival) : 1
      const L = h >= 1 ? CERTAIN : Math.min(CERTAIN, -Math.log1p(-h))
      W += (L * pw[j]!) / total
      F += (L * pf[j]!) / total
      survival = Math.max(0, survival - total)
    }
    clocks[2 * j] = W
    clocks[2 * j + 1] = F
  }
  // the last round has no next round: a company that would "raise" lists instead
  const odds = { fail: pFail, stall, acquisition: r.acquisition, next: last ? 0 : r.next, listing: last ? r.listing + r.next : r.listing }
  const regime = new Float64Array(4 * REGIME_IDS.length)
  const regimeClock = REGIME_IDS.map((g, i) => {
    const e = market.regimes.effects[g]
    quarterCoefficients(odds, EFFECT_IDS.map((id) => e[id]), market.listingQueue.toSale, regime, 4 * i)
    const G = new Float64Array(MAX_AGE + 1)
    for (let a = 0; a <= MAX_AGE; a++) G[a] = regime[4 * i]! * clocks[2 * a]! + regime[4 * i + 1]! * clocks[2 * a + 1]!
    return G
  })
  // one literal, fields in one order: every round's table shares one hidden class, so the company
  // loop's property loads stay monomorphic (a spread gave five shapes and megamorphic loads)
  return { fail: odds.fail, stall: odds.stall, acquisition: odds.acquisition, next: odds.next, listing: odds.listing, round: r, clocks, regime, regimeClock }
}

/** The hazard tables of every round of a sector model, in ROUND_IDS order. */
export const sectorHazards = (m: SectorModel, market: Market): RoundHazards[] => ROUND_IDS.map((id, k) => roundHazards(m.rounds[id], k === ROUND_IDS.length - 1, market))

