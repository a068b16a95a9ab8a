import { boundedPareto, CDF_GRID_CELLS, CDF_GRID_LO, CDF_GRID_SCALE, CDF_GRID_SLACK, NORMAL_CDF_GRID, normalCdf } from '../random/distributions.ts'
import type { Rng } from '../random/rng.ts'
import type { SectorModel } from '../schema/companies.ts'
import type { RoundPricing } from './deal-terms.ts'
import { E, EFFECT, type EffectTables } from './effects.ts'

const LISTING = EFFECT.listing
const FAILURE = EFFECT.failure
const ACQUISITION = EFFECT.acquisition
const GRADUATION = EFFECT.graduation
const EXIT_VALUE = EFFECT.exitValue
const STEP_UP = EFFECT.stepUp
import { ACQUIRED, FAILED, LISTED, RAISE, STALLED, TRANSFER, type EventBuffer } from './events.ts'
import { MAX_AGE, MIN_EVENT_QUARTERS, quarterCoefficients, type RoundHazards } from './hazards.ts'
import type { MarketPath } from './market-path.ts'


/** How a shut IPO window treats companies that were ready to list (see docs/model.md). */
export interface ListingQueue {
  /** Share of the withheld listing hazard that turns into a trade sale (or share transfer) at once. */
  toSale: number
  /** Quarters over which the rest of the withheld hazard is released once the window reopens. */
  releaseQuarters: number
}

export interface CompanyContext {
  pricing: RoundPricing
  /** Share of sales that are share transfers, and their price as a multiple of the last post-money. */
  transferShare: number
  transferPrice: number
  model: SectorModel
  /** Competing-hazard tables of the model's rounds (ROUND_IDS order). */
  hazards: RoundHazards[]
  sector: number
  effects: EffectTables
  market: MarketPath
  /** Quarters simulated; events at or after it do not happen. */
  horizon: number
  factorsOn: boolean
  /** √(1 − ρ_within): weight of the company's own noise in its latent draw. */
  idiosyncratic: number
  queue: ListingQueue
  /** Scratch from `createCoefficients()`. */
  coefficients: Float64Array
  /** Scratch of length E (effect multipliers of one quarter). */
  multipliers: Float64Array
}

/** Exit value as a multiple of the last post-money: lognormal body or bounded-Pareto tail. */
export function drawExitMultiple(rng: Rng, model: SectorModel, listed: boolean): number {
  const tail = model.tail
  if (rng.uniform() < tail.probability) return boundedPareto(rng.uniform(), tail.alpha, tail.start, tail.cap)
  const body = listed ? model.listing : model.acquisition
  return body.median * Math.exp(body.sigma * rng.normal())
}

/**
 * Simulates one company from the round it has just raised (`round`, post-money `post`, in quarter
 * `q`) until it exits, fails, stalls or the horizon ends, appending its events to `events`.
 *
 * Each round ends by competing hazards (fail, stall, sale, next round, listing) that are piecewise
 * constant over the market path: in every quarter the regime and the shocks in force THAT quarter
 * multiply each cause's hazard, and the waitTime multiplier slows or speeds the round's clock. The
 * event quarter is where the integrated hazard first passes an exponential draw; the cause is
 * picked in proportion to the hazards of that quarter, with a latent draw (low = bad) so that the
 * market's sector factors move companies together. Step-ups and exit values are read at the event
 * quarter. A listing hazard the market withholds (multiplier below 1) is queued: a share of it
 * becomes a sale at once, the rest is released when the window reopens.
 *
 * Stretches of quarters in one regime with no shock are crossed in one step: the integrated hazard
 * of regime g is the tabulated G_g(age), so the crossing age is found by bisection in the table.
 *
 * `startAge` (a reforecast holding): the company raised `round` that many operational quarters
 * before q and has had no event since, so its first round's walk starts at that age (conditioning
 * on survival to it).
 */
