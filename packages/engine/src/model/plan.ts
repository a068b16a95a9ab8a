import { boundedParetoMean, lognormalCdf } from '../random/distributions.ts'
import type { SectorModel } from '../schema/companies.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { ENTRY_ROUND, ENTRY_STAGE_IDS, ROUND_IDS, SECTOR_IDS } from '../schema/ids.ts'
import { calmRegime, EFFECT, effectAt, SECTOR_INDEX, type EffectTables } from './effects.ts'
import { outcomeThresholds, type Thresholds } from './outcome-probabilities.ts'
import { MIN_EVENT_QUARTERS } from './company-path.ts'

const K = ROUND_IDS.length

/** What the expected-value propagation needs from a resolved run. */
export interface PlanInputs {
  config: SimulationConfig
  horizon: number
  effects: EffectTables
  sectorModels: Array<SectorModel | undefined>
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

/** P(wait = w quarters), w = 1..n, for the rounded lognormal wait the simulation draws (at least `min`). */
function waitPmf(medianQuarters: number, sigma: number, n: number, min: number, cache: Map<string, Float64Array>): Float64Array {
  const key = `${medianQuarters}|${sigma}|${n}|${min}`
  let pmf = cache.get(key)
  if (pmf) return pmf
  pmf = new Float64Array(n + 1)
  let prev = 0
  for (let w = min; w <= n; w++) {
    const cdf = lognormalCdf(w + 0.5, medianQuarters, sigma)
    pmf[w] = cdf - prev
    prev = cdf
  }
  cache.set(key, pmf)
  return pmf
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
export function propagate(p: PlanInputs, sector: number, round: number, q0: number, cheque: number, count: number, out: PlanTotals, cache = new Map<string, Float64Array>()): PlanTotals {
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
  const th: Thresholds = { fail: 0, stall: 0, acquisition: 0, next: 0 }
  const eAcq = expectedExitMultiple(model, false)
  const eList = expectedExitMultiple(model, true)
  for (let t = q0; t < H; t++) {
    const regime = calmRegime(effects, t)
    for (let k = 0; k < K; k++) {
      const r = model.rounds[ROUND_IDS[k]!]
      outcomeThresholds(
        r,
        effectAt(effects, sector, t, regime, EFFECT.graduation),
        effectAt(effects, sector, t, regime, EFFECT.acquisition),
        effectAt(effects, sector, t, regime, EFFECT.listing),
        effectAt(effects, sector, t, regime, EFFECT.failure),
        th,
      )
      const last = k === K - 1
      const pFail = th.fail
      const pStall = th.stall - th.fail
      const pAcq = th.acquisition - th.stall
      const pNext = last ? 0 : th.next - th.acquisition
      const pList = last ? 1 - th.acquisition : 1 - th.next
      const waitMult = effectAt(effects, sector, t, regime, EFFECT.waitTime)
      const failPmf = waitPmf((r.failMonths * waitMult) / 3, r.waitSigma, H, 1, cache)
      const pmf = waitPmf((r.waitMonths * waitMult) / 3, r.waitSigma, H, MIN_EVENT_QUARTERS, cache)
      for (let j = 0; j < J; j++) {
        const i = at(k, j, t)
        const m = mass[i]!
        if (m === 0) continue
        const v = value[i]!
        let aliveFail = 1
        let aliveOther = 1
        for (let w = 1; t + w < H; w++) {
          const t2 = t + w
          const pf = failPmf[w]!
          const po = pmf[w]!
          aliveFail -= pf
          aliveOther -= po
          out.failed += m * pFail * pf
          if (po === 0) continue
          out.stalled += m * pStall * po
          out.proceeds += v * pStall * po * r.stallValue * keep
          const r2 = calmRegime(effects, t2)
          const exitEff = effectAt(effects, sector, t2, r2, EFFECT.exitValue)
          out.acquired += m * pAcq * po
          out.proceeds += v * pAcq * po * eAcq * exitEff
          out.listed += m * pList * po
          out.proceeds += v * pList * po * eList * exitEff
          if (pNext > 0) {
            const d = model.rounds[ROUND_IDS[k + 1]!].dilution
            const step = r.stepUp * effectAt(effects, sector, t2, r2, EFFECT.stepUp) * Math.exp((r.stepUpSigma * r.stepUpSigma) / 2)
            const follow = proRata && t2 < followOnEnd && j < J - 1
            const mv = v * pNext * po * step
            out.reached[k + 1]! += m * pNext * po
            if (follow) {
              out.followOn += (mv / (1 - d)) * d
              mass[at(k + 1, j + 1, t2)]! += m * pNext * po
              value[at(k + 1, j + 1, t2)]! += mv / (1 - d)
            } else {
              mass[at(k + 1, j, t2)]! += m * pNext * po
              value[at(k + 1, j, t2)]! += mv
            }
          }
        }
        const aliveAtEnd = pFail * aliveFail + (1 - pFail) * aliveOther
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
  const cache = new Map<string, Float64Array>()
  for (const sector of SECTOR_IDS) {
    const ws = (s.sectorWeights[sector] ?? 0) / sectorTotal
    if (!(ws > 0)) continue
    for (const stage of ENTRY_STAGE_IDS) {
      const wt = (s.stageWeights[stage] ?? 0) / stageTotal
      if (!(wt > 0)) continue
      const t = propagate(p, SECTOR_INDEX[sector], ENTRY_ROUND[stage], q0, 1, 1, emptyTotals(), cache)
      ratio += ws * wt * t.followOn
    }
  }
  return ratio
}

/** Expected-value plan of a whole portfolio: every initial cheque propagated through the table. */
export function planPortfolio(p: PlanInputs, deals: ReadonlyArray<{ sector: string; round: number; quarter: number; cheque: number }>): PlanTotals {
  const out = emptyTotals()
  const cache = new Map<string, Float64Array>()
  const groups = new Map<string, { sector: number; round: number; quarter: number; cheque: number; count: number }>()
  for (const d of deals) {
    const key = `${d.sector}|${d.round}|${d.quarter}|${d.cheque}`
    const g = groups.get(key)
    if (g) g.count++
    else groups.set(key, { sector: SECTOR_INDEX[d.sector as keyof typeof SECTOR_INDEX], round: d.round, quarter: d.quarter, cheque: d.cheque, count: 1 })
  }
  for (const g of groups.values()) propagate(p, g.sector, g.round, g.quarter, g.cheque, g.count, out, cache)
  return out
}
