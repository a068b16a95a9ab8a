import { boundedParetoMean } from '../random/distributions.ts'
import type { SectorModel } from '../schema/companies.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { ENTRY_ROUND, ENTRY_STAGE_IDS, REGIME_IDS, ROUND_IDS, SECTOR_IDS } from '../schema/ids.ts'
import { calmRegime, EFFECT, effectAt, SECTOR_INDEX, type EffectTables } from './effects.ts'
import { MAX_AGE, MIN_EVENT_QUARTERS, quarterCoefficients, type RoundHazards } from './hazards.ts'
import { EFFECT_IDS } from '../schema/market.ts'

const K = ROUND_IDS.length

/** What the expected-value propagation needs from a resolved run. */
export interface PlanInputs {
  config: SimulationConfig
  horizon: number
  effects: EffectTables
  sectorModels: Array<SectorModel | undefined>
  sectorHazards: Array<RoundHazards[] | undefined>
}

export interface PlanTotals {
  /** Expected companies that have reached each round (entry included) by the horizon. */
  reached: number[]
  initial: number
  followOn: number
  proceeds: number
  acquired: number
  listed: number
  failed: number
  stalled: number
  heldAtEnd: number
}

const emptyTotals = (): PlanTotals => ({ reached: ROUND_IDS.map(() => 0), initial: 0, followOn: 0, proceeds: 0, acquired: 0, listed: 0, failed: 0, stalled: 0, heldAtEnd: 0 })

/**
 * Probability that a company which raised a round in quarter t0 ends it in quarter t by each cause
 * (out[c·H + t], causes fail, stall, sale, next, listing), under the deterministic calm-market
 * path (forced regimes and shocks only): the same competing hazards, listing queue and
 * minimum-wait rule as `simulateCompany`. Returns the probability of no event before the horizon.
 */
export function roundEventPmf(h: RoundHazards, effects: EffectTables, sector: number, t0: number, H: number, toSale: number, releaseQuarters: number, out: Float64Array): number {
  out.fill(0)
  const m = new Float64Array(EFFECT_IDS.length)
  const coef = new Float64Array(4)
  const R = Math.max(1, Math.round(releaseQuarters))
  let survival = 1
  let age = 0
  let pending = 0
  let releaseLeft = 0
  let releaseStep = 0
  let late = 0
  for (let t = t0 + 1; t < H; t++) {
    const regime = calmRegime(effects, t)
    for (let e = 0; e < EFFECT_IDS.length; e++) m[e] = effectAt(effects, sector, t, regime, e)
    quarterCoefficients(h, m, toSale, coef, 0)
    const a2 = Math.min(MAX_AGE - 1, age + coef[3]!)
    const dW = clock(h, a2, 0) - clock(h, age, 0)
    const dF = clock(h, a2, 1) - clock(h, age, 1)
    age = a2
    let released = 0
    if (coef[2]! >= 0) {
      pending += coef[2]! * dW
      releaseLeft = 0
    } else if (pending > 0) {
      if (releaseLeft === 0) {
        releaseLeft = R
        releaseStep = pending / R
      }
      released = releaseLeft === 1 ? pending : releaseStep
      pending -= released
      releaseLeft--
      if (releaseLeft === 0) pending = 0
    }
    const ml = m[EFFECT.listing]!
    const w = [
      h.fail * dF * m[EFFECT.failure]!,
      h.stall * dW,
      h.acquisition * dW * m[EFFECT.acquisition]! + (ml < 1 ? toSale * h.listing * dW * (1 - ml) : 0),
      h.next * dW * m[EFFECT.graduation]!,
      h.listing * dW * ml + released,
    ]
    const all = w[0]! + w[1]! + w[2]! + w[3]! + w[4]!
    if (!(all > 0)) continue
    const p = survival * (1 - Math.exp(-all))
    survival -= p
    // a sale, listing, stall or raise comes no sooner than MIN_EVENT_QUARTERS after the round
    const shifted = t - t0 < MIN_EVENT_QUARTERS ? t0 + MIN_EVENT_QUARTERS : t
    out[t] = out[t]! + (p * w[0]!) / all
    for (let c = 1; c < 5; c++) {
      if (shifted < H) out[c * H + shifted] = out[c * H + shifted]! + (p * w[c]!) / all
      else late += (p * w[c]!) / all
    }
  }
  return survival + late
}

const clock = (h: RoundHazards, age: number, which: number): number => {
  const i = Math.floor(age)
  const lo = h.clocks[2 * i + which]!
  return lo + (age - i) * (h.clocks[2 * i + 2 + which]! - lo)
}

export const expectedExitMultiple = (m: SectorModel, listed: boolean): number => {
  const body = listed ? m.listing : m.acquisition
  return m.tail.probability * boundedParetoMean(m.tail.alpha, m.tail.start, m.tail.cap) + (1 - m.tail.probability) * body.median * Math.exp((body.sigma * body.sigma) / 2)
}

/**
 * Propagates probability mass and expected holding value (ownership × post-money) of `count`
 * companies entering at `round` in quarter `q0` with `cheque` each, through the transition table in
 * a calm market (no regimes, no factors; shocks and forced regimes apply as they are deterministic),
 * with pro-rata follow-ons that reserves never limit. This is the spreadsheet construction view.
 */