export function simulateCompany(ctx: CompanyContext, rng: Rng, company: number, round: number, q: number, post: number, events: EventBuffer, startAge = 0): void {
  // a number from here on: the raw parameter would keep the loop's post-money tagged, boxed at every raise
  post = +post
  const { model, sector, effects, market, horizon, hazards } = ctx
  const years = market.years
  const regimeRow = effects.regime
  const shockRow = effects.shock
  const shocked = effects.shocked
  const Q = effects.quarters
  const sQ = sector * Q
  const sY = sector * years
  const regimeOf = market.regime
  const factorsOn = ctx.factorsOn
  const idiosyncratic = ctx.idiosyncratic
  const maxValue = model.maxValue
  const toSale = ctx.queue.toSale
  const coef = ctx.coefficients
  for (;;) {
    const h = hazards[round]!
    const clocks = h.clocks
    coef[TARGET] = -Math.log(1 - rng.uniform())
    let t = roundEnd(ctx, h, q, startAge)
    if (t < 0) return
    const age = coef[AGE]!
    const step = coef[STEP]!
    const released = coef[RELEASED]!
    // cause weights of the event quarter, ordered bad to good (a missing shock row multiplies by 1)
    const before = age - step > 0 ? age - step : 0
    const dW = valueAt2(clocks, age, 0) - valueAt2(clocks, before, 0)
    const dF = valueAt2(clocks, age, 1) - valueAt2(clocks, before, 1)
    const tq = t < Q ? t : Q - 1
    let rb = regimeOf[t]! * E
    let sb = shocked[sQ + tq] !== 0 ? (sQ + tq) * E : -1
    let ml: number
    let wFail: number
    let wAcq: number
    let wNext: number
    if (sb < 0) {
      ml = regimeRow[rb + LISTING]!
      wFail = h.fail * dF * regimeRow[rb + FAILURE]!
      wAcq = wFail + h.stall * dW + h.acquisition * dW * regimeRow[rb + ACQUISITION]! + (ml < 1 ? toSale * h.listing * dW * (1 - ml) : 0)
      wNext = wAcq + h.next * dW * regimeRow[rb + GRADUATION]!
    } else {
      shockedWeights(h, dW, dF, regimeRow, rb, shockRow, sb, toSale, coef)
      ml = coef[0]!
      wFail = coef[1]!
      wAcq = coef[2]!
      wNext = coef[3]!
    }
    const wStall = wFail + h.stall * dW
    const all = wNext + h.listing * dW * ml + released
    const u = factorsOn ? latentPick(market.latent[sY + (t >> 2)]! + idiosyncratic * rng.normal(), all, wFail, wStall, wAcq, wNext) : rng.uniform() * all
    if (u < wFail) {
      events.add(t, company, FAILED, round)
      return
    }
    if (t - q + startAge < MIN_EVENT_QUARTERS) {
      t = q + MIN_EVENT_QUARTERS
      if (t >= horizon) return
      const eq = t < Q ? t : Q - 1
      rb = regimeOf[t]! * E
      sb = shocked[sQ + eq] !== 0 ? (sQ + eq) * E : -1
    }
    const r = h.round
    if (u < wStall) {
      const e = events.add(t, company, STALLED, round)
      events.value[e] = post * r.stallValue
      return
    }
    const valuationShift = factorsOn ? market.valuation[sY + (t >> 2)]! : 0
    if (u < wAcq || u >= wNext) {
      // a sale is a trade sale or, in markets where investors sell to investors, a share transfer
      // at a discount to the last round; the rest list
      const sale = u < wAcq
      const transfer = sale && rng.uniform() < ctx.transferShare
      const multiple = transfer ? ctx.transferPrice : drawExitMultiple(rng, model, !sale)
      const exitMultiplier = (sb < 0 ? regimeRow[rb + EXIT_VALUE]! : regimeRow[rb + EXIT_VALUE]! * shockRow[sb + EXIT_VALUE]!) * Math.exp(valuationShift)
      const e = events.add(t, company, transfer ? TRANSFER : sale ? ACQUIRED : LISTED, round)
      events.value[e] = Math.min(maxValue, post * multiple * exitMultiplier)
      return
    }
    const d = hazards[round + 1]!.round.dilution
    // the round is priced down, flat or up, with the shares of the regime in force at the raise
    const pricing = ctx.pricing
    const g = regimeOf[t]!
    const kind = rng.uniform()
    const z = rng.normal()
    const down = pricing.down[g]!
    const stepUp =
      kind < down
        ? pricing.downMedian * Math.exp(pricing.downSigma * z)
        : kind < down + pricing.flat[g]!
          ? 1
          : (sb < 0 ? r.stepUp * regimeRow[rb + STEP_UP]! : r.stepUp * regimeRow[rb + STEP_UP]! * shockRow[sb + STEP_UP]!) * Math.exp(r.stepUpSigma * z + valuationShift)
    post = Math.min(maxValue, (post * stepUp) / (1 - d))
    round += 1
    q = t
    startAge = 0
    const e = events.add(t, company, RAISE, round)
    events.value[e] = post
    events.dilution[e] = d
  }
}

