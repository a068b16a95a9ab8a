import { describe, expect, it } from 'vitest'
import { LpLedger } from '../../packages/engine/src/model/lp-ledger.ts'
import { parseConfig } from '@pcsim/engine'
import { config } from './helpers.ts'

/**
 * Hand-computed vectors for each LP term, driving the LP-class books (`LpLedger`) directly.
 *
 * Every quarter the fund calls `call(q, investment, fees)` and then `distribute(q, distributable,
 * netNav)` (fund-books.ts), so `quarterly` below does the same for every quarter up to the last one
 * listed: the capped-return and concession balances accrue in `call`, the buy-out price in
 * `distribute`. Carry is 0 unless a test says otherwise, so the classes' split is checkable by hand.
 * All amounts in millions.
 */

type Class = { id: string; kind: string; share: number; terms?: Record<string, unknown> }
type Carry = { rate: number; hurdle: number; catchUp: number }
const NO_CARRY: Carry = { rate: 0, hurdle: 0, catchUp: 0 }
/** 20% carry, no hurdle: with catch-up 1 and no hurdle the GP simply takes 20% of every unit of profit. */
const CARRY_20: Carry = { rate: 0.2, hurdle: 0, catchUp: 1 }

function ledgerOf(lpClasses: Class[], carry: Carry = NO_CARRY, quarters = 40): LpLedger {
  const c = config({ fund: { carry: { ...carry, waterfall: 'european', clawback: false } }, lpClasses })
  const ledger = new LpLedger(c, quarters)
  ledger.reset()
  return ledger
}

interface Quarter {
  invest?: number
  fees?: number
  dist?: number
  /** LP side of NAV, used only to value a stake for a buy-out. */
  netNav?: number
}

/** Runs quarters 0..last of `plan` (missing quarters: no flows) and returns the GP amount of each. */
function quarterly(ledger: LpLedger, plan: Record<number, Quarter>): number[] {
  const last = Math.max(...Object.keys(plan).map(Number))
  const gp: number[] = []
  for (let q = 0; q <= last; q++) {
    const p = plan[q] ?? {}
    ledger.call(q, p.invest ?? 0, p.fees ?? 0)
    gp.push(ledger.distribute(q, p.dist ?? 0, p.netNav ?? 0))
  }
  return gp
}

const at = (ledger: LpLedger, c: number, q: number) => ledger.dists[c]![q]!
const sumDists = (ledger: LpLedger, q: number) => ledger.dists.reduce((a, d) => a + d[q]!, 0)
const sumTransfers = (ledger: LpLedger, q: number) => ledger.transfers.reduce((a, t) => a + t[q]!, 0)
const close = (actual: number, expected: number, digits = 9) => expect(actual).toBeCloseTo(expected, digits)

describe('uniform books', () => {
  it('a fund whose classes have no terms (or empty terms) is uniform and charges fees on every commitment', () => {
    const a = ledgerOf([
      { id: 'a', kind: 'government', share: 0.4 },
      { id: 'b', kind: 'private', share: 0.6, terms: {} },
    ])
    expect(a.uniform).toBe(true)
    expect(a.feeShare).toBe(1)
    const b = ledgerOf([
      { id: 'a', kind: 'government', share: 0.4, terms: { carryExempt: true } },
      { id: 'b', kind: 'private', share: 0.6 },
    ])
    expect(b.uniform).toBe(false)
  })
})

