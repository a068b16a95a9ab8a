import { describe, expect, it } from 'vitest'
import { plannedFees, quarterFee, type SimulationConfig } from '@pcsim/engine'
import { V2_BOOKS } from './helpers.ts'

type Fund = SimulationConfig['fund']
type Fee = Fund['managementFee']

const fund = (fee: Partial<Fee> = {}, over: Partial<Fund> = {}): Fund => ({
  currency: 'USD',
  size: 200,
  investmentPeriodYears: 5,
  lifeYears: 10,
  extensionYears: 2,
  managementFee: { rate: 0.02, basis: 'committed', stepDownYear: 5, rateAfterStepDown: 0.015, basisAfterStepDown: 'invested', ...fee },
  carry: { rate: 0.2, hurdle: 0, catchUp: 1, waterfall: 'european', clawback: true },
  recycling: { cap: 0, untilYear: 0 },
  capitalCalls: V2_BOOKS.capitalCalls as unknown as Fund['capitalCalls'],
  endOfLife: V2_BOOKS.endOfLife as unknown as Fund['endOfLife'],
  ...over,
})

describe('quarterFee', () => {
  it('committed basis at 2%: 0.5% of the fund size per quarter, whatever is invested', () => {
    // 0.02 / 4 · 200 = 1.0
    const f = fund()
    expect(quarterFee(f, 0, 0, 0)).toBeCloseTo(1.0, 14)
    expect(quarterFee(f, 19, 123, 456)).toBeCloseTo(1.0, 14)
  })

  it('the step-down year switches both the rate and the basis', () => {
    const f = fund()
    // quarter 19 is in year 4.75 < 5: 2% on committed
    expect(quarterFee(f, 19, 120, 300)).toBeCloseTo(1.0, 14)
    // quarter 20 starts year 5: 1.5% on invested cost 120 ⇒ 0.015 / 4 · 120 = 0.45
    expect(quarterFee(f, 20, 120, 300)).toBeCloseTo(0.45, 14)
  })

  it('a fractional step-down year: 2.6 ⇒ quarter 10 (year 2.5) before, quarter 11 (year 2.75) after', () => {
    const f = fund({ stepDownYear: 2.6, basisAfterStepDown: 'committed', rateAfterStepDown: 0.01 })
    expect(quarterFee(f, 10, 0, 0)).toBeCloseTo(1.0, 14) // 0.02/4·200
    expect(quarterFee(f, 11, 0, 0)).toBeCloseTo(0.5, 14) // 0.01/4·200
  })

  it('invested and NAV bases use the amounts passed in', () => {
    const inv = fund({ basis: 'invested' })
    expect(quarterFee(inv, 3, 50, 999)).toBeCloseTo(0.25, 14) // 0.02/4 · 50
    const nav = fund({ basisAfterStepDown: 'nav', rateAfterStepDown: 0.01 })
    expect(quarterFee(nav, 30, 999, 80)).toBeCloseTo(0.2, 14) // 0.01/4 · 80
  })

  it('no fee after the fund life (extensions are fee-free)', () => {
    const f = fund({ basisAfterStepDown: 'committed' })
    expect(quarterFee(f, 39, 0, 0)).toBeGreaterThan(0)
    expect(quarterFee(f, 40, 100, 100)).toBe(0)
    expect(quarterFee(f, 47, 100, 100)).toBe(0)
    // a 10.5-year life charges 42 quarters: 0..41
    const g = fund({ basisAfterStepDown: 'committed' }, { lifeYears: 10.5 })
    expect(quarterFee(g, 41, 0, 0)).toBeGreaterThan(0)
    expect(quarterFee(g, 42, 0, 0)).toBe(0)
  })
})

describe('plannedFees: P = A + R·(size − P)', () => {
  it('committed basis throughout is exact: 2% for 5 years then 1% for 5 years on 200 = 20 + 10 = 30', () => {
    // A = 20 quarters · 0.005 · 200 + 20 quarters · 0.0025 · 200 = 20 + 10; R = 0
    const f = fund({ basisAfterStepDown: 'committed', rateAfterStepDown: 0.01 })
    expect(plannedFees(f)).toBeCloseTo(30, 12)
  })

  it('the reference fund: 2% committed for 5 years, then 1.5% on invested, size 100 → 17.5/1.075', () => {
    // A = 20 · 0.005 · 100 = 10; R = 20 · 0.015/4 = 0.075
    // P = A + R(size − P) ⇒ P = (A + R·size)/(1 + R) = (10 + 7.5)/1.075 = 16.27906976744186
    const f = fund({}, { size: 100 })
    const P = plannedFees(f)
    expect(P).toBeCloseTo(17.5 / 1.075, 12)
    expect(P).toBeCloseTo(10 + 0.075 * (100 - P), 12)
  })

  it('all on invested: 2% for 10 years → R = 40 · 0.005 = 0.2, P = 0.2 · 100 / 1.2', () => {
    const f = fund({ basis: 'invested', basisAfterStepDown: 'invested', rateAfterStepDown: 0.02 }, { size: 100 })
    expect(plannedFees(f)).toBeCloseTo(20 / 1.2, 12)
  })

  it('never more than the fund: 10% on committed for 30 years caps at the size', () => {
    const f = fund({ rate: 0.1, rateAfterStepDown: 0.1, basisAfterStepDown: 'committed' }, { size: 100, lifeYears: 30 })
    expect(plannedFees(f)).toBe(100)
  })

  it('equals the sum of quarterly fees when the invested/NAV base is the investable capital size − P', () => {
    for (const f of [fund({}, { size: 100 }), fund({ basis: 'nav', basisAfterStepDown: 'invested' }, { lifeYears: 12 }), fund({ basisAfterStepDown: 'committed' })]) {
      const P = plannedFees(f)
      let sum = 0
      for (let q = 0; q < 200; q++) sum += quarterFee(f, q, f.size - P, f.size - P)
      expect(sum).toBeCloseTo(P, 10)
    }
  })
})
