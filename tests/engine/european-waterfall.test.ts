import { describe, expect, it } from 'vitest'
import { EuropeanWaterfall } from '@pcsim/engine'

/** Quarterly growth factor of an 8% annual compound hurdle: (1.08)^(1/4). */
const G = Math.pow(1.08, 0.25)

/** 100 contributed, then `quarters` accruals (one per quarter), as the fund books do. */
function fundWith(carry: number, hurdle: number, catchUp: number, quarters = 0): EuropeanWaterfall {
  const w = new EuropeanWaterfall(carry, hurdle, catchUp)
  w.contribute(100)
  for (let q = 0; q < quarters; q++) w.accrue()
  return w
}

describe('EuropeanWaterfall without a hurdle', () => {
  it('carry 20%: contribute 100, distribute 150 → LP 140, GP 10', () => {
    // capital 100 back to LPs, profit 50 split 80/20 ⇒ LP 100 + 40, GP 10
    const s = fundWith(0.2, 0, 1).distribute(150)
    expect(s.lp).toBeCloseTo(140, 12)
    expect(s.gp).toBeCloseTo(10, 12)
  })

  it('a distribution below contributed capital goes entirely to LPs', () => {
    const w = fundWith(0.2, 0, 1)
    const s = w.distribute(60)
    expect(s).toEqual({ lp: 60, gp: 0 })
    expect(w.unreturned).toBeCloseTo(40, 12)
  })

  it('accruals do nothing without a hurdle', () => {
    const s = fundWith(0.2, 0, 1, 40).distribute(150)
    expect(s.gp).toBeCloseTo(10, 12)
  })
})

describe('EuropeanWaterfall with an 8% hurdle over 8 quarters', () => {
  // Pref after 8 quarterly accruals on 100: 100·(G^8 − 1) = 100·(1.08² − 1) = 16.64
  const PREF = 100 * (Math.pow(G, 8) - 1)

  it('the preferred return compounds quarterly on unreturned capital and unpaid pref', () => {
    expect(PREF).toBeCloseTo(16.64, 10)
    const w = fundWith(0.2, 0.08, 1, 8)
    expect(w.prefOwed).toBeCloseTo(16.64, 10)
  })

  it('100% catch-up: LP 100 + 16.64, GP catches up 4.16, the rest splits 80/20 → LP 180, GP 20', () => {
    // catch-up: GP takes all until GP = 20% of (16.64 + GP) ⇒ GP = 0.2·16.64/0.8 = 4.16
    // remaining 200 − 100 − 16.64 − 4.16 = 79.2 ⇒ GP 15.84, LP 63.36
    const s = fundWith(0.2, 0.08, 1, 8).distribute(200)
    expect(s.gp).toBeCloseTo(4.16 + 15.84, 10)
    expect(s.lp).toBeCloseTo(116.64 + 63.36, 10)
  })

  it('a distribution that ends inside the catch-up tier: 120 → LP 116.64, GP 3.36', () => {
    const s = fundWith(0.2, 0.08, 1, 8).distribute(120)
    expect(s.lp).toBeCloseTo(116.64, 10)
    expect(s.gp).toBeCloseTo(3.36, 10)
  })

  it('partial catch-up (0.8): the tier is x = 0.2·16.64/(0.8 − 0.2), GP gets 0.8·x there', () => {
    // x = 3.328/0.6 = 5.546666…, GP 0.8x = 4.437333…, LP 0.2x = 1.109333…
    const x = (0.2 * 16.64) / 0.6
    const inTier = fundWith(0.2, 0.08, 0.8, 8).distribute(116.64 + x)
    expect(inTier.gp).toBeCloseTo(0.8 * x, 10)
    expect(inTier.lp).toBeCloseTo(116.64 + 0.2 * x, 10)
    // after the tier GP holds exactly 20% of profit; a 200 distribution then ends at GP 20, LP 180
    const all = fundWith(0.2, 0.08, 0.8, 8).distribute(200)
    expect(all.gp).toBeCloseTo(20, 10)
    expect(all.lp).toBeCloseTo(180, 10)
  })

  it('no catch-up (hard hurdle, catchUp 0): profit above the pref splits 80/20', () => {
    // 200 − 116.64 = 83.36 ⇒ GP 16.672, LP 116.64 + 66.688 = 183.328
    const s = fundWith(0.2, 0.08, 0, 8).distribute(200)
    expect(s.gp).toBeCloseTo(16.672, 10)
    expect(s.lp).toBeCloseTo(183.328, 10)
  })

  it('several distributions in sequence add up to the same totals as one', () => {
    for (const catchUp of [1, 0.8, 0]) {
      const one = fundWith(0.2, 0.08, catchUp, 8).distribute(200)
      const w = fundWith(0.2, 0.08, catchUp, 8)
      let lp = 0
      let gp = 0
      for (const d of [50, 50, 3, 12.5, 0, 34.5, 50]) {
        const s = w.distribute(d)
        lp += s.lp
        gp += s.gp
      }
      expect(lp).toBeCloseTo(one.lp, 10)
      expect(gp).toBeCloseTo(one.gp, 10)
    }
  })

  it('a pref that accrues between two contributions: 100 for 8 quarters plus 50 for 4 quarters', () => {
    // pref = 100·(G^8 − 1) + 50·(G^4 − 1) = 16.64 + 50·0.08 = 20.64; hard hurdle
    const w = new EuropeanWaterfall(0.2, 0.08, 0)
    w.contribute(100)
    for (let q = 0; q < 4; q++) w.accrue()
    w.contribute(50)
    for (let q = 0; q < 4; q++) w.accrue()
    expect(w.prefOwed).toBeCloseTo(20.64, 10)
    const s = w.distribute(200)
    // 200 − 150 − 20.64 = 29.36 ⇒ GP 5.872
    expect(s.gp).toBeCloseTo(5.872, 10)
    expect(s.lp).toBeCloseTo(194.128, 10)
  })

  it('preview() splits like distribute() but leaves the state unchanged', () => {
    const w = fundWith(0.2, 0.08, 1, 8)
    w.distribute(110)
    const before = { u: w.unreturned, p: w.prefOwed, l: w.lpProfit, g: w.gpCarry }
    const p1 = { ...w.preview(90) }
    const p2 = { ...w.preview(90) }
    expect(p1).toEqual(p2)
    expect({ u: w.unreturned, p: w.prefOwed, l: w.lpProfit, g: w.gpCarry }).toEqual(before)
    const d = w.distribute(90)
    expect(d.lp).toBeCloseTo(p1.lp, 12)
    expect(d.gp).toBeCloseTo(p1.gp, 12)
  })

  it('zero carry gives everything to LPs', () => {
    const s = fundWith(0, 0.08, 0, 8).distribute(250)
    expect(s).toEqual({ lp: 250, gp: 0 })
  })
})