describe('capped return without priority', () => {
  // gov 50% capped at principal + 10% a year (compounded quarterly: (1.1)^(1/4) a quarter), upside
  // to a (30%) and b (20%) pro rata by commitment: a gets 3/5, b 2/5 of what lies above the cap.
  const classes: Class[] = [
    { id: 'gov', kind: 'government', share: 0.5, terms: { cappedReturn: { rate: 0.1, priority: false, upsideTo: ['a', 'b'] } } },
    { id: 'a', kind: 'private', share: 0.3 },
    { id: 'b', kind: 'private', share: 0.2 },
  ]

  it('keeps principal compounded at the rate and hands the excess to upsideTo by commitment share', () => {
    const l = ledgerOf(classes)
    // q0: call 100 → gov 50, a 30, b 20.
    // q4: 200 out; gross gov 100, a 60, b 40. Cap balance 50 × 1.1 = 55 → gov keeps 55; excess 45:
    //     a +27, b +18 → a 87, b 58.
    // q8: 100 out; gross gov 50, a 30, b 20. Balance 0 → gov keeps 0; a +30, b +20 → a 60, b 40.
    const gp = quarterly(l, { 0: { invest: 100 }, 4: { dist: 200 }, 8: { dist: 100 } })
    expect(l.calls.map((c) => c[0])).toEqual([50, 30, 20])
    close(at(l, 0, 4), 55)
    close(at(l, 1, 4), 87)
    close(at(l, 2, 4), 58)
    close(at(l, 0, 8), 0)
    close(at(l, 1, 8), 60)
    close(at(l, 2, 8), 40)
    expect(gp.every((x) => x === 0)).toBe(true)
    for (const q of [4, 8]) close(sumDists(l, q), q === 4 ? 200 : 100)
  })

  it('carries an unpaid cap balance forward and compounds it', () => {
    const l = ledgerOf(classes)
    // q4: 60 out; gross gov 30 < 55 → gov keeps 30, a 18, b 12; 25 of the cap is still owed.
    // q8: the 25 has compounded a year: 27.5. 200 out; gross gov 100 → keeps 27.5; excess 72.5:
    //     a +43.5 (60 → 103.5), b +29 (40 → 69).
    // q12: 10 out; gross gov 5, a 3, b 2; nothing owed → a 3 + 3 = 6, b 2 + 2 = 4.
    // Check: at 10% gov's 30 after one year and 27.5 after two are worth 30/1.1 + 27.5/1.21 = 50 today.
    quarterly(l, { 0: { invest: 100 }, 4: { dist: 60 }, 8: { dist: 200 }, 12: { dist: 10 } })
    close(at(l, 0, 4), 30)
    close(at(l, 1, 4), 18)
    close(at(l, 2, 4), 12)
    close(at(l, 0, 8), 27.5)
    close(at(l, 1, 8), 103.5)
    close(at(l, 2, 8), 69)
    close(at(l, 0, 12), 0)
    close(at(l, 1, 12), 6)
    close(at(l, 2, 12), 4)
    close(30 / 1.1 + 27.5 / 1.21, 50)
  })

  it('hands the excess to the GP when upsideTo is "gp"', () => {
    const l = ledgerOf([
      { id: 'gov', kind: 'government', share: 0.5, terms: { cappedReturn: { rate: 0, priority: false, upsideTo: ['gp'] } } },
      { id: 'p', kind: 'private', share: 0.5 },
    ])
    // q0 call 100 (50/50); q1: 300 out, gross 150/150; gov keeps its 50, the GP gets 100.
    const gp = quarterly(l, { 0: { invest: 100 }, 1: { dist: 300 } })
    close(at(l, 0, 1), 50)
    close(at(l, 1, 1), 150)
    close(gp[1]!, 100)
  })
})

describe('a cap whose upside goes to another capped class', () => {
  // ENGINE BUG (rules.ts lpTermIssues accepts it; lp-ledger.ts applyCaps applies the caps one class
  // at a time): a's excess goes to b after a's cap was applied, b's excess goes back to a, and a ends
  // far above its cap. Here call 100 (50/50), 300 out (150/150): a keeps 50 and passes 100 to b
  // (250); b keeps 50 and passes 200 to a (250): a, capped at 50, receives 250. The combination has
  // no consistent answer once both caps are full, so the rules should reject an upsideTo (or a
  // concession `to`) naming a capped class, or the caps should be applied until they all hold.
  // This test accepts either fix.
  it('a capped class never ends above its cap (or the config is rejected)', () => {
    const input = {
      fund: { carry: { rate: 0, hurdle: 0, catchUp: 0, waterfall: 'european', clawback: false } },
      lpClasses: [
        { id: 'a', kind: 'government', share: 0.5, terms: { cappedReturn: { rate: 0, priority: false, upsideTo: ['b'] } } },
        { id: 'b', kind: 'government', share: 0.5, terms: { cappedReturn: { rate: 0, priority: false, upsideTo: ['a'] } } },
      ],
    }
    const r = parseConfig(input)
    if (!r.ok) return
    const l = new LpLedger(r.config, 8)
    l.reset()
    quarterly(l, { 0: { invest: 100 }, 1: { dist: 300 } })
    expect(at(l, 0, 1)).toBeLessThanOrEqual(50 + 1e-9)
  })
})