/** True when threshold w decides the same way for every u in [lo, hi] (u < w, or u ≥ w). */
const clear = (w: number, lo: number, hi: number): boolean => w <= lo || w > hi

/**
 * normalCdf(x) · all, or a stand-in that compares with each cumulative weight as it does: the
 * company loop only compares the pick with them, so when the grid brackets normalCdf(x) clear of
 * every weight the bracket's low end serves and the exponential is skipped (the same events).
 */
function latentPick(x: number, all: number, wFail: number, wStall: number, wAcq: number, wNext: number): number {
  const g = (x - CDF_GRID_LO) * CDF_GRID_SCALE
  if (g >= 0 && g < CDF_GRID_CELLS) {
    const k = g | 0
    const lo = (NORMAL_CDF_GRID[k]! - CDF_GRID_SLACK) * all
    const hi = (NORMAL_CDF_GRID[k + 1]! + CDF_GRID_SLACK) * all
    if (clear(wFail, lo, hi) && clear(wStall, lo, hi) && clear(wAcq, lo, hi) && clear(wNext, lo, hi)) return lo
  }
  return normalCdf(x) * all
}

/** The event quarter's weights under a shock (listing multiplier, fail, sale and next-round
 * cumulative weights) at out[0..3]; the rare case, kept out of the company loop. */
function shockedWeights(h: RoundHazards, dW: number, dF: number, regimeRow: Float64Array, rb: number, shockRow: Float64Array, sb: number, toSale: number, out: Float64Array): void {
  const ml = regimeRow[rb + LISTING]! * shockRow[sb + LISTING]!
  const wFail = h.fail * dF * regimeRow[rb + FAILURE]! * shockRow[sb + FAILURE]!
  const wAcq = wFail + h.stall * dW + h.acquisition * dW * regimeRow[rb + ACQUISITION]! * shockRow[sb + ACQUISITION]! + (ml < 1 ? toSale * h.listing * dW * (1 - ml) : 0)
  out[0] = ml
  out[1] = wFail
  out[2] = wAcq
  out[3] = wAcq + h.next * dW * regimeRow[rb + GRADUATION]! * shockRow[sb + GRADUATION]!
}

/** Where scratch `coefficients` holds the state of the event quarter `roundEnd` found. */
const AGE = 4
const STEP = 5
const RELEASED = 6
/** The exponential draw the integrated hazard must reach (passed in the scratch, not boxed). */
const TARGET = 7

/**
 * The quarter in which a round ends that was `age0` operational quarters old at the end of quarter q (−1 when that is at or after the horizon):
 * where the integrated hazard first passes the exponential draw at TARGET. Writes the operational age, its step in that
 * quarter and any released queued listing hazard to the scratch at AGE, STEP, RELEASED.
 */
