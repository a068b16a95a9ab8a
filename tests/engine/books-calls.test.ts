import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parseConfig, resolveRun, type SimulationConfig } from '@pcsim/engine'
import { createWorkspace, simulateTrial } from '../../packages/engine/src/model/fund-trial.ts'
import { createTrialRecord, V } from '../../packages/engine/src/run/metric-ids.ts'
import { CALM, config, meanSe, V2_BOOKS } from './helpers.ts'

/**
 * Capital-call policies on a fund small enough to follow by hand (the hand-computed fund of
 * fund-books.test.ts): size 100, 2% on commitments for 10 years (0.5 a quarter), no reserves,
 * ten cheques of 8 in quarters 0–9, each exiting at 3× eight quarters later; follow-ons end at
 * year 8. Needs: 8.5 a quarter in q0–q9, then 0.5 a quarter to q39.
 */
function tiny(calls: Record<string, unknown>, fund: Record<string, unknown> = {}): SimulationConfig {
  return config({
    fund: {
      size: 100,
      lifeYears: 10,
      investmentPeriodYears: 5,
      extensionYears: 0,
      managementFee: { rate: 0.02, basis: 'committed', stepDownYear: 10, rateAfterStepDown: 0.02, basisAfterStepDown: 'committed' },
      carry: { rate: 0.2, hurdle: 0, catchUp: 1, waterfall: 'european', clawback: true },
      recycling: { cap: 0, untilYear: 0 },
      ...V2_BOOKS,
      capitalCalls: { ...V2_BOOKS.capitalCalls, ...calls },
      ...fund,
    },
    strategy: { stageWeights: { seed: 1 }, chequeSize: { seed: 8, early: 8, growth: 8 }, deploymentYears: 2.5, reserves: { mode: 'share', share: 0 }, followOn: { untilYear: 8 } },
    companies: { model: 'power_law', powerLaw: { kind: 'buckets', buckets: [{ low: 3, high: 3, probability: 1 }], holdingYears: { median: 2, sigma: 0 } } },
    market: CALM,
    run: { trials: 1, seed: 1 },
  })
}

/** Calls, LP flows and values of trial 0. */
function books(c: SimulationConfig) {
  const run = resolveRun(c)
  const ws = createWorkspace(run)
  const rec = createTrialRecord(Math.ceil(run.horizon / 4), run.cells.length, c.lpClasses.length, run.requirements.length)
  simulateTrial(run, 0, ws, rec)
  const end = rec.endQuarter
  return { calls: Array.from(ws.calls.subarray(0, end)), lp: Array.from(ws.lpFlows.subarray(0, end)), v: rec.values, end }
}

const sum = (a: number[]) => a.reduce((x, y) => x + y, 0)
const expectVector = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length)
  actual.forEach((x, q) => expect(x, `quarter ${q}`).toBeCloseTo(expected[q]!, 10))
}

/** Whole-life balance: paid-in + proceeds + cash yield = invested + fees + everything distributed. */
function expectBalanced(b: ReturnType<typeof books>) {
  const v = b.v
  const distributed = sum(b.lp) + sum(b.calls) + v[V.carry]!
  expect(v[V.paidIn]! + v[V.grossProceeds]! + v[V.cashIncome]! - v[V.invested]! - v[V.fees]!).toBeCloseTo(distributed, 9)
}