describe('capped return with priority (UK ECF)', () => {
  it('the capped class is paid first out of the whole LP pool; the others get nothing until it is whole', () => {
    const l = ledgerOf([
      { id: 'bbb', kind: 'government', share: 0.6, terms: { cappedReturn: { rate: 0.03, priority: true, upsideTo: ['private'] } } },
      { id: 'private', kind: 'private', share: 0.4 },
    ])
    // q0: call 100 → bbb 60, private 40. Balance after a year: 60 × 1.03 = 61.8.
    // q4: 50 out: all of it to bbb (private 0); 11.8 still owed.
    // q8: 11.8 × 1.03 = 12.154 owed; 50 out → bbb 12.154, private 37.846.
    // q12: 100 out → bbb 0, private 100.
    quarterly(l, { 0: { invest: 100 }, 4: { dist: 50 }, 8: { dist: 50 }, 12: { dist: 100 } })
    close(at(l, 0, 4), 50)
    close(at(l, 1, 4), 0)
    close(at(l, 0, 8), 11.8 * 1.03)
    close(at(l, 1, 8), 50 - 11.8 * 1.03)
    close(at(l, 0, 12), 0)
    close(at(l, 1, 12), 100)
    // over the life bbb received exactly principal plus 3% a year on what was outstanding
    close(50 / 1.03 + (11.8 * 1.03) / 1.03 ** 2, 60)
  })

  it('what is left after the priority amount is shared by the other classes', () => {
    const l = ledgerOf([
      { id: 'bbb', kind: 'government', share: 0.6, terms: { cappedReturn: { rate: 0.03, priority: true, upsideTo: ['private', 'other'] } } },
      { id: 'private', kind: 'private', share: 0.3 },
      { id: 'other', kind: 'insurance', share: 0.1 },
    ])
    // q4: 200 out; bbb takes its 61.8; 138.2 left: private 3/4 = 103.65, other 1/4 = 34.55.
    quarterly(l, { 0: { invest: 100 }, 4: { dist: 200 } })
    close(at(l, 0, 4), 61.8)
    close(at(l, 1, 4), 103.65)
    close(at(l, 2, 4), 34.55)
  })

  // ENGINE BUG (lp-ledger.ts applyCaps, the `cap.priority` branch, lines ~195-204): with priority the
  // class's excess above the cap is spread over *all* other classes in proportion to their gross,
  // and `upsideTo` is ignored (it is only used when the other classes received nothing). With
  // upsideTo ["gp"] the GP never receives anything; the private class takes the whole upside.
  // Here: call 100 (bbb 60, p 40); one distribution of 300: gross bbb 180, p 120. bbb is paid its
  // 60 first; what lies above its cap (180 − 60 = 120) should go to upsideTo = the GP, and p keeps
  // its own 120. The engine gives p 240 and the GP 0.
  it('with priority, what lies above the cap goes to upsideTo (here the GP)', () => {
    const l = ledgerOf([
      { id: 'bbb', kind: 'government', share: 0.6, terms: { cappedReturn: { rate: 0, priority: true, upsideTo: ['gp'] } } },
      { id: 'p', kind: 'private', share: 0.4 },
    ])
    const gp = quarterly(l, { 0: { invest: 100 }, 1: { dist: 300 } })
    close(at(l, 0, 1), 60)
    close(gp[1]!, 120)
    close(at(l, 1, 1), 120)
  })
})

