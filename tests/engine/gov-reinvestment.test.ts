import { describe, expect, it } from 'vitest'
import { resolveRun, runResolved, summarise, type RunResult } from '@pcsim/engine'
import { bandMean, DEFAULT_REINVESTMENT_POLICY, REINVEST_DEAL, reinvestmentQuality } from '../../packages/engine/src/model/reinvestment-cost.ts'
import { config } from './helpers.ts'

/**
 * 返投 with a cost. The requirement moves deals into a region; a shallow regional pool makes those
 * deals worse (or relocations, or misses). The cost is reported as the paired difference against the
 * same fund without the requirement: in each trial the engine runs that counterfactual on the same
 * random streams (regions do not draw random numbers, so both runs see the same companies' paths).
 */

const TRIALS = 300

function fund(multiple: number, pools: Record<string, unknown> | undefined, onShallowPool = 'lower_quality'): RunResult {
  const run = resolveRun(
    config({
      template: 'gov-angel-fund',
      strategy: { regionWeights: { beijing: 0.2, other: 0.8 } },
      lpClasses: [
        { id: 'government', kind: 'government', share: 0.4, terms: { localReinvestment: { multiple, regions: ['beijing'] } } },
        { id: 'private', kind: 'private', share: 0.59 },
        { id: 'gp', kind: 'gp', share: 0.01 },
      ],
      policy: { toleratedLoss: { fund: 0.6, deal: 1 }, ...(pools ? { regionPools: pools } : {}), reinvestment: { ...DEFAULT_REINVESTMENT_POLICY, onShallowPool } },
      run: { trials: TRIALS, seed: 20261201 },
    }),
  )
  return summarise(run, runResolved(run))
}

describe('hand-computed pool vectors', () => {
  it('band means of a standard normal', () => {
    // top 10%: φ(1.28155) / 0.1 = 1.75498; the whole distribution: 0; the band between top 10% and top 50%: (φ(0) − φ(1.28155)) / 0.4
    expect(bandMean(0, 0.1)).toBeCloseTo(1.75498, 3)
    expect(bandMean(0, 1)).toBeCloseTo(0, 9)
    expect(bandMean(0.1, 0.5)).toBeCloseTo((0.398942 - 0.175498) / 0.4, 3)
  })

  it('each policy on a pool of 10 a year, selectivity 0.1, one natural local deal', () => {
    // four deals in year 0: deal 0 is naturally in Beijing (region 0); the requirement moves 1, 2, 3 there from "other" (3)
    const quarters = Int32Array.from([0, 1, 2, 3])
    const natural = Int32Array.from([0, 3, 3, 3])
    const required = Int32Array.from([0, 0, 0, 0])
    const base = config({ template: 'gov-angel-fund' })
    const policy = (onShallowPool: string, dealsPerYear: number) => ({
      ...base,
      policy: { ...base.policy, regionPools: { beijing: { dealsPerYear, quality: 0.8 } }, reinvestment: { ...DEFAULT_REINVESTMENT_POLICY, onShallowPool: onShallowPool as 'miss', qualitySpread: 0.5 } },
    })
    // pool 10: the natural deal uses the top 10%; deal 1 takes the band 10–20%, deal 2 20–30%, deal 3 30–40%
    const lq = reinvestmentQuality(policy('lower_quality', 10), quarters, natural, required)
    expect(lq.quality[0]).toBe(1)
    for (const [i, a] of [[1, 0.1], [2, 0.2], [3, 0.3]] as const) {
      expect(lq.quality[i]).toBeCloseTo(0.8 * Math.exp(0.5 * (bandMean(a, a + 0.1) - bandMean(0, 0.1))), 12)
      expect(lq.kind[i]).toBe(REINVEST_DEAL.belowStandard)
    }
    // pool 20: the natural deal and deal 1 fill the usual 10% (2 companies): deal 1 at the region's quality
    const deep = reinvestmentQuality(policy('lower_quality', 20), quarters, natural, required)
    expect(deep.quality[1]).toBe(0.8)
    expect(deep.kind[1]).toBe(REINVEST_DEAL.atStandard)
    expect(deep.kind[2]).toBe(REINVEST_DEAL.belowStandard)
    // relocate: (1 − 0.15) × (1 − 0.1) = 0.765 for each deal beyond the usual standard
    const rel = reinvestmentQuality(policy('relocate', 10), quarters, natural, required)
    expect(Array.from(rel.quality)).toEqual([1, 0.765, 0.765, 0.765].map((x) => expect.closeTo(x, 12)))
    expect(Array.from(rel.region)).toEqual([0, 0, 0, 0])
    // miss: the deals stay outside the region at full quality
    const miss = reinvestmentQuality(policy('miss', 10), quarters, natural, required)
    expect(Array.from(miss.quality)).toEqual([1, 1, 1, 1])
    expect(Array.from(miss.region)).toEqual([0, 3, 3, 3])
    // lower_quality past the whole pool: a pool of 2 holds the natural deal and deal 1; deals 2 and 3 are missed
    const tiny = reinvestmentQuality(policy('lower_quality', 2), quarters, natural, required)
    expect(Array.from(tiny.kind)).toEqual([0, REINVEST_DEAL.belowStandard, REINVEST_DEAL.missed, REINVEST_DEAL.missed])
  })
})

