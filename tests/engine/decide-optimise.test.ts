import { describe, expect, it } from 'vitest'
import { firstRungTrials, parseSpace, paretoFront, rungSizes, runOptimise, runTrialsInThread } from '@pcsim/engine/decide'
import { CALM, config } from './helpers.ts'

describe('the allocation optimiser', () => {
  it('puts the weight on the sector whose exits are three times larger (the known optimum of a linear objective)', async () => {
    const base = config({
      strategy: { sectorWeights: { generalist: 0, ai: 0.5, biotech: 0.5 } },
      market: { ...CALM, shocks: [{ id: 'ai-exits', fromYear: 0, years: 12, sectors: ['ai'], effects: { exitValue: 3 }, indexDrift: 0 }] },
      run: { trials: 800, seed: 'opt' },
    })
    const space = parseSpace({ sectorWeights: { ai: [0, 1], biotech: [0, 1] }, objective: 'mean(netTvpi)', candidates: 8, finalists: 2 })
    const r = await runOptimise({ config: base, space, budget: { trials: 8 * 100 * 4 } }, runTrialsInThread)
    expect(r.best!.allocation.sectorWeights!.ai).toBeGreaterThan(0.8)
    // Every evaluated candidate is reported; the first is the base allocation.
    expect(r.candidates).toHaveLength(8)
    expect(r.candidates[0]!.allocation.sectorWeights).toEqual({ ai: 0.5, biotech: 0.5 })
    // The best is at least as good on the fresh seed as every other finalist.
    const fresh = r.finalists.map((f) => f.fresh.metrics[0]!.value)
    expect(fresh[0]).toBe(Math.max(...fresh))
    expect(r.finalists[0]!.fresh.seed).toBe('opt:fresh')
    expect(r.trialsRun).toBeLessThanOrEqual(8 * 100 * 4)
  })

  it('finds the company count that minimises P(loss) under a cap on companies (power law: the largest allowed)', async () => {
    const base = config({
      companies: { model: 'power_law', powerLaw: { holdingYears: { median: 3, sigma: 0.2 } } },
      strategy: { deploymentYears: 1, stageWeights: { seed: 1, early: 0 } },
      fund: { extensionYears: 0, managementFee: { rate: 0, rateAfterStepDown: 0 }, carry: { rate: 0 }, recycling: { cap: 0 }, endOfLife: { secondary: { discountMean: { boom: 0, normal: 0, bust: 0 }, discountSd: 0, earlyStageExtra: 0, unpricedExtra: 0 } } },
      market: CALM,
      run: { trials: 1000, seed: 'opt-n' },
    })
    const space = parseSpace({ companies: [2, 80], objective: 'probLoss', goal: 'minimise', constraints: 'mean(companies) <= 25', candidates: 16, finalists: 2 })
    const budget = 16 * 400 * 3
    const r = await runOptimise({ config: base, space, budget: { trials: budget } }, runTrialsInThread)
    const feasible = r.candidates.filter((c) => c.feasible).map((c) => c.allocation.companies!)
    expect(feasible.length).toBeGreaterThan(3)
    expect(feasible.length).toBeLessThan(r.candidates.length)
    expect(feasible.every((n) => n <= 25)).toBe(true)
    expect(r.best!.fresh.feasible).toBe(true)
    // The largest feasible count sampled, or one within 3 of it (P(loss) differs by less than its noise there).
    expect(Math.max(...feasible) - r.best!.allocation.companies!).toBeLessThanOrEqual(3)
    expect(r.best!.allocation.companies).toBeLessThanOrEqual(25)
    // Its reported interval is a real one.
    const m = r.best!.fresh.metrics[0]!
    expect(m.metric).toBe('probLoss')
    expect(m.ci95[0]).toBeLessThan(m.value)
  })

  it('halves the candidates each rung and fits the rungs and the fresh check in the trial budget', () => {
    expect(rungSizes(200, 3)).toEqual([200, 100, 50, 25, 13, 7, 4, 3])
    const t0 = firstRungTrials(200, 3, 400_000)
    const sizes = rungSizes(200, 3)
    const cost = sizes.reduce((a, n, r) => a + n * t0 * (r === 0 ? 1 : 2 ** (r - 1)), 0) + 3 * t0 * 2 ** (sizes.length - 1)
    expect(cost).toBeLessThanOrEqual(400_000)
    expect(cost + 2 * (sizes.reduce((a, n, r) => a + n * (r === 0 ? 1 : 2 ** (r - 1)), 0) + 3 * 2 ** (sizes.length - 1))).toBeGreaterThan(400_000)
  })

  it('the Pareto frontier keeps exactly the points no other beats on both metrics', () => {
    const pts = [
      { id: 0, x: 0.2, y: 1.5 },
      { id: 1, x: 0.3, y: 2.0 },
      { id: 2, x: 0.3, y: 1.8 },
      { id: 3, x: 0.1, y: 1.2 },
      { id: 4, x: 0.25, y: 1.4 },
    ]
    expect(paretoFront(pts, ['minimise', 'maximise'])).toEqual([3, 0, 1])
  })
})