describe('profit concession', () => {
  const classes = (to: string[]): Class[] => [
    { id: 'gov', kind: 'government', share: 0.5, terms: { profitConcession: { share: 0.5, threshold: 0.1, to } } },
    { id: 'private', kind: 'private', share: 0.5 },
  ]

  it('gives up a share of the profit above the threshold return', () => {
    const l = ledgerOf(classes(['private']))
    // q0: call 100 → 50/50. q4: 200 out, gross 100/100. Gov keeps 50 × 1.1 = 55 in full; of the
    // 45 above, half (22.5) goes to private → gov 77.5, private 122.5.
    // q8: 100 out, gross 50/50; nothing left below the threshold → 25 to private: gov 25, private 75.
    const gp = quarterly(l, { 0: { invest: 100 }, 4: { dist: 200 }, 8: { dist: 100 } })
    close(at(l, 0, 4), 77.5)
    close(at(l, 1, 4), 122.5)
    close(at(l, 0, 8), 25)
    close(at(l, 1, 8), 75)
    expect(gp.every((x) => x === 0)).toBe(true)
  })

  it('keeps what is below the threshold and carries the rest of the threshold forward, compounded', () => {
    const l = ledgerOf(classes(['private']))
    // q4: 100 out, gross 50/50: below the 55 threshold, nothing given; 5 still below the threshold.
    // q8: 5 × 1.1 = 5.5 still kept in full; 100 out, gross 50: 44.5 above, 22.25 given →
    //     gov 27.75, private 72.25.
    quarterly(l, { 0: { invest: 100 }, 4: { dist: 100 }, 8: { dist: 100 } })
    close(at(l, 0, 4), 50)
    close(at(l, 1, 4), 50)
    close(at(l, 0, 8), 27.75)
    close(at(l, 1, 8), 72.25)
  })

  it('a concession to the GP is returned as the GP amount', () => {
    const l = ledgerOf(classes(['gp']))
    const gp = quarterly(l, { 0: { invest: 100 }, 4: { dist: 200 } })
    close(gp[4]!, 22.5)
    close(at(l, 0, 4), 77.5)
    close(at(l, 1, 4), 100)
  })
})

describe('buy-out (Yozma)', () => {
  // gov 40% may be bought by p1 (40%) and p2 (20%) at cost plus 10% a year at the end of year 1
  // (quarter 3: the window is 1 year = 4 quarters). p1 pays 2/3 of the price, p2 1/3.
  const classes: Class[] = [
    { id: 'gov', kind: 'government', share: 0.4, terms: { buyOut: { windowYears: 1, rate: 0.1, buyers: ['p1', 'p2'] } } },
    { id: 'p1', kind: 'private', share: 0.4 },
    { id: 'p2', kind: 'private', share: 0.2 },
  ]
  /** Cost plus interest after q0's call of 40: three quarters of interest by quarter 3. */
  const price = 40 * 1.1 ** 0.75

  it('is exercised at the end of the window when the stake is worth more than cost plus interest', () => {
    const l = ledgerOf(classes)
    // netNav 200 every quarter: gov's stake is worth 0.4 × 200 = 80 > 42.96. In the money from the
    // start, but only exercised at the end of the window (q3).
    quarterly(l, { 0: { invest: 100, netNav: 200 }, 1: { netNav: 200 }, 2: { netNav: 200 }, 3: { netNav: 200 } })
    for (let q = 0; q < 3; q++) for (let c = 0; c < 3; c++) expect(l.transfers[c]![q]).toBe(0)
    close(l.transfers[0]![3]!, price)
    close(l.transfers[1]![3]!, (-price * 2) / 3)
    close(l.transfers[2]![3]!, -price / 3)
    close(sumTransfers(l, 3), 0, 12)
    expect(l.buyOutDone[0]).toBe(1)
    expect(l.own[0]).toBe(0)
    close(l.own[1]!, 0.4 + (0.4 * 2) / 3, 12)
    close(l.own[2]!, 0.2 + 0.4 / 3, 12)
    // afterwards the seller is called for nothing and receives nothing; the buyers take its part
    l.call(4, 30, 0)
    l.distribute(4, 90, 200)
    expect(l.calls[0]![4]).toBe(0)
    close(l.calls[1]![4]!, 20)
    close(l.calls[2]![4]!, 10)
    expect(l.governmentCalls(4)).toBe(0)
    expect(at(l, 0, 4)).toBe(0)
    close(at(l, 1, 4), 60)
    close(at(l, 2, 4), 30)
  })

  it('the price is net of what the class has received, with interest on both', () => {
    const l = ledgerOf(classes)
    // q1: 10 out → gov receives 4. Price at q3: 40 × 1.1^(3/4) − 4 × 1.1^(2/4).
    quarterly(l, { 0: { invest: 100 }, 1: { dist: 10 }, 3: { netNav: 200 } })
    close(l.transfers[0]![3]!, price - 4 * 1.1 ** 0.5)
  })

  it('is not exercised when the stake is out of the money, and not later either', () => {
    const l = ledgerOf(classes)
    // netNav 100 at q3: stake 40 < 42.96 → kept. At q4 the stake is worth 400 but the window closed.
    quarterly(l, { 0: { invest: 100 }, 3: { netNav: 100 }, 4: { dist: 90, netNav: 1000 } })
    for (let q = 0; q <= 4; q++) for (let c = 0; c < 3; c++) expect(l.transfers[c]![q]).toBe(0)
    expect(l.buyOutDone[0]).toBe(2)
    expect(Array.from(l.own)).toEqual([0.4, 0.4, 0.2])
    close(at(l, 0, 4), 36)
    close(at(l, 1, 4), 36)
    close(at(l, 2, 4), 18)
  })
})

