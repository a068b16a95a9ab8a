import { describe, expect, it } from 'vitest'
import { CAPPED, createCapTables, createStack, FULL, NON_PARTICIPATING, payCapTable, payStack, REFERENCE_FUND, resolveDealTerms } from '@pcsim/engine'

/** Hand-computed payouts of a company's preference stack (values in millions). */
type Cls = { invested: number; shares: number; multiple?: number; participation?: number; cap?: number; rank?: number }

function pay(value: number, classes: Cls[]): number[] {
  const s = createStack(8)
  s.n = classes.length
  s.common = 1 - classes.reduce((a, c) => a + c.shares, 0)
  classes.forEach((c, i) => {
    s.invested[i] = c.invested
    s.shares[i] = c.shares
    s.multiple[i] = c.multiple ?? 1
    s.participation[i] = c.participation ?? NON_PARTICIPATING
    s.cap[i] = c.cap ?? 0
    s.rank[i] = c.rank ?? 0
  })
  const out = new Float64Array(9)
  payStack(value, s, out)
  const r = Array.from(out.subarray(0, s.n + 1))
  expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(value > 0 ? value : 0, 9)
  return r
}
const close = (got: number[], want: number[]) => got.forEach((g, i) => expect(g, `class ${i}`).toBeCloseTo(want[i]!, 9))

// A: $2m for 20%; B: $8m for 20%; common holds 60%
const A = { invested: 2, shares: 0.2 }
const B = { invested: 8, shares: 0.2 }

describe('non-participating 1× preferences', () => {
  it('pari passu below the preferences: pro rata to the amounts (5 of 10 owed: A 1, B 4)', () => close(pay(5, [A, B]), [1, 4, 0]))
  it('stacked below the preferences: the later round is paid first (B 5, A 0)', () => close(pay(5, [{ ...A, rank: 0 }, { ...B, rank: 1 }]), [0, 5, 0]))
  it('A converts when its share of the residual beats its preference: 30 → A 5.5, B 8, common 16.5', () =>
    // B keeps 8; the other 22 is split by A 0.2 and common 0.6 → 27.5 per unit; A's 5.5 > 2; B's 0.2·27.5 = 5.5 < 8
    close(pay(30, [A, B]), [5.5, 8, 16.5]))
  it('everyone converts at a large exit: 100 → A 20, B 20, common 60', () => close(pay(100, [A, B]), [20, 20, 60]))
  it('a 2× preference is paid before conversion pays more: 8 → A 8; 30 → A 10; 50 → A converts to 12.5', () => {
    const X = { invested: 5, shares: 0.25, multiple: 2 }
    close(pay(8, [X]), [8, 0])
    close(pay(30, [X]), [10, 20])
    close(pay(50, [X]), [12.5, 37.5])
  })
  it('nothing is paid for a worthless exit', () => close(pay(0, [A, B]), [0, 0, 0]))
})

describe('participating preferences', () => {
  it('full participation takes its preference and its share of the rest: 10 → A 2 + 0.2·8 = 3.6', () =>
    close(pay(10, [{ ...A, participation: FULL }]), [3.6, 6.4]))
  it('capped at 2×: 10 → 3.6 (below the cap); 20 → 4 (cap); 30 → converts to 6', () => {
    const C = { ...A, participation: CAPPED, cap: 2 }
    close(pay(10, [C]), [3.6, 6.4])
    close(pay(20, [C]), [4, 16])
    close(pay(30, [C]), [6, 24])
  })
  it('a capped senior and a non-participating junior that converts: 20 → A 2.4, B 10.4, common 7.2', () => {
    // Without conversion: B 8 and A 2 preferences, residual 10 over B 0.2 + common 0.6 → A gets 2.
    // A converted: B's preference 8, residual 12 over A 0.2 + B 0.2 + common 0.6 = 12 per unit →
    // A 2.4 (> 2, so it converts), B 8 + 2.4 = 10.4 (below its 1.5 × 8 = 12 cap), common 7.2.
    close(pay(20, [A, { ...B, participation: CAPPED, cap: 1.5, rank: 1 }]), [2.4, 10.4, 7.2])
  })
})

describe('the closed-form cases of a non-participating pari passu stack agree with the general settlement', () => {
  it('for random cap tables and exit values', () => {
    // the reference fund's terms: 1×, non-participating, pari passu
    const fast = resolveDealTerms(REFERENCE_FUND.companies.dealTerms).stack
    expect(fast.simple).toBe(true)
    const slow = { ...fast, simple: false }
    const t = createCapTables(1)
    let seed = 7
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
    for (let trial = 0; trial < 2000; trial++) {
      const top = Math.floor(rand() * 5)
      for (let k = 0; k <= top; k++) {
        t.post[k] = 10 * (k + 1) * (0.5 + rand())
        t.dilution[k] = 0.1 + 0.2 * rand()
      }
      t.top[0] = top
      const value = Math.exp(6 * rand() - 2) * t.post[top]!
      payCapTable(t, fast, 0, value)
      const a = Array.from(t.out.subarray(0, top + 2))
      payCapTable(t, slow, 0, value)
      const b = Array.from(t.out.subarray(0, top + 2))
      a.forEach((x, i) => expect(x).toBeCloseTo(b[i]!, 9))
    }
  })
})
