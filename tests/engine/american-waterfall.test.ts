import { describe, expect, it } from 'vitest'
import { AmericanWaterfall, clawbackExcess } from '@pcsim/engine'

// pref on a cost of 10 over 3 years at 8%: 10·(1.08³ − 1) = 10·0.259712 = 2.59712
const PREF_10_3Y = 2.59712

describe('AmericanWaterfall (deal by deal)', () => {
  it('no hurdle: cost 10, proceeds 30 → carry 20% of 20 = 4', () => {
    const w = new AmericanWaterfall(0.2, 0, 1)
    expect(w.realise(30, 10, 3)).toBeCloseTo(4, 12)
    expect(w.gpCarry).toBeCloseTo(4, 12)
  })

  it('a written-off deal is carried forward and offsets the next profit', () => {
    // write-off 10, then profit 20 − 10 carried loss = 10 ⇒ carry 2; nothing left carried forward
    const w = new AmericanWaterfall(0.2, 0, 1)
    w.writeOff(10)
    expect(w.realise(30, 10, 3)).toBeCloseTo(2, 12)
    expect(w.lossCarryForward).toBe(0)
    // a loss larger than the profit leaves the remainder carried: write-off 25, profit 20 ⇒ carry 0, 5 left
    const v = new AmericanWaterfall(0.2, 0, 1)
    v.writeOff(25)
    expect(v.realise(30, 10, 3)).toBe(0)
    expect(v.lossCarryForward).toBeCloseTo(5, 12)
  })

  it('a realisation below cost earns nothing and adds its loss to the carry-forward', () => {
    const w = new AmericanWaterfall(0.2, 0.08, 1)
    expect(w.realise(6, 10, 2)).toBe(0)
    expect(w.lossCarryForward).toBeCloseTo(4, 12)
  })

  it('8% pref on cost over the holding years, then 100% catch-up: carry ends at 20% of profit', () => {
    // profit 20; pref 2.59712 to LPs; catch-up x = 0.2·2.59712/0.8 = 0.64928 to the GP;
    // rest 20 − 2.59712 − 0.64928 = 16.7536 ⇒ GP 3.35072; total 0.64928 + 3.35072 = 4
    const w = new AmericanWaterfall(0.2, 0.08, 1)
    expect(w.realise(30, 10, 3)).toBeCloseTo(4, 10)
  })

  it('a profit that ends inside the catch-up tier: proceeds 13 → GP gets 3 − 2.59712 = 0.40288', () => {
    const w = new AmericanWaterfall(0.2, 0.08, 1)
    expect(w.realise(13, 10, 3)).toBeCloseTo(3 - PREF_10_3Y, 10)
  })

  it('a profit below the pref earns no carry', () => {
    const w = new AmericanWaterfall(0.2, 0.08, 1)
    expect(w.realise(12, 10, 3)).toBe(0)
  })

  it('hard hurdle (catchUp 0): 20% of the profit above the pref = 0.2·(20 − 2.59712) = 3.480576', () => {
    const w = new AmericanWaterfall(0.2, 0.08, 0)
    expect(w.realise(30, 10, 3)).toBeCloseTo(3.480576, 10)
  })

  it('carried loss, then pref and catch-up on what is left: loss 5, profit 20 → carry 20% of 15 = 3', () => {
    // profit after offset 15; pref 2.59712 (on cost, not on the offset); catch-up 0.64928; rest 11.7536 ⇒ 2.35072
    const w = new AmericanWaterfall(0.2, 0.08, 1)
    w.writeOff(5)
    expect(w.realise(30, 10, 3)).toBeCloseTo(3, 10)
  })

  it('partial catch-up 0.5: tier x = 0.2·pref/(0.5 − 0.2), GP gets 0.5·x, then 20% of the rest', () => {
    // pref 2.59712, x = 0.519424/0.3 = 1.7314133…, GP 0.8657067; rest 20 − 2.59712 − 1.7314133 = 15.6714667 ⇒ 3.1342933
    const w = new AmericanWaterfall(0.2, 0.08, 0.5)
    const x = (0.2 * PREF_10_3Y) / 0.3
    expect(w.realise(30, 10, 3)).toBeCloseTo(0.5 * x + 0.2 * (20 - PREF_10_3Y - x), 10)
    expect(w.realise(30, 10, 3)).toBeCloseTo(4, 10) // (both deals end at GP = 20% of profit)
  })

  it('gpCarry accumulates across deals', () => {
    const w = new AmericanWaterfall(0.2, 0, 1)
    w.realise(30, 10, 1) // 4
    w.writeOff(10)
    w.realise(25, 5, 1) // profit 20 − 10 = 10 ⇒ 2
    expect(w.gpCarry).toBeCloseTo(6, 12)
  })
})

describe('clawbackExcess', () => {
  it('returns carry above carry × whole-fund profit', () => {
    // profit 240 − 100 = 140 ⇒ entitlement 28; paid 30 ⇒ 2 back
    expect(clawbackExcess(30, 0.2, 240, 100)).toBeCloseTo(2, 12)
  })

  it('returns all carry when the fund made no profit', () => {
    expect(clawbackExcess(10, 0.2, 90, 100)).toBe(10)
  })

  it('returns nothing when carry is within the entitlement', () => {
    expect(clawbackExcess(20, 0.2, 200, 100)).toBe(0)
  })

  it('deal-by-deal carry on a fund with a write-off: carry 4 on a winner, loss 10 elsewhere → 2 back', () => {
    // deal 1: cost 10 → 30 (carry 4, paid before the loss is known); deal 2: cost 10 → 0
    const w = new AmericanWaterfall(0.2, 0, 1)
    w.realise(30, 10, 2)
    w.writeOff(10)
    // whole fund: paid-in 20, distributed 30 ⇒ profit 10, entitlement 2; paid 4 ⇒ excess 2
    expect(clawbackExcess(w.gpCarry, 0.2, 30, 20)).toBeCloseTo(2, 12)
  })
})