describe('first loss by subordination (during the fund\'s life)', () => {
  const classes = (firstLoss: Record<string, unknown>): Class[] => [
    { id: 'gov', kind: 'government', share: 0.4, terms: { firstLoss } },
    { id: 'p1', kind: 'private', share: 0.3 },
    { id: 'p2', kind: 'private', share: 0.3 },
  ]

  it('seniors get their capital first; once whole, what they get above it pays the first-loss class back', () => {
    const l = ledgerOf(classes({ share: 0.2 }))
    // call 100 (40/30/30). q1: 40 out, pro rata 16/12/12; p1 and p2 are owed 30 each: short 18 + 18 = 36,
    //   so gov's 16 goes to them (8 each): 0/20/20; gov has given up 16 (cap 0.2 × 100 = 20).
    // q2: 40 out, 16/12/12; p1, p2 owed 10 each → whole, 2 each above: 4 back to gov → 20/10/10; given up 12.
    // q3: 100 out, 40/30/30, nobody owed: 12 back to gov (6 from each) → 52/24/24; given up 0.
    // Totals 72/54/54 = the pro-rata split of 180: a fund that returns its capital costs gov nothing.
    quarterly(l, { 0: { invest: 100 }, 1: { dist: 40 }, 2: { dist: 40 }, 3: { dist: 100 } })
    expect([0, 1, 2].map((c) => at(l, c, 1))).toEqual([0, 20, 20].map((x) => expect.closeTo(x, 9)))
    expect([0, 1, 2].map((c) => at(l, c, 2))).toEqual([20, 10, 10].map((x) => expect.closeTo(x, 9)))
    expect([0, 1, 2].map((c) => at(l, c, 3))).toEqual([52, 24, 24].map((x) => expect.closeTo(x, 9)))
    close(l.firstLossPaid, 0)
    close(l.firstLossPeak, 16)
    for (let q = 0; q <= 3; q++) for (let c = 0; c < 3; c++) expect(l.transfers[c]![q]).toBe(0)
  })

  it('a losing fund: gov bears the loss up to its cap and never pays in more than its calls', () => {
    const l = ledgerOf(classes({ share: 0.2, amount: 10 }))
    // q1: 40 out, 16/12/12, seniors short 36; cap min(0.2 × 100, 10, 40) = 10 → gov gives 10: 6/17/17.
    // Nothing more comes back: p1 and p2 lose 13 each, gov loses 34 of its 40; no cash from gov.
    quarterly(l, { 0: { invest: 100 }, 1: { dist: 40 } })
    expect(l.firstLossCap).toBe(10)
    expect([0, 1, 2].map((c) => at(l, c, 1))).toEqual([6, 17, 17].map((x) => expect.closeTo(x, 9)))
    close(l.firstLossPaid, 10)
    expect(l.calls[0]![0]).toBe(40)
    expect(l.transfers[0]![1]).toBe(0)
  })

  it('a preferred return: seniors are owed capital compounded at the rate', () => {
    const l = ledgerOf(classes({ share: 0.2, preferredReturn: 0.1 }))
    // call 100 at q0; by q4 p1 and p2 are owed 30 × 1.1 = 33 each. q4: 100 out, 40/30/30: short 3 + 3 → 34/33/33.
    quarterly(l, { 0: { invest: 100 }, 4: { dist: 100 } })
    expect([0, 1, 2].map((c) => at(l, c, 4))).toEqual([34, 33, 33].map((x) => expect.closeTo(x, 9)))
    close(l.firstLossPaid, 6)
  })

  it('interim class values apply the same order without changing the books', () => {
    const l = ledgerOf(classes({ share: 0.2 }))
    quarterly(l, { 0: { invest: 100 }, 1: { dist: 40 } })
    const out = new Float64Array(3)
    // seniors now owed 10 each; a sale at 50 splits 20/15/15, seniors take 10 each and 5 + 5 above
    // that pays gov back: 30/10/10.
    l.previewClassValues(50, out)
    expect(Array.from(out)).toEqual([30, 10, 10].map((x) => expect.closeTo(x, 9)))
    close(l.firstLossPaid, 16)
  })
})

