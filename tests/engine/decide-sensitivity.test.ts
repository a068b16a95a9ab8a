import { describe, expect, it } from 'vitest'
import { plannedFees, portfolioMultiples, powerLawMoments, resolveRun } from '@pcsim/engine'
import { runSensitivity, runTrialsInThread } from '@pcsim/engine/decide'
import { CALM, config, meanSe } from './helpers.ts'

/** A power-law fund whose companies all exit inside its life, with no fees, carry or recycling:
 * net TVPI is the invested-weighted mean deal multiple, so its closed forms apply. */
const powerLawFund = (fund: Record<string, unknown> = {}) =>
  config({
    template: 'us-vc-10y',
    companies: { model: 'power_law', powerLaw: { holdingYears: { median: 3, sigma: 0.2 } } },
    strategy: { deploymentYears: 1, stageWeights: { seed: 1, early: 0 } },
    fund: { extensionYears: 0, managementFee: { rate: 0, rateAfterStepDown: 0 }, carry: { rate: 0 }, recycling: { cap: 0 }, endOfLife: { secondary: { discountMean: { boom: 0, normal: 0, bust: 0 }, discountSd: 0, earlyStageExtra: 0, unpricedExtra: 0 } }, ...fund },
    market: CALM,
    run: { trials: 4000, seed: 11 },
  })

describe('sensitivity on common random numbers', () => {
  it('a higher fee lowers net TVPI by the fee drag: the capital it takes from the companies times their mean multiple', async () => {
    const base = powerLawFund({ managementFee: { rate: 0.02, rateAfterStepDown: 0.02, basisAfterStepDown: 'committed' } })
    const r = await runSensitivity({ config: base, vary: ['feeRate=0.01:0.03'], metrics: ['mean(netTvpi)', 'mean(paidIn)'] }, runTrialsInThread)
    const mu = powerLawMoments(base.companies.powerLaw).mean
    const size = base.fund.size
    const investedOf = (c: typeof base) => resolveRun(c).construction.initialTotal
    for (const p of r.levers[0]!.points) {
      const dInvested = investedOf(p.config) - investedOf(base)
      // Fees on commitments: the planned fees come out of the cheques (up to one cheque of rounding).
      const dFees = plannedFees(p.config.fund) - plannedFees(base.fund)
      expect(Math.abs(dFees - (p.value - 0.02) * base.fund.managementFee.stepDownYear * size)).toBeLessThan(1e-9)
      expect(Math.abs(dInvested + dFees)).toBeLessThanOrEqual(base.strategy.chequeSize.seed)
      const change = p.changes[0]!
      expect(change.method).toBe('per-trial')
      // Net TVPI = μ · invested / paid in, paid in = invested + fees (no carry, every company exits in time).
      const tvpi = (c: typeof base) => (mu * investedOf(c)) / (investedOf(c) + plannedFees(c.fund))
      const expected = tvpi(p.config) - tvpi(base)
      expect(Math.abs(change.value - expected)).toBeLessThan(4 * change.se)
      expect(Math.sign(change.value)).toBe(Math.sign(0.02 - p.value))
      expect(change.ci95[0]).toBeLessThan(change.value)
      // paid in: the cheques plus the fees not paid out of proceeds
      expect(p.changes[1]!.level).toBeGreaterThan(investedOf(p.config))
      expect(p.changes[1]!.level).toBeLessThanOrEqual(investedOf(p.config) + plannedFees(p.config.fund) + 1e-9)
    }
    expect(r.tornado[0]!.bars[0]!.lever).toBe('feeRate')
  })

  it('more companies lower P(loss) in power-law mode, as the equal-weighted portfolio of the same deals does', async () => {
    const base = powerLawFund()
    const sizes = [10, 20, 40]
    const r = await runSensitivity({ config: base, vary: [`companies=10:40:4`], metrics: ['probLoss', 'mean(companies)'] }, runTrialsInThread)
    const points = r.levers[0]!.points.filter((p) => sizes.includes(p.value))
    expect(points.map((p) => p.changes[1]!.level)).toEqual(sizes)
    const levels = points.map((p) => p.changes[0]!.level)
    // The diversification study's portfolios: its own draws, so independent of the fund's.
    const n = 4000
    const study = sizes.map((d) => {
      const x = portfolioMultiples(base.companies.powerLaw, d, n, 'study')
      return Array.from(x).map((v) => (v < 1 ? 1 : 0))
    })
    sizes.forEach((_, i) => {
      const s = meanSe(study[i]!)
      const fundSe = Math.sqrt((levels[i]! * (1 - levels[i]!)) / n)
      expect(Math.abs(levels[i]! - s.mean)).toBeLessThan(4 * Math.hypot(s.se, fundSe))
    })
    // The trend: the paired drop from 10 to 40 companies against the study's paired drop.
    const fundDrop = points[2]!.changes[0]!.value - points[0]!.changes[0]!.value
    const studyDrop = meanSe(study[2]!.map((v, t) => v - study[0]![t]!))
    expect(fundDrop).toBeLessThan(0)
    expect(Math.abs(fundDrop - studyDrop.mean)).toBeLessThan(4 * Math.hypot(studyDrop.se, points[0]!.changes[0]!.se + points[2]!.changes[0]!.se))
    expect(levels[0]).toBeGreaterThan(levels[1]!)
    expect(levels[1]).toBeGreaterThan(levels[2]!)
  })

  it('a lever at its current value changes nothing, exactly (same trials), and bars sort by swing', async () => {
    const base = config({ run: { trials: 600, seed: 'crn' } })
    const r = await runSensitivity({ config: base, vary: ['reserveShare=0.5:0.65', 'exitValue=0.5:1.5', '/fund/carry/rate=0.2:0.3'], metrics: ['p50(netTvpi)', 'probLoss'] }, runTrialsInThread)
    for (const l of r.levers.filter((l) => l.lever !== 'exitValue')) {
      expect(l.points[0]!.value).toBe(l.current)
      expect(l.points[0]!.changes.map((c) => [c.value, c.se])).toEqual([[0, 0], [0, 0]])
    }
    const swings = r.tornado[0]!.bars.map((b) => b.swing)
    expect([...swings].sort((a, b) => b - a)).toEqual(swings)
    expect(r.tornado[0]!.bars[0]!.lever).toBe('exitValue')
    // Carry only touches the GP's share: the gross side of every trial is untouched.
    const carry = r.levers.find((l) => l.lever === '/fund/carry/rate')!
    expect(carry.points[1]!.changes[0]!.value).toBeLessThan(0)
  })
})
