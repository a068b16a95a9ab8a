import { describe, expect, it } from 'vitest'
import { exp, log } from '../../packages/engine/src/random/exp-log.ts'
import { boundedPareto } from '../../packages/engine/src/random/distributions.ts'
import { createRng, portfolioMultiples, REFERENCE_FUND } from '@pcsim/engine'

const EPS = Number.EPSILON
/** Park–Miller, so the inputs do not depend on the engine's generator. */
function uniforms(seed: number): () => number {
  let s = seed
  return () => (s = (s * 48271) % 2147483647) / 2147483647
}

describe('table-driven log and exp', () => {
  it('log is within 2 ε · max(1, |ln y|) of Math.log over the whole normal range and near 1', () => {
    const u = uniforms(7)
    let worst = 0
    for (let i = 0; i < 400_000; i++) {
      const y = i % 2 ? (1 + u()) * 2 ** (Math.floor(u() * 2045) - 1022) : 1 + (u() - 0.5) * 1e-3
      worst = Math.max(worst, Math.abs(log(y) - Math.log(y)) / (EPS * Math.max(1, Math.abs(Math.log(y)))))
    }
    expect(worst).toBeLessThan(2)
    for (let k = -1022; k <= 1023; k++) expect(log(2 ** k)).toBeCloseTo(k * Math.LN2, 10)
  })

  it('exp is within 2.2 ε of Math.exp over (−700, 700)', () => {
    const u = uniforms(11)
    let worst = 0
    for (let i = 0; i < 400_000; i++) {
      const x = (u() - 0.5) * (i % 2 ? 1399.99 : 2)
      worst = Math.max(worst, Math.abs(exp(x) - Math.exp(x)) / (EPS * Math.exp(x)))
    }
    expect(worst).toBeLessThan(2.2)
  })

  it('gives exact values at 1 and 0 and hands edge inputs to Math', () => {
    expect(log(1)).toBe(0)
    expect(exp(0)).toBe(1)
    for (const y of [0, -0, -1, -1e-300, Infinity, -Infinity, NaN, 5e-324, 2.2e-308]) expect(log(y)).toBe(Math.log(y))
    for (const x of [-Infinity, Infinity, NaN, -745, -700, 700, 709.7]) expect(exp(x)).toBe(Math.exp(x))
  })
})

describe('Pareto draws on the table-driven exp and log', () => {
  const p = { ...REFERENCE_FUND.companies.powerLaw, kind: 'pareto' as const, alpha: 1.1, low: 0.05, high: 500, shift: 0.02 }

  it('boundedPareto is within 20 ulps of the inverse CDF by Math.pow, and inside [low, high]', () => {
    const u = uniforms(3)
    let worst = 0
    let outside = 0
    for (let i = 0; i < 200_000; i++) {
      const v = u()
      const x = boundedPareto(v, p.alpha, p.low, p.high)
      const ratio = Math.pow(p.low / p.high, p.alpha)
      const ref = p.low * Math.pow(1 - v * (1 - ratio), -1 / p.alpha)
      worst = Math.max(worst, Math.abs(x - ref) / (EPS * ref))
      if (!(x >= p.low && x <= p.high)) outside++
    }
    expect(outside).toBe(0)
    expect(worst).toBeLessThan(20)
  })

  it('portfolioMultiples equals the same draws through Math.pow to 1e-14 relative', () => {
    const trials = 600
    const deals = 7
    const got = portfolioMultiples(p, deals, trials, 'exp-log')
    const ratio = 1 - Math.pow(p.low / p.high, p.alpha)
    for (let block = 0; block * 256 < trials; block++) {
      const rng = createRng(`exp-log/p/${block}`)
      const sums = new Float64Array(256)
      for (let d = 0; d < deals; d++) for (let j = 0; j < 256; j++) sums[j]! += Math.max(0, p.low * Math.pow(1 - rng.uniform() * ratio, -1 / p.alpha) - p.shift)
      for (let j = 0; j < 256 && block * 256 + j < trials; j++) {
        const want = sums[j]! / deals
        expect(Math.abs(got[block * 256 + j]! - want)).toBeLessThanOrEqual(1e-14 * want)
      }
    }
  })
})
