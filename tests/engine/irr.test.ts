import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { annualise, irrStatus, periodicIrr } from '@pcsim/engine'
import { npv } from './helpers.ts'

/** Flows are at the ENDS of periods 1..n (the engine's convention, see periodicIrr's doc). */
const irr = (flows: number[], n = flows.length) => periodicIrr(Float64Array.from(flows), n)

describe('periodicIrr: hand-computed vectors', () => {
  it('[-100, 110] → 10% per period', () => {
    // -100 + 110/(1+r) = 0  ⇒  1 + r = 1.1
    expect(irr([-100, 110])).toBeCloseTo(0.1, 12)
  })

  it('[-100, 0, 121] → 10% per period (two periods between the flows)', () => {
    // -100 + 121/(1+r)^2 = 0  ⇒  (1+r)^2 = 1.21  ⇒  r = 0.1
    expect(irr([-100, 0, 121])).toBeCloseTo(0.1, 12)
  })

  it('[-100, 0, 0, 121] → 1.21^(1/3) − 1 ≈ 6.56% (three periods, not 10%)', () => {
    // -100 + 121/(1+r)^3 = 0  ⇒  r = 1.21^(1/3) − 1 = 0.065602...
    expect(irr([-100, 0, 0, 121])).toBeCloseTo(Math.cbrt(1.21) - 1, 12)
    expect(irr([-100, 0, 0, 121])).toBeCloseTo(0.0656022, 6)
  })

  it('leading zeros and trailing data beyond n do not change the rate', () => {
    expect(irr([0, 0, -100, 0, 121])).toBeCloseTo(0.1, 12)
    // n = 2: the third entry must be ignored
    expect(irr([-100, 110, 99999], 2)).toBeCloseTo(0.1, 12)
  })

  it('[-100, -50, 0, 193.6] → 10% (two calls, one distribution)', () => {
    // At 10%: value at period 4 of the calls = 100·1.1^3 + 50·1.1^2 = 133.1 + 60.5 = 193.6
    expect(irr([-100, -50, 0, 193.6])).toBeCloseTo(0.1, 12)
  })

  it('VC-like J-curve: [-100, -100, 0, 100, 314.453125] → 25%', () => {
    // At 25%, compounded to period 5: calls 100·1.25^4 + 100·1.25^3 = 244.140625 + 195.3125 = 439.453125;
    // distribution 100 at period 4 is worth 125 at period 5, so the last flow is 439.453125 − 125 = 314.453125.
    expect(irr([-100, -100, 0, 100, 314.453125])).toBeCloseTo(0.25, 12)
  })

  it('a 40-quarter fund stream: three years of calls, distributions from year 5 at a 3% quarterly rate', () => {
    // 12 calls of 10 at quarters 1..12; 20 equal distributions D at quarters 21..40, with
    // Σ 10·v^q (q=1..12) = Σ D·v^q (q=21..40), v = 1/1.03 ⇒ D = 10·(1 − v^12)/(v^20·(1 − v^20))
    const v = 1 / 1.03
    const D = (10 * (1 - v ** 12)) / (v ** 20 * (1 - v ** 20))
    const flows = Array.from({ length: 40 }, (_, i) => (i < 12 ? -10 : i >= 20 ? D : 0))
    expect(irr(flows)).toBeCloseTo(0.03, 10)
    expect(annualise(irr(flows), 4)).toBeCloseTo(1.03 ** 4 - 1, 10)
  })

  it('two sign changes: [-100, 230, -132] has roots 10% and 20%; the documented choice is 20%', () => {
    // -100x² + 230x − 132 = 0 with x = 1 + r ⇒ x = (230 ± 10)/200 ∈ {1.1, 1.2}.
    // NPV(0) = −2 < 0, NPV(15%) = +0.16 > 0, NPV(30%) = −0.91 < 0: NPV rises through 10% and falls
    // through 20%. periodicIrr documents "the root where NPV falls as the rate rises", i.e. 20%.
    expect(npv([-100, 230, -132], 0.15)).toBeGreaterThan(0)
    expect(irr([-100, 230, -132])).toBeCloseTo(0.2, 9)
  })

  it('no sign change with money back only → NaN, reported as an undefined IRR', () => {
    expect(irr([100, 50])).toBeNaN()
    expect(irr([0, 0, 0])).toBeNaN()
    expect(irrStatus(irr([100, 50]))).toBe('undefined')
  })

  it('all negative with nothing back → −1 (total loss)', () => {
    expect(irr([-100, -50, 0])).toBe(-1)
    expect(irrStatus(irr([-100, -50]))).toBe('total_loss')
  })

  it('almost everything lost: [-100, 1] → −99% per period, status ok', () => {
    expect(irr([-100, 1])).toBeCloseTo(-0.99, 10)
    expect(irrStatus(irr([-100, 1]))).toBe('ok')
  })
})

describe('annualise', () => {
  it('10% a quarter is 1.1^4 − 1 = 46.41% a year', () => {
    expect(annualise(0.1, 4)).toBeCloseTo(0.4641, 12)
  })

  it('quarterly flows [-100, 0, 0, 0, 108]: 8% over four quarters annualises to exactly 8%', () => {
    // (1+r)^4 = 1.08 per quarter ⇒ annual (1+r)^4 − 1 = 0.08
    const q = irr([-100, 0, 0, 0, 108])
    expect(q).toBeCloseTo(Math.pow(1.08, 0.25) - 1, 12)
    expect(annualise(q, 4)).toBeCloseTo(0.08, 12)
  })

  it('keeps −1 and NaN, and one period per year is the identity', () => {
    expect(annualise(-1, 4)).toBe(-1)
    expect(annualise(Number.NaN, 4)).toBeNaN()
    expect(annualise(0.123, 1)).toBeCloseTo(0.123, 14)
  })

  it('irrStatus maps an ordinary rate to ok', () => {
    expect(irrStatus(0.05)).toBe('ok')
    expect(irrStatus(-0.5)).toBe('ok')
  })
})

describe('periodicIrr: property', () => {
  it('calls then distributions (one sign change) → the unique root that zeroes the NPV', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.double({ min: -0.3, max: 0.6, noNaN: true }),
        (calls, gap, shape, r) => {
          // Distributions proportional to `shape`, scaled so the NPV at rate r is exactly zero.
          const flows = [...calls.map((c) => -c), ...Array<number>(gap).fill(0), ...shape.map((s) => s + 0.01)]
          const n = flows.length
          const pv = (from: number) => flows.slice(from).reduce((a, f, i) => a + f / Math.pow(1 + r, from + i + 1), 0)
          const start = calls.length + gap
          const scale = -npv(flows.slice(0, start), r) / pv(start)
          for (let i = start; i < n; i++) flows[i] = flows[i]! * scale
          const got = irr(flows)
          expect(got).toBeCloseTo(r, 6)
        },
      ),
      { seed: 20251127, numRuns: 300 },
    )
  })
})
