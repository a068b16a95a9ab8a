import { boundedPareto, normalCdf } from '../random/distributions.ts'
import type { Rng } from '../random/rng.ts'
import type { SectorModel } from '../schema/companies.ts'
import { ROUND_IDS } from '../schema/ids.ts'
import { EFFECT, effectAt, type EffectTables } from './effects.ts'
import { ACQUIRED, FAILED, LISTED, RAISE, STALLED, type EventBuffer } from './events.ts'
import type { MarketPath } from './market-path.ts'
import { outcomeThresholds, type Thresholds } from './outcome-probabilities.ts'

export interface CompanyContext {
  model: SectorModel
  sector: number
  effects: EffectTables
  market: MarketPath
  /** Quarters simulated; events at or after it do not happen. */
  horizon: number
  factorsOn: boolean
  /** √(1 − ρ_within): weight of the company's own noise in its latent draw. */
  idiosyncratic: number
}

const scratch: Thresholds = { fail: 0, stall: 0, acquisition: 0, next: 0 }

/** Exit value as a multiple of the last post-money: lognormal body or bounded-Pareto tail. */
export function drawExitMultiple(rng: Rng, model: SectorModel, listed: boolean): number {
  const tail = model.tail
  if (rng.uniform() < tail.probability) return boundedPareto(rng.uniform(), tail.alpha, tail.start, tail.cap)
  const body = listed ? model.listing : model.acquisition
  return body.median * Math.exp(body.sigma * rng.normal())
}

/** Fewest quarters between a round and the company's next raise, sale or listing (a failure can
 * come one quarter after a round): deals take months to arrange, and an exit a quarter after the
 * last price would produce meaningless IRRs. */
export const MIN_EVENT_QUARTERS = 2

/** Waiting time in whole quarters: a lognormal in months, rounded, at least `min` quarters. */
export const drawWait = (rng: Rng, months: number, multiplier: number, sigma: number, min: number): number =>
  Math.max(min, Math.round(((months * multiplier) / 3) * Math.exp(sigma * rng.normal())))

/**
 * Simulates one company from the round it has just raised (`round`, post-money `post`, in quarter
 * `q`) until it exits, fails, stalls or the horizon ends, appending its events to `events`.
 * Outcome first, then its waiting time (a semi-Markov form of competing events).
 */
export function simulateCompany(ctx: CompanyContext, rng: Rng, company: number, round: number, q: number, post: number, events: EventBuffer): void {
  const { model, sector, effects, market } = ctx
  const years = market.years
  for (;;) {
    const r = model.rounds[ROUND_IDS[round]!]
    const regime = market.regime[q]!
    const th = outcomeThresholds(
      r,
      effectAt(effects, sector, q, regime, EFFECT.graduation),
      effectAt(effects, sector, q, regime, EFFECT.acquisition),
      effectAt(effects, sector, q, regime, EFFECT.listing),
      effectAt(effects, sector, q, regime, EFFECT.failure),
      scratch,
    )
    const u = ctx.factorsOn ? normalCdf(market.latent[sector * years + (q >> 2)]! + ctx.idiosyncratic * rng.normal()) : rng.uniform()
    const waitMultiplier = effectAt(effects, sector, q, regime, EFFECT.waitTime)
    if (u < th.fail) {
      const t = q + drawWait(rng, r.failMonths, waitMultiplier, r.waitSigma, 1)
      if (t < ctx.horizon) events.push(t, company, FAILED, round, 0, 0)
      return
    }
    const t = q + drawWait(rng, r.waitMonths, waitMultiplier, r.waitSigma, MIN_EVENT_QUARTERS)
    if (t >= ctx.horizon) return
    if (u < th.stall) {
      events.push(t, company, STALLED, round, post * r.stallValue, 0)
      return
    }
    const tr = market.regime[t]!
    const valuationShift = ctx.factorsOn ? market.valuation[sector * years + (t >> 2)]! : 0
    const exitMultiplier = effectAt(effects, sector, t, tr, EFFECT.exitValue) * Math.exp(valuationShift)
    if (u < th.acquisition) {
      events.push(t, company, ACQUIRED, round, post * drawExitMultiple(rng, model, false) * exitMultiplier, 0)
      return
    }
    if (u >= th.next || round === ROUND_IDS.length - 1) {
      events.push(t, company, LISTED, round, post * drawExitMultiple(rng, model, true) * exitMultiplier, 0)
      return
    }
    const d = model.rounds[ROUND_IDS[round + 1]!].dilution
    const stepUp = r.stepUp * effectAt(effects, sector, t, tr, EFFECT.stepUp) * Math.exp(r.stepUpSigma * rng.normal() + valuationShift)
    post = (post * stepUp) / (1 - d)
    round += 1
    q = t
    events.push(t, company, RAISE, round, post, d)
  }
}