function roundEnd(ctx: CompanyContext, h: RoundHazards, q: number, age0: number): number {
  const { effects, market, horizon } = ctx
  const regimeRow = effects.regime
  const shockRow = effects.shock
  const shocked = effects.shocked
  const shockEdge = effects.shockEdge
  const Q = effects.quarters
  const sQ = ctx.sector * Q
  const regimeOf = market.regime
  const regimeEnd = market.regimeEnd
  const toSale = ctx.queue.toSale
  const coef = ctx.coefficients
  const m = ctx.multipliers
  const clocks = h.clocks
  const rc = h.regime
  const target = coef[TARGET]!
  let age = +age0 // a number: the raw parameter would keep the walk's age tagged, boxed at every step
  let step = 1
  let total = 0
  let pending = 0
  let releaseStep = 0
  let releaseLeft = 0
  let released = 0
  let t = q
  for (;;) {
    const t1 = t + 1
    if (t1 >= horizon) return -1
    const g4 = 4 * regimeOf[t1]!
    const qq = t1 < Q ? t1 : Q - 1
    const isShocked = shocked[sQ + qq] !== 0
    if (!isShocked && !(pending > 0 && rc[g4 + 2]! < 0)) {
      // a stretch in regime g with no shock and nothing queued to release
      let end = regimeEnd[t1]!
      const edge = shockEdge[sQ + qq]!
      if (edge < end) end = edge
      if (horizon < end) end = horizon
      step = rc[g4 + 3]!
      const G = h.regimeClock[g4 >> 2]!
      const G0 = valueAt(G, age)
      let aEnd = age + (end - t1) * step
      if (aEnd > MAX_AGE - 1) aEnd = MAX_AGE - 1
      const GEnd = valueAt(G, aEnd)
      const need = target - total
      if (GEnd - G0 < need && aEnd < MAX_AGE - 1) {
        total += GEnd - G0
        const queued = rc[g4 + 2]!
        if (queued >= 0) {
          pending += queued * (valueAt2(clocks, aEnd, 0) - valueAt2(clocks, age, 0))
          releaseLeft = 0
        }
        age = aEnd
        t = end - 1
        continue
      }
      const crossing = crossingAge(G, G0 + need, age, aEnd)
      // (dividing by a step of exactly 1 changes nothing; skipping it saves a division)
      let k = Math.ceil((step === 1 ? crossing - age : (crossing - age) / step) - 1e-12)
      if (k < 1) k = 1
      if (k > end - t1) k = end - t1
      age += k * step
      if (age > MAX_AGE - 1) age = MAX_AGE - 1
      t = t1 + k - 1
      released = 0
      break
    }
    // a quarter some shock touches, or one that releases queued listings: one quarter at a time
    if (isShocked) {
      effectsAt(regimeRow, (g4 >> 2) * E, shockRow, (sQ + qq) * E, m)
      quarterCoefficients(h, m, toSale, coef, 0)
    } else for (let i = 0; i < 4; i++) coef[i] = rc[g4 + i]!
    step = coef[3]!
    const a2 = age + step > MAX_AGE - 1 ? MAX_AGE - 1 : age + step
    total += coef[0]! * (valueAt2(clocks, a2, 0) - valueAt2(clocks, age, 0)) + coef[1]! * (valueAt2(clocks, a2, 1) - valueAt2(clocks, age, 1))
    released = 0
    const queued = coef[2]!
    if (queued >= 0) {
      pending += queued * (valueAt2(clocks, a2, 0) - valueAt2(clocks, age, 0))
      releaseLeft = 0
    } else if (pending > 0) {
      if (releaseLeft === 0) {
        const releaseQuarters = Math.max(1, Math.round(ctx.queue.releaseQuarters))
        releaseLeft = releaseQuarters
        releaseStep = pending / releaseQuarters
      }
      released = releaseLeft === 1 ? pending : releaseStep
      pending -= released
      releaseLeft--
      if (releaseLeft === 0) pending = 0
      total += released
    }
    age = a2
    t = t1
    if (total >= target || age >= MAX_AGE - 1) break
  }
  coef[AGE] = age
  coef[STEP] = step
  coef[RELEASED] = released
  return t
}

/** Scratch the company loop reuses: a shocked quarter's coefficients [0..3], the event quarter's state [4..7]. */
export const createCoefficients = (): Float64Array => new Float64Array(8)

/** Every effect multiplier of a quarter (regime row × shock row; no shock row when `sb` < 0). */
function effectsAt(regimeRow: Float64Array, rb: number, shockRow: Float64Array, sb: number, out: Float64Array): void {
  for (let e = 0; e < E; e++) out[e] = sb < 0 ? regimeRow[rb + e]! : regimeRow[rb + e]! * shockRow[sb + e]!
}

/** Table value at a fractional age (linear between whole quarters); age < MAX_AGE. */
function valueAt(table: Float64Array, age: number): number {
  const i = age | 0
  const lo = table[i]!
  return lo + (age - i) * (table[i + 1]! - lo)
}

/** The same for one of the two interleaved clocks (0 = wait, 1 = fail). */
function valueAt2(clocks: Float64Array, age: number, which: number): number {
  const i = 2 * (age | 0) + which
  const lo = clocks[i]!
  return lo + (age - (age | 0)) * (clocks[i + 2]! - lo)
}

/** Smallest age in [from, to] where the non-decreasing, piecewise-linear table reaches y. The
 * crossing is usually a few quarters ahead, so a forward scan beats bisection; both find the first
 * index above `from | 0` whose value reaches y. */
function crossingAge(table: Float64Array, y: number, from: number, to: number): number {
  const lo0 = from | 0
  const hi0 = Math.ceil(to)
  if (table[hi0]! < y) return to
  if (hi0 === lo0) return from
  let hi = lo0 + 1
  while (table[hi]! < y) hi++
  const lo = hi - 1
  const a = table[lo]!
  const b = table[hi]!
  const x = b > a ? lo + (y - a) / (b - a) : hi
  return x < from ? from : x
}
