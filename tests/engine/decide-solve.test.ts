import { describe, expect, it } from 'vitest'
import { runChunk, resolveRun } from '@pcsim/engine'
import { compileExpression, findLever, returnTheFund, runSolve, runTrialsInThread, valueOn } from '@pcsim/engine/decide'
import { CALM, config } from './helpers.ts'

describe('goal-seeking on common random numbers', () => {
  it('recovers an exit-value multiplier that was set by construction', async () => {
    const base = config({ run: { trials: 1500, seed: 'solve' } })
    const truth = 1.3
    const built = findLever(base, 'exitValue').apply(truth)
    const target = valueOn(compileExpression('p50(netTvpi)', { classes: [] }), runChunk(resolveRun(built), 0, 1500))
    const r = await runSolve({ config: base, lever: 'exitValue', target: `p50(netTvpi) = ${target}`, range: '0.5:2' }, runTrialsInThread)
    expect(r.status).toBe('solved')
    expect(r.ci95![0]).toBeLessThanOrEqual(truth)
    expect(r.ci95![1]).toBeGreaterThanOrEqual(truth)
    expect(Math.abs(r.value! - truth)).toBeLessThan(0.03)
    expect(r.lhsAtValue).toBeCloseTo(target, 2)
    expect(r.current).toBe(1)
    expect(r.config?.market.shocks.find((s) => s.id === 'lever-exitValue')?.effects.exitValue).toBe(r.value)
  })

  it('recovers a whole number of companies for a P(loss) bound, and says which side of it holds', async () => {
    // Power-law deals in a calm market: P(loss) falls steadily with the number of companies (in the
    // lifecycle model it is nearly flat around 30 companies, so no count is identifiable from 1,500 trials).
    const base = config({
      companies: { model: 'power_law', powerLaw: { holdingYears: { median: 3, sigma: 0.2 } } },
      strategy: { deploymentYears: 1, stageWeights: { seed: 1, early: 0 } },
      market: CALM,
      run: { trials: 1500, seed: 'solve-n' },
    })
    const lever = findLever(base, 'companies')
    const pl = (n: number) => valueOn(compileExpression('probLoss', { classes: [] }), runChunk(resolveRun(lever.apply(n)), 0, 1500))
    const r = await runSolve({ config: base, lever: 'companies', target: `probLoss <= ${pl(33)}`, range: '10:90' }, runTrialsInThread)
    expect(r.status).toBe('solved')
    expect(Number.isInteger(r.value)).toBe(true)
    expect(r.ci95![0]).toBeLessThanOrEqual(33)
    expect(r.ci95![1]).toBeGreaterThanOrEqual(33)
    expect(r.direction).toBe('atLeast') // more companies, fewer losses
    const check = await runSolve({ config: base, lever: 'exitValue', target: 'probLoss <= 0', range: '0.5:0.6' }, runTrialsInThread)
    expect(check.status).toBe('unreachable')
    expect(check.value).toBeNull()
    const always = await runSolve({ config: base, lever: 'exitValue', target: 'probLoss <= 1', range: '0.5:0.6' }, runTrialsInThread)
    expect(always.status).toBe('always')
  })

  it('return the fund: the exit a single company needs, and how often one did', () => {
    const c = config({ run: { trials: 800, seed: 1 } })
    const chunk = runChunk(resolveRun(c), 0, 800)
    const v = returnTheFund(c, chunk)
    for (const cell of v.cells) {
      expect(cell.ownership! * cell.exitValue!).toBeCloseTo(c.fund.size, 9)
      expect(cell.multipleOfCheque * cell.cheque).toBeCloseTo(c.fund.size, 9)
    }
    const ones = Array.from(chunk.values.dealsToReturnFund).filter((x) => x === 1).length
    expect(v.probOneDeal.value).toBe(ones / 800)
  })
})