describe('capital-call policies, by hand', () => {
  it('just in time: each quarter calls its cheque and fee (8.5 to q9, then 0.5); 68 called by month 24', () => {
    const b = books(tiny({}))
    expectVector(b.calls, [...Array<number>(10).fill(8.5), ...Array<number>(30).fill(0.5)])
    expect(b.v[V.calledAt2y]).toBeCloseTo(0.68, 12)
    expect(b.v[V.paidIn]).toBeCloseTo(100, 10)
    expectBalanced(b)
  })

  it('ahead 2 quarters: 25.5 at q0 (8.5 now + 17 for q1–q2), 8.5 to q7, 0.5 from q8, nothing in the last two; 85 by month 24', () => {
    // q8: pays 8.5 from the 17 held, keeps q9's 8.5 + q10's 0.5 ⇒ calls 0.5; q9: keeps 1 ⇒ 0.5;
    // q38 keeps only q39's fee, already held; q39 keeps nothing.
    const b = books(tiny({ policy: 'ahead', aheadQuarters: 2 }))
    expectVector(b.calls, [25.5, ...Array<number>(7).fill(8.5), ...Array<number>(30).fill(0.5), 0, 0])
    expect(b.v[V.calledAt2y]).toBeCloseTo(0.85, 12)
    expect(b.v[V.paidIn]).toBeCloseTo(100, 10)
    // the money is the same, only earlier: the fund's proceeds and fees do not change
    const jit = books(tiny({}))
    expect(b.v[V.grossProceeds]).toBeCloseTo(jit.v[V.grossProceeds]!, 10)
    expect(b.v[V.fees]).toBeCloseTo(jit.v[V.fees]!, 10)
    expect(b.v[V.netTvpi]).toBeCloseTo(jit.v[V.netTvpi]!, 10)
    expectBalanced(b)
  })

  it('tranches 40/30/30 at years 0, 1.5 and 3 with a top-up level of 5: due at q0, early at q4 and q7', () => {
    // q0 calls 40, cash 31.5 → 23 → 14.5 → 6; q4 needs 8.5 with 6 held ⇒ the second tranche early
    // (cash 27.5) → 19 → 10.5; q7 would leave 2 < 5 ⇒ the third early (cash 32). The 15 left after
    // q9 pays the 30 fees of q10–q39: the fund keeps the planned fees it can no longer call.
    const b = books(tiny({ policy: 'tranches', tranches: [{ year: 0, share: 0.4 }, { year: 1.5, share: 0.3 }, { year: 3, share: 0.3 }], topUpBelow: 0.05 }))
    const expected = Array<number>(40).fill(0)
    expected[0] = 40
    expected[4] = 30
    expected[7] = 30
    expectVector(b.calls, expected)
    expect(b.v[V.calledAt2y]).toBeCloseTo(1, 12)
    expect(b.v[V.fees]).toBeCloseTo(20, 10)
    expectBalanced(b)
  })

  it('a tranche falls due at its date; a shortfall brings the next one forward even with no top-up level', () => {
    // 50/50 at years 0 and 1: q0 50 (cash 41.5 → 33 → 24.5 → 16), q4 the second is due ⇒ 50
    const due = books(tiny({ policy: 'tranches', tranches: [{ year: 0, share: 0.5 }, { year: 1, share: 0.5 }], topUpBelow: 0 }))
    const expected = Array<number>(40).fill(0)
    expected[0] = 50
    expected[4] = 50
    expectVector(due.calls, expected)
    expectBalanced(due)
    // 40/60 at years 0 and 1.5: q4 needs 8.5 with 6 held ⇒ the 60 comes at q4, not q6
    const short = books(tiny({ policy: 'tranches', tranches: [{ year: 0, share: 0.4 }, { year: 1.5, share: 0.6 }], topUpBelow: 0 }))
    expect(short.calls[4]).toBeCloseTo(60, 10)
    expect(short.calls[6]).toBe(0)
    expectBalanced(short)
  })

  it('tranches that leave part of the commitments uncalled: the rest is called just in time', () => {
    // 50% at year 0 lasts to q5 (cash 50 − 6·8.5 = −1 ⇒ q5 short by 1); then just in time
    const b = books(tiny({ policy: 'tranches', tranches: [{ year: 0, share: 0.5 }], topUpBelow: 0 }))
    expect(b.calls[0]).toBeCloseTo(50, 10)
    expect(b.calls.slice(1, 5)).toEqual([0, 0, 0, 0])
    expect(b.calls[5]).toBeCloseTo(1, 10)
    expectVector(b.calls.slice(6), [...Array<number>(4).fill(8.5), ...Array<number>(30).fill(0.5)])
    expectBalanced(b)
  })

  it('a yield on cash held: income follows c(q+1) = c(q)·(1 + r) − need, and the books balance with it', () => {
    const y = 0.04
    const b = books(tiny({ policy: 'tranches', tranches: [{ year: 0, share: 1 }], topUpBelow: 0, cashYield: y }))
    const r = Math.pow(1 + y, 0.25) - 1
    let cash = 0
    let income = 0
    for (let q = 0; q < 40; q++) {
      income += cash * r
      cash *= 1 + r
      cash += (q === 0 ? 100 : 0) - (q < 10 ? 8.5 : 0.5)
      // from the quarter before follow-ons end (year 8) the fund keeps only the fees still to pay
      if (q >= 31) cash = Math.min(cash, 0.5 * (39 - q))
    }
    // the proceeds leave as distributions (no recycling), so the cash held is the called money only
    expect(b.v[V.cashIncome]).toBeCloseTo(income, 9)
    expect(b.v[V.cashIncome]).toBeGreaterThan(0)
    expectBalanced(b)
  })

  it('a paid-in fee basis charges the rate on what has been called before the quarter', () => {
    // just in time, 2% a year on paid-in: q0 nothing called yet ⇒ fee 0; q1 on 8 ⇒ 0.04; q2 on 16.04 …
    const b = books(tiny({}, { managementFee: { rate: 0.02, basis: 'paid_in', stepDownYear: 10, rateAfterStepDown: 0.02, basisAfterStepDown: 'paid_in' } }))
    let paid = 0
    let fees = 0
    for (let q = 0; q < 40; q++) {
      const fee = 0.005 * paid
      fees += fee
      paid += (q < 10 ? 8 : 0) + fee
    }
    expect(b.v[V.fees]).toBeCloseTo(fees, 9)
    expect(b.v[V.paidIn]).toBeCloseTo(paid, 9)
    expectBalanced(b)
  })
})