describe('cash guarantee (end of life, its own cap)', () => {
  const classes: Class[] = [
    { id: 'gov', kind: 'government', share: 0.4, terms: { cashGuarantee: { share: 0.2 } } },
    { id: 'p1', kind: 'private', share: 0.3 },
    { id: 'p2', kind: 'private', share: 0.3 },
  ]

  it('pays the other classes\' losses up to share × fund size, as transfers', () => {
    const l = ledgerOf(classes)
    // call 100 (40/30/30); q1: 40 out (16/12/12). p1 and p2 lost 18 each = 36; gov pays at most
    // 0.2 × 100 = 20: p1 +10, p2 +10, gov −20.
    quarterly(l, { 0: { invest: 100 }, 1: { dist: 40 } })
    l.settleGuarantees(1, 100)
    close(l.transfers[0]![1]!, -20)
    close(l.transfers[1]![1]!, 10)
    close(l.transfers[2]![1]!, 10)
    close(l.guaranteePaid, 20)
    // the payment is in the government's budget for that quarter
    close(l.guaranteePaid, l.guarantees[0]![1]!)
    close(l.governmentCalls(1), 20)
    close(sumTransfers(l, 1), 0, 12)
  })

  it('pays the whole loss when it is below the limit, pro rata to each class\'s loss', () => {
    const l = ledgerOf([
      { id: 'gov', kind: 'government', share: 0.4, terms: { cashGuarantee: { share: 0.2 } } },
      { id: 'p1', kind: 'private', share: 0.3 },
      { id: 'p2', kind: 'private', share: 0.3, terms: { feeExempt: true } },
    ])
    // call 80 invested + 7 fees; fees go to gov and p1 only (0.4 : 0.3): gov 32 + 4 = 36,
    // p1 24 + 3 = 27, p2 24. q1: 80 out → 32/24/24. Losses: p1 3, p2 0 → gov pays 3 to p1.
    quarterly(l, { 0: { invest: 80, fees: 7 }, 1: { dist: 80 } })
    close(l.calls[0]![0]!, 36)
    close(l.calls[1]![0]!, 27)
    close(l.calls[2]![0]!, 24)
    l.settleGuarantees(1, 100)
    close(l.transfers[0]![1]!, -3)
    close(l.transfers[1]![1]!, 3)
    expect(l.transfers[2]![1]).toBe(0)
  })

  it('splits a binding limit pro rata to each class\'s loss', () => {
    const l = ledgerOf([
      { id: 'gov', kind: 'government', share: 0.4, terms: { cashGuarantee: { share: 0.2 } } },
      { id: 'p1', kind: 'private', share: 0.3 },
      { id: 'p2', kind: 'private', share: 0.3, terms: { feeExempt: true } },
    ])
    // call 80 invested + 14 fees over gov and p1 (0.4 : 0.3): gov 32 + 8 = 40, p1 24 + 6 = 30, p2 24.
    // q1: 40 out → 16/12/12. Losses p1 18, p2 12 (30 in all) above the limit of 20 → p1 12, p2 8.
    quarterly(l, { 0: { invest: 80, fees: 14 }, 1: { dist: 40 } })
    expect(Array.from(l.calls, (c) => c[0])).toEqual([40, 30, 24])
    l.settleGuarantees(1, 100)
    close(l.transfers[0]![1]!, -20)
    close(l.transfers[1]![1]!, 12)
    close(l.transfers[2]![1]!, 8)
  })

  it('an amount caps it below its share of the fund', () => {
    const l = ledgerOf([
      { id: 'gov', kind: 'government', share: 0.4, terms: { cashGuarantee: { share: 0.2, amount: 5 } } },
      { id: 'p1', kind: 'private', share: 0.3 },
      { id: 'p2', kind: 'private', share: 0.3 },
    ])
    // as the first case (losses 18 + 18), capped at 5: p1 +2.5, p2 +2.5
    quarterly(l, { 0: { invest: 100 }, 1: { dist: 40 } })
    l.settleGuarantees(1, 100)
    close(l.transfers[0]![1]!, -5)
    close(l.transfers[1]![1]!, 2.5)
    close(l.guaranteePaid, 5)
  })

  it('pays nothing when no other class lost money', () => {
    const l = ledgerOf(classes)
    quarterly(l, { 0: { invest: 100 }, 1: { dist: 200 } })
    l.settleGuarantees(1, 100)
    for (let c = 0; c < 3; c++) expect(l.transfers[c]![1]).toBe(0)
    expect(l.guaranteePaid).toBe(0)
  })
})

