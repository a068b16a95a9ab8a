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
