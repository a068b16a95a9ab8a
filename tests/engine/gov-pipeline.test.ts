import { describe, expect, it } from 'vitest'
import { resolveRun, runResolved, summarise } from '@pcsim/engine'
import { scheduleDeals, type DealFlowResult } from '../../packages/engine/src/model/deal-flow.ts'
import { createRng } from '../../packages/engine/src/random/rng.ts'
import { config } from './helpers.ts'

/** The pipeline with redeployment: capital a dry batch could not place is planned for again. */

describe('redeploying pipeline', () => {
  it('hand vector: rates 1, no lags, 1 deal a quarter, 10 cheques over 4 quarters', () => {
    const pipeline = { enabled: true, plannedPerQuarter: 1, reserveRate: 1, startRate: 1, produceRate: 1, reserveLagQuarters: 0, startLagQuarters: 0, produceLagQuarters: 0 }
    const run = (redeploy: boolean) => {
      const c = config({ strategy: { pipeline: { ...pipeline, redeploy } } })
      const out = new Int32Array(10)
      const flow: DealFlowResult = { planned: 0, reserved: 0, started: 0, producing: 0 }
      scheduleDeals(c, new Int32Array(10), createRng('x'), out, 4, flow)
      return { out: Array.from(out), flow }
    }
    // without redeployment one deal starts a quarter and six cheques are never written
    expect(run(false).out).toEqual([0, 1, 2, 3, -1, -1, -1, -1, -1, -1])
    // with it: q0 plans ceil(10 / 4) = 3, q1 ceil(7 / 3) = 3, q2 ceil(4 / 2) = 2, q3 2
    const r = run(true)
    expect(r.out).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 3, 3])
    expect(r.flow).toEqual({ planned: 10, reserved: 10, started: 10, producing: 10 })
  })

  it('paired on angel-guidance-60: more companies backed and less idle money, on the same seed', () => {
    const go = (redeploy: boolean) => {
      const base = config({ template: 'angel-guidance-60', run: { trials: 300, seed: 20261201 } })
      const r = resolveRun({ ...base, strategy: { ...base.strategy, pipeline: { ...base.strategy.pipeline, redeploy } } })
      return summarise(r, runResolved(r)).summary
    }
    const off = go(false)
    const on = go(true)
    const drag = (s: typeof on) => s.policy.pipeline.cashDrag!
    console.info(`paired redeployment (angel-guidance-60, 300 trials): companies ${off.policy.companiesSupported.total.toFixed(1)} → ${on.policy.companiesSupported.total.toFixed(1)}; cash drag ${drag(off).mean.toFixed(3)} → ${drag(on).mean.toFixed(3)}; invested ${off.deployment.investedShare.mean.toFixed(3)} → ${on.deployment.investedShare.mean.toFixed(3)}`)
    expect(on.policy.companiesSupported.total).toBeGreaterThan(off.policy.companiesSupported.total + 5)
    expect(drag(on).mean).toBeLessThan(drag(off).mean - 4 * Math.hypot(drag(on).se, drag(off).se))
    expect(on.deployment.investedShare.mean).toBeGreaterThan(off.deployment.investedShare.mean)
    expect(on.policy.pipeline.planned).toBeGreaterThan(off.policy.pipeline.planned)
  })
})

describe('selection from a deeper funnel', () => {
  const withPipeline = (startRate: number, plannedPerQuarter: number, selection?: { signalAccuracy: number; qualitySpread: number }) => {
    const base = config({ template: 'angel-guidance-60', run: { trials: 300, seed: 20261201 } })
    const r = resolveRun({ ...base, strategy: { ...base.strategy, pipeline: { ...base.strategy.pipeline, startRate, plannedPerQuarter, ...(selection ? { selection } : {}) } } })
    return { r, summary: summarise(r, runResolved(r)).summary }
  }

  it('hand vector: start rate 0.4, accuracy 0.5, spread 0.5 → exp(0.25 × φ(0.253347) / 0.4) = 1.27311', () => {
    const { r, summary } = withPipeline(0.4, 12, { signalAccuracy: 0.5, qualitySpread: 0.5 })
    expect(summary.policy.pipeline.selectionGain).toBeCloseTo(1.27311, 4)
    for (const q of r.deals.quality) expect(q).toBeCloseTo(1.27311, 4)
    expect(withPipeline(0.4, 12).summary.policy.pipeline.selectionGain).toBe(1)
  })

  it('paired: selecting by signal raises net TVPI, and a deeper funnel (half the start rate, twice the plans) raises it more', () => {
    const sel = { signalAccuracy: 0.5, qualitySpread: 0.5 }
    const random = withPipeline(0.4, 12).summary
    const picked = withPipeline(0.4, 12, sel).summary
    const deeper = withPipeline(0.2, 24, sel).summary
    console.info(`paired selection (angel-guidance-60, 300 trials): mean net TVPI random ${random.netTvpi.mean.toFixed(3)}, by signal ${picked.netTvpi.mean.toFixed(3)} (gain ${picked.policy.pipeline.selectionGain.toFixed(3)}), deeper funnel ${deeper.netTvpi.mean.toFixed(3)} (gain ${deeper.policy.pipeline.selectionGain.toFixed(3)})`)
    expect(picked.netTvpi.mean).toBeGreaterThan(random.netTvpi.mean)
    expect(picked.probLoss.value).toBeLessThanOrEqual(random.probLoss.value)
    expect(deeper.policy.pipeline.selectionGain).toBeGreaterThan(picked.policy.pipeline.selectionGain)
  })
})