describe('fee and carry exemption', () => {
  it('fees are split over the fee-paying owners only', () => {
    const l = ledgerOf([
      { id: 'gov', kind: 'government', share: 0.5, terms: { feeExempt: true } },
      { id: 'p', kind: 'private', share: 0.5 },
    ])
    // The fund charges fees on the fee-paying half of commitments only (fund-books scales by feeShare).
    expect(l.feeShare).toBe(0.5)
    l.call(0, 100, 10)
    expect(l.calls[0]![0]).toBe(50)
    expect(l.calls[1]![0]).toBe(60)
  })

  it('a carry-exempt class receives its gross part untouched; the others pay 20% carry on their profit', () => {
    const l = ledgerOf(
      [
        { id: 'x', kind: 'gp', share: 0.5, terms: { carryExempt: true } },
        { id: 'p', kind: 'private', share: 0.5 },
      ],
      CARRY_20,
    )
    // call 100 (50/50). q1: 300 out, gross 150/150. x keeps 150. p: 50 back, profit 100 → 80 to p,
    // 20 carry to the GP. The carry-paying classes hold half the fund.
    expect(l.carryPayingOwn()).toBe(0.5)
    const gp = quarterly(l, { 0: { invest: 100 }, 1: { dist: 300 } })
    close(at(l, 0, 1), 150)
    close(at(l, 1, 1), 130)
    close(gp[1]!, 20)
    // A sale at a NAV of 300 pays carry only on p's half (150), all of it profit now that p has its
    // capital back: carry 30, so the LP side of that NAV is 270.
    close(l.netNav(300), 270)
  })

  it('with carry on every class the GP takes 20% of the whole profit', () => {
    const l = ledgerOf(
      [
        { id: 'a', kind: 'government', share: 0.5, terms: { feeExempt: true } },
        { id: 'b', kind: 'private', share: 0.5 },
      ],
      CARRY_20,
    )
    // call 100 invested + 10 fees (all on b): a 50, b 60; 300 out: group gets 110 back and
    // 190 of profit: carry 38; the LPs' 262 split by gross (150/150) → 131 each.
    const gp = quarterly(l, { 0: { invest: 100, fees: 10 }, 1: { dist: 300 } })
    close(gp[1]!, 38)
    close(at(l, 0, 1), 131)
    close(at(l, 1, 1), 131)
  })
})