export function propagate(p: PlanInputs, sector: number, round: number, q0: number, cheque: number, count: number, out: PlanTotals): PlanTotals {
  const model = p.sectorModels[sector]!
  const H = p.horizon
  const { config, effects } = p
  const fo = config.strategy.followOn
  const J = fo.maxRounds + 1
  const followOnEnd = Math.round(fo.untilYear * 4)
  const proRata = fo.rule === 'pro_rata' && config.companies.model === 'lifecycle'
  const keep = 1 - config.fund.endOfLife.secondary.discountMean.normal
  const size = K * J * H
  const mass = new Float64Array(size)
  const value = new Float64Array(size)
  const at = (k: number, j: number, t: number) => (k * J + j) * H + t
  mass[at(round, 0, q0)] = count
  value[at(round, 0, q0)] = count * cheque
  out.reached[round]! += count
  out.initial += count * cheque
  const eAcq = expectedExitMultiple(model, false)
  const eList = expectedExitMultiple(model, true)
  const hazards = p.sectorHazards[sector]!
  const toSale = config.market.listingQueue.toSale
  const terms = config.companies.dealTerms
  const pmf = new Float64Array(5 * H)
  for (let t = q0; t < H; t++) {
    for (let k = 0; k < K; k++) {
      let any = false
      for (let j = 0; j < J && !any; j++) any = mass[at(k, j, t)]! !== 0
      if (!any) continue
      const r = model.rounds[ROUND_IDS[k]!]
      const aliveAtEnd = roundEventPmf(hazards[k]!, effects, sector, t, H, toSale, config.market.listingQueue.releaseQuarters, pmf)
      for (let j = 0; j < J; j++) {
        const i = at(k, j, t)
        const m = mass[i]!
        if (m === 0) continue
        const v = value[i]!
        for (let t2 = t + 1; t2 < H; t2++) {
          const pf = pmf[t2]!
          const ps = pmf[H + t2]!
          const pa = pmf[2 * H + t2]!
          const pn = pmf[3 * H + t2]!
          const pl = pmf[4 * H + t2]!
          out.failed += m * pf
          if (ps + pa + pn + pl === 0) continue
          out.stalled += m * ps
          out.proceeds += v * ps * r.stallValue * keep
          const r2 = calmRegime(effects, t2)
          const exitEff = effectAt(effects, sector, t2, r2, EFFECT.exitValue)
          out.acquired += m * pa
          out.proceeds += v * pa * eAcq * exitEff
          out.listed += m * pl
          out.proceeds += v * pl * eList * exitEff
          if (pn > 0) {
            const d = model.rounds[ROUND_IDS[k + 1]!].dilution
            // expected step-up: down, flat and up rounds in the shares of the regime in force
            const down = terms.downRounds[REGIME_IDS[r2]!]
            const flat = terms.flatRounds[REGIME_IDS[r2]!]
            const up = r.stepUp * effectAt(effects, sector, t2, r2, EFFECT.stepUp) * Math.exp((r.stepUpSigma * r.stepUpSigma) / 2)
            const step = down * terms.downStepUp.median * Math.exp((terms.downStepUp.sigma * terms.downStepUp.sigma) / 2) + flat + (1 - down - flat) * up
            const follow = proRata && t2 < followOnEnd && j < J - 1
            const mv = v * pn * step
            out.reached[k + 1]! += m * pn
            if (follow) {
              out.followOn += (mv / (1 - d)) * d
              mass[at(k + 1, j + 1, t2)]! += m * pn
              value[at(k + 1, j + 1, t2)]! += mv / (1 - d)
            } else {
              mass[at(k + 1, j, t2)]! += m * pn
              value[at(k + 1, j, t2)]! += mv
            }
          }
        }
        out.heldAtEnd += m * aliveAtEnd
        out.proceeds += v * aliveAtEnd * keep
      }
    }
  }
  return out
}

/** Follow-on capital per unit of initial capital that the transition table implies (pro-rata,
 * unlimited reserves), weighted by the strategy's capital shares and taken at mid-deployment. */
export function expectedFollowOnRatio(p: PlanInputs): number {
  const s = p.config.strategy
  if (s.followOn.rule === 'none' || p.config.companies.model === 'power_law') return 0
  const q0 = Math.min(p.horizon - 1, Math.floor((s.deploymentYears * 4) / 2))
  const sectorTotal = SECTOR_IDS.reduce((a, id) => a + (s.sectorWeights[id] ?? 0), 0)
  const stageTotal = ENTRY_STAGE_IDS.reduce((a, id) => a + (s.stageWeights[id] ?? 0), 0)
  let ratio = 0
  for (const sector of SECTOR_IDS) {
    const ws = (s.sectorWeights[sector] ?? 0) / sectorTotal
    if (!(ws > 0)) continue
    for (const stage of ENTRY_STAGE_IDS) {
      const wt = (s.stageWeights[stage] ?? 0) / stageTotal
      if (!(wt > 0)) continue
      const t = propagate(p, SECTOR_INDEX[sector], ENTRY_ROUND[stage], q0, 1, 1, emptyTotals())
      ratio += ws * wt * t.followOn
    }
  }
  return ratio
}

/** Expected-value plan of a whole portfolio: every initial cheque propagated through the table. */
export function planPortfolio(p: PlanInputs, deals: ReadonlyArray<{ sector: string; round: number; quarter: number; cheque: number }>): PlanTotals {
  const out = emptyTotals()
  const groups = new Map<string, { sector: number; round: number; quarter: number; cheque: number; count: number }>()
  for (const d of deals) {
    const key = `${d.sector}|${d.round}|${d.quarter}|${d.cheque}`
    const g = groups.get(key)
    if (g) g.count++
    else groups.set(key, { sector: SECTOR_INDEX[d.sector as keyof typeof SECTOR_INDEX], round: d.round, quarter: d.quarter, cheque: d.cheque, count: 1 })
  }
  for (const g of groups.values()) propagate(p, g.sector, g.round, g.quarter, g.cheque, g.count, out)
  return out
}
