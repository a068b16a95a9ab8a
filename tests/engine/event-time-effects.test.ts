import { describe, expect, it } from 'vitest'
import { simulateCohort, type Shock } from '@pcsim/engine'
import { binomialSe, CALM, config } from './helpers.ts'

/**
 * Market effects act in the quarters they cover (competing hazards that are piecewise constant over
 * the market path), not at the quarter of a company's last round. Runs with and without a shock
 * share the seed, so the market paths and the first draws of every batch are the same (common
 * random numbers); the tolerances are Poisson/binomial standard errors of the counts compared.
 */

const N = 40_000
const yearSum = (perQuarter: number[], from: number, to: number) => perQuarter.slice(4 * from, 4 * to).reduce((a, b) => a + b, 0) * N
const shock = (s: Partial<Shock>): Shock => ({ id: 'test', fromYear: 0, years: 1, sectors: [], effects: {}, indexDrift: 0, ...s })

describe('a shut IPO window (listings × 0.1 in years 2–5) acts while it is shut, and the queue lists when it reopens', () => {
  const ipoShut = shock({ fromYear: 2, years: 3, effects: { listing: 0.1 } })
  const cohort = (shocks: Shock[]) =>
    simulateCohort(config({ market: { ...CALM, shocks }, run: { seed: 'ipo-window' } }), { sector: 'generalist', stage: 'growth', companies: N, years: 10 })
  const base = cohort([])
  const shut = cohort([ipoShut])

  it('listings inside the window fall to 10% of the unshocked run’s, within Monte Carlo error', () => {
    const inside = yearSum(shut.byQuarter.listed, 2, 5)
    const unshocked = yearSum(base.byQuarter.listed, 2, 5)
    expect(unshocked).toBeGreaterThan(1000)
    // counts are Poisson to a close approximation: var(inside − 0.1·unshocked) ≈ inside + 0.01·unshocked
    const se = Math.sqrt(inside + 0.01 * unshocked)
    expect(Math.abs(inside - 0.1 * unshocked), `inside ${inside}, unshocked ${unshocked}, se ${se.toFixed(1)}`).toBeLessThanOrEqual(4 * se)
  })

  it('the two years after reopening show at least the unshocked count (the queue comes to market)', () => {
    const after = yearSum(shut.byQuarter.listed, 5, 7)
    const unshocked = yearSum(base.byQuarter.listed, 5, 7)
    expect(after, `after ${after}, unshocked ${unshocked}`).toBeGreaterThanOrEqual(unshocked)
  })

  it('before the window shuts nothing changes beyond the noise of shifted draws', () => {
    const a = yearSum(shut.byQuarter.listed, 0, 2)
    const b = yearSum(base.byQuarter.listed, 0, 2)
    expect(Math.abs(a - b)).toBeLessThanOrEqual(4 * Math.sqrt(a + b))
  })

  it('a share of the withheld listings sells instead (trade sales rise while the window is shut)', () => {
    const inside = yearSum(shut.byQuarter.acquired, 2, 5)
    const unshocked = yearSum(base.byQuarter.acquired, 2, 5)
    expect(inside - unshocked).toBeGreaterThan(4 * Math.sqrt(inside + unshocked))
  })
})

describe('benchmark 4: seeds raise an A within 24 months far less often when a bust follows (Carta: ~31% vs ~15%)', () => {
  const withinTwoYears = (shocks: Shock[]) => {
    const c = simulateCohort(config({ market: { ...CALM, shocks }, run: { seed: 'benchmark-4' } }), { sector: 'generalist', stage: 'seed', companies: N, years: 4 })
    return c.byQuarter.reached.a.slice(0, 9).reduce((a, b) => a + b, 0)
  }
  const calm = withinTwoYears([])
  const bust = withinTwoYears([shock({ fromYear: 0.25, years: 2, regime: 'bust' })])
  const mc = (p: number) => 4 * binomialSe(p, N)

  it('about 31% in a normal market (26–36%)', () => {
    expect(calm).toBeGreaterThanOrEqual(0.26 - mc(0.31))
    expect(calm).toBeLessThanOrEqual(0.36 + mc(0.31))
  })
  it('about 15% when seeded one quarter before a two-year bust (10–20%)', () => {
    expect(bust).toBeGreaterThanOrEqual(0.1 - mc(0.15))
    expect(bust).toBeLessThanOrEqual(0.2 + mc(0.15))
  })
})

describe('correlated sector factors still move companies together', () => {
  // 300 vintages of 50 seeds; the variance of the vintage share that reaches A, over its binomial
  // variance, is ≈ 1 for independent companies and clearly above 1 when they load on one factor.
  // The ratio's sampling SE is about √(2/299) ≈ 0.08.
  const varianceRatio = (factors: boolean) => {
    const xs: number[] = []
    for (let b = 0; b < 300; b++) {
      const c = simulateCohort(config({ market: { regimes: { enabled: false }, factors: { enabled: factors } }, run: { seed: `vintage-${b}` } }), {
        sector: 'generalist',
        stage: 'seed',
        companies: 50,
        years: 9,
      })
      xs.push(c.reached.a)
    }
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length
    const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)
    return v / ((mean * (1 - mean)) / 50)
  }

  it('independent without factors, clustered with them', () => {
    const off = varianceRatio(false)
    const on = varianceRatio(true)
    expect(off).toBeGreaterThan(0.7)
    expect(off).toBeLessThan(1.35)
    // with the default within-sector correlation of 0.05 the ratio is about 1.8: still well above 1.35
    expect(on).toBeGreaterThan(1.5)
  })
})