describe('stacked terms', () => {
  it('a fee-exempt capped government class with a concession to the GP, and a first-loss class', () => {
    const l = ledgerOf([
      {
        id: 'gov',
        kind: 'government',
        share: 0.4,
        terms: {
          feeExempt: true,
          cappedReturn: { rate: 0.2, priority: false, upsideTo: ['f'] },
          profitConcession: { share: 0.5, threshold: 0, to: ['gp'] },
        },
      },
      { id: 'p', kind: 'private', share: 0.4 },
      { id: 'f', kind: 'private', share: 0.2, terms: { firstLoss: { share: 0.1 } } },
    ])
    // q0: 100 invested + 30 fees; fees over p and f (0.4 : 0.2): gov 40, p 40 + 20 = 60, f 20 + 10 = 30.
    // q4: 130 out; gross gov 52, p 52, f 26.
    //   cap: 40 × 1.2 = 48 kept, excess 4 → f (30).
    //   concession: gov's 48 is 8 above its principal (threshold 0) → half (4) to the GP → gov 44.
    //   total 44 + 52 + 30 + GP 4 = 130.
    //   subordination: p paid 60 and gets 52, short 8; gov (owed 40) is whole → f gives 8 of its 30
    //   (limit 0.1 × 100 = 10) to p: 44/60/22.
    const gp = quarterly(l, { 0: { invest: 100, fees: 30 }, 4: { dist: 130 } })
    expect(Array.from(l.calls, (c) => c[0])).toEqual([40, 60, 30])
    close(at(l, 0, 4), 44)
    close(at(l, 1, 4), 60)
    close(at(l, 2, 4), 22)
    close(gp[4]!, 4)
    close(sumDists(l, 4) + gp[4]!, 130)
    close(l.firstLossPaid, 8)
    // net outcome per class: gov +4, p 0, f 22 − 30 = −8, GP +4: they sum to the fund's 130 − 130
    const net = [0, 1, 2].map((c) => at(l, c, 4) + l.transfers[c]![4]! - l.calls[c]![0]!)
    close(net[0]!, 4)
    close(net[1]!, 0)
    close(net[2]!, -8)
    close(net.reduce((a, b) => a + b, 0) + gp[4]!, 0)
  })

  it('a capped class with priority, a concession on another class, carry 20% and a fee-exempt class', () => {
    const l = ledgerOf(
      [
        { id: 'bbb', kind: 'government', share: 0.5, terms: { cappedReturn: { rate: 0, priority: true, upsideTo: ['p', 'gpc'] } } },
        { id: 'p', kind: 'private', share: 0.4, terms: { profitConcession: { share: 0.25, threshold: 0, to: ['gpc'] } } },
        { id: 'gpc', kind: 'gp', share: 0.1, terms: { feeExempt: true } },
      ],
      CARRY_20,
    )
    // q0: 100 invested + 9 fees on bbb and p (5 : 4): bbb 50 + 5 = 55, p 40 + 4 = 44, gpc 10.
    // q1: 209 out; gross 104.5 / 83.6 / 20.9. Carry on all: 109 back, profit 100 → carry 20; the
    //   LPs' 189 split by gross: bbb 94.5, p 75.6, gpc 18.9.
    //   priority cap: bbb is owed 55 → 55; the 134 left goes 4 : 1 to p and gpc → p 107.2, gpc 26.8
    //   (bbb's 39.5 above its cap, split by commitment 4 : 1 over upsideTo, gives the same).
    //   concession: p keeps its principal 44 in full; 25% of the 63.2 above → 15.8 to gpc.
    //   bbb 55, p 91.4, gpc 42.6, GP 20: 209.
    const gp = quarterly(l, { 0: { invest: 100, fees: 9 }, 1: { dist: 209 } })
    expect(Array.from(l.calls, (c) => c[0])).toEqual([55, 44, 10])
    close(gp[1]!, 20)
    close(at(l, 0, 1), 55)
    close(at(l, 1, 1), 91.4)
    close(at(l, 2, 1), 42.6)
    close(sumDists(l, 1) + gp[1]!, 209)
  })
})