describe('the cost of re-investment, paired against the same fund without the requirement', () => {
  const shallow = { beijing: { dealsPerYear: 15, quality: 0.9 } }
  const costs = [0.5, 1, 1.5].map((m) => ({ m, r: fund(m, shallow) }))

  it('rises with the multiple when the pool is shallow', () => {
    const k = costs.map((c) => c.r.summary.policy.reinvestmentCost!)
    console.info(`paired 返投 cost (gov-angel-fund, Beijing pool 15/yr at 0.9, ${TRIALS} trials): ` + costs.map((c, i) => `${c.m}×: net TVPI ${k[i]!.netTvpi.mean.toFixed(3)} ± ${k[i]!.netTvpi.se.toFixed(3)}, P(loss) ${k[i]!.probLoss.value >= 0 ? '+' : ''}${k[i]!.probLoss.value.toFixed(3)}, government TVPI ${k[i]!.governmentTvpi.mean.toFixed(3)}`).join('; '))
    // never a gain beyond noise (at 0.5× the requirement is about the fund's natural Beijing share: cost ≈ 0)
    for (const x of k) expect(x.netTvpi.mean).toBeLessThanOrEqual(2 * x.netTvpi.se)
    // each step costs more, by more than the paired standard errors
    for (let i = 1; i < k.length; i++) {
      const gap = k[i - 1]!.netTvpi.mean - k[i]!.netTvpi.mean
      expect(gap).toBeGreaterThan(2 * Math.hypot(k[i]!.netTvpi.se, k[i - 1]!.netTvpi.se))
      expect(k[i]!.governmentTvpi.mean).toBeLessThan(k[i - 1]!.governmentTvpi.mean)
      expect(k[i]!.probLoss.value).toBeGreaterThanOrEqual(k[i - 1]!.probLoss.value - 2 * k[i]!.probLoss.se)
    }
    expect(k[2]!.probLoss.value).toBeGreaterThan(2 * k[2]!.probLoss.se)
  })

  it('is exactly zero when the region is the whole market', () => {
    // no pool for Beijing (another region has one, so the counterfactual still runs)
    for (const m of [0.5, 1.5]) {
      const k = fund(m, { tianjin: { dealsPerYear: 5, quality: 0.5 } }).summary.policy.reinvestmentCost!
      // (the fund without any class term takes the single-waterfall path: equal up to rounding)
      expect(Math.abs(k.netTvpi.mean)).toBeLessThan(1e-12)
      expect(k.netTvpi.se).toBeLessThan(1e-12)
      expect(k.probLoss.value).toBe(0)
      expect(Math.abs(k.governmentTvpi.mean)).toBeLessThan(1e-12)
      expect(k.deals.belowStandard + k.deals.relocated + k.deals.missed).toBe(0)
    }
  })

  it('relocating costs less than going down a shallow pool at 1.5×; missing costs least (only the region\'s quality) and shows as a shortfall', () => {
    const relocate = fund(1.5, shallow, 'relocate').summary.policy
    const miss = fund(1.5, shallow, 'miss').summary.policy
    const down = costs[2]!.r.summary.policy.reinvestmentCost!.netTvpi.mean
    expect(relocate.reinvestmentCost!.deals.relocated).toBeGreaterThan(0)
    expect(relocate.reinvestmentCost!.netTvpi.mean).toBeLessThan(0)
    expect(relocate.reinvestmentCost!.netTvpi.mean).toBeGreaterThan(down)
    expect(miss.reinvestmentCost!.netTvpi.mean).toBeLessThanOrEqual(0)
    expect(miss.reinvestmentCost!.netTvpi.mean).toBeGreaterThan(relocate.reinvestmentCost!.netTvpi.mean)
    expect(miss.reinvestmentCost!.deals.missed).toBeGreaterThan(0)
    expect(miss.reinvestment[0]!.probShortfall.value).toBeGreaterThan(relocate.reinvestment[0]!.probShortfall.value)
  })

  it('without region pools there is no counterfactual and no cost reported', () => {
    expect(fund(1, undefined).summary.policy.reinvestmentCost).toBeNull()
  })
})