describe('call pace of the presets', () => {
  it('the US reference fund calls 47–60% of commitments by month 24 (calibration §3.3), just in time about 40% (first cheques over 2.5 years)', () => {
    const run = resolveRun(config({ run: { trials: 400, seed: 5 } }))
    const pace = (r: typeof run) => {
      const ws = createWorkspace(r)
      const rec = createTrialRecord(Math.ceil(r.horizon / 4), r.cells.length, r.config.lpClasses.length, r.requirements.length)
      const out: number[] = []
      for (let t = 0; t < 400; t++) {
        simulateTrial(r, t, ws, rec)
        out.push(rec.values[V.calledAt2y]!)
      }
      return meanSe(out)
    }
    const ahead = pace(run)
    expect(ahead.mean - 3 * ahead.se).toBeGreaterThan(0.47)
    expect(ahead.mean + 3 * ahead.se).toBeLessThan(0.6)
    const jit = pace(resolveRun(config({ fund: { capitalCalls: { policy: 'just_in_time' } }, run: { trials: 400, seed: 5 } })))
    expect(jit.mean).toBeLessThan(0.45)
    expect(jit.mean + 3 * jit.se).toBeLessThan(ahead.mean - 3 * ahead.se)
  })

  it('every Chinese preset that invests directly pays in by tranches; the fund-of-funds passes calls through; the tranche schedule is checked', () => {
    for (const template of ['gov-angel-fund', 'ai-industry-fund', 'patient-capital-15y', 'city-ai-fund', 'nssf-special-fund', 'angel-guidance-60', 'jjj-joint-fund']) {
      const c = config({ template })
      expect(c.fund.currency, template).toBe('CNY')
      expect(c.fund.capitalCalls.policy, template).toBe('tranches')
    }
    expect(config({ template: 'beijing-fof' }).fund.capitalCalls.policy).toBe('just_in_time')
    const over = parseConfig({ fund: { capitalCalls: { policy: 'tranches', tranches: [{ year: 0, share: 0.7 }, { year: 1, share: 0.5 }] } } })
    expect(over.ok).toBe(false)
    if (!over.ok) {
      expect(over.issues[0]!.path).toBe('/fund/capitalCalls/tranches')
      expect(over.issues[0]!.code).toBe('tranches_exceed_commitments')
      expect(over.issues[0]!.message.zh).toContain('1.2')
    }
    const late = parseConfig({ fund: { capitalCalls: { policy: 'tranches', tranches: [{ year: 11, share: 0.5 }] } } })
    expect(!late.ok && late.issues[0]!.path).toBe('/fund/capitalCalls/tranches/0/year')
    const none = parseConfig({ fund: { capitalCalls: { policy: 'tranches', tranches: [] } } })
    expect(!none.ok && none.issues[0]!.code).toBe('too_short')
  })
})

describe('conservation under random call policies and end-of-life rules', () => {
  const policyArb = fc.oneof(
    fc.record({ policy: fc.constant('just_in_time') }),
    fc.record({ policy: fc.constant('ahead'), aheadQuarters: fc.integer({ min: 0, max: 12 }) }),
    fc.record({
      policy: fc.constant('tranches'),
      tranches: fc.array(fc.record({ year: fc.integer({ min: 0, max: 20 }).map((x) => x / 4), share: fc.integer({ min: 1, max: 25 }).map((x) => x / 100) }), { minLength: 1, maxLength: 4 }),
      topUpBelow: fc.integer({ min: 0, max: 10 }).map((x) => x / 100),
    }),
  )
  const arb = fc.record({
    template: fc.constantFrom('us-vc-10y', 'gov-angel-fund', 'city-ai-fund', 'angel-guidance-60', 'yozma-fund', 'jjj-joint-fund'),
    calls: policyArb,
    cashYield: fc.integer({ min: 0, max: 8 }).map((x) => x / 100),
    basis: fc.constantFrom('committed', 'paid_in', 'invested', 'nav'),
    first: fc.integer({ min: 0, max: 10 }).map((x) => x / 10),
    sd: fc.integer({ min: 0, max: 20 }).map((x) => x / 100),
    continuation: fc.boolean(),
  })

  it('paid-in + proceeds + yield = invested + fees + distributions; class calls = fund call, within each class commitment', () => {
    fc.assert(
      fc.property(arb, (g) => {
        const input = {
          template: g.template,
          fund: {
            capitalCalls: { ...g.calls, cashYield: g.cashYield },
            managementFee: { basis: g.basis },
            endOfLife: { extension: { firstProbability: g.first }, secondary: { discountSd: g.sd }, continuation: { enabled: g.continuation } },
          },
          run: { trials: 12, seed: 'calls' },
        }
        const parsed = parseConfig(input)
        if (!parsed.ok) throw new Error(`invalid generated config: ${JSON.stringify(parsed.issues.map((i) => [i.path, i.code]))}`)
        const c = parsed.config
        const run = resolveRun(c)
        const ws = createWorkspace(run)
        const rec = createTrialRecord(Math.ceil(run.horizon / 4), run.cells.length, c.lpClasses.length, run.requirements.length)
        const size = c.fund.size
        const tol = 1e-9 * size
        const upsideToGp = c.lpClasses.some((l) => l.terms?.cappedReturn?.upsideTo[0] === 'gp' || l.terms?.profitConcession?.to[0] === 'gp')
        for (let t = 0; t < c.run.trials; t++) {
          simulateTrial(run, t, ws, rec)
          const v = rec.values
          let lp = 0
          let called = 0
          for (let q = 0; q < rec.endQuarter; q++) {
            const call = ws.calls[q]!
            if (call < -tol) expect.fail(`trial ${t} q${q}: negative call ${call}`)
            called += call
            lp += ws.lpFlows[q]! + call
            if (!ws.ledger.uniform) {
              let classCalls = 0
              for (let k = 0; k < ws.ledger.k; k++) classCalls += ws.ledger.calls[k]![q]!
              if (Math.abs(classCalls - call) > tol) expect.fail(`trial ${t} q${q}: class calls ${classCalls} ≠ fund call ${call}`)
            }
          }
          expect(called).toBeLessThanOrEqual(size + tol)
          expect(Math.abs(called - v[V.paidIn]!)).toBeLessThan(tol + 1e-9)
          // (a buy-out moves a stake, and what is left of its commitment, to the buyer)
          if (!ws.ledger.uniform && !ws.ledger.buyOutDone.includes(1))
            c.lpClasses.forEach((l, k) => {
              let paid = 0
              for (let q = 0; q < rec.endQuarter; q++) paid += ws.ledger.calls[k]![q]!
              if (paid > l.share * size + tol) expect.fail(`trial ${t}: class ${l.id} called ${paid} > commitment ${l.share * size}`)
            })
          const distributed = v[V.paidIn]! + v[V.grossProceeds]! + v[V.cashIncome]! - v[V.invested]! - v[V.fees]!
          const upside = distributed - lp - v[V.carry]!
          if (upside < -1e-7 * size || (!upsideToGp && upside > 1e-7 * size)) expect.fail(`trial ${t}: distributed ${distributed} ≠ LP ${lp} + carry ${v[V.carry]}`)
          const d = v[V.secondaryDiscount]!
          if (!Number.isNaN(d) && (d < -1e-12 || d > 1 + 1e-12)) expect.fail(`trial ${t}: discount ${d}`)
        }
      }),
      { numRuns: 40, seed: 20261201 },
    )
  })
})
