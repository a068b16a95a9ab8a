import { describe, expect, it } from 'vitest'
import { annualise, parseConfig, resolveRun, runResolved, runSimulation, type SimulationConfig } from '@pcsim/engine'

import { CALM, config, npv, V2_BOOKS } from './helpers.ts'

/**
 * A fund small enough to follow by hand. Size 100, 10-year life, no extension, 2% on committed
 * capital for the whole life (0.5 a quarter, 40 quarters ⇒ plannedFees 20 ⇒ investable 80), no
 * recycling. Power-law companies whose multiple is always exactly 3× (one bucket [3, 3]) and whose
 * holding period is always 2 years (sigma 0 ⇒ 8 quarters). Ten seed cheques of 8 (80/8 = 10),
 * spread over 2.5 years = 10 quarters ⇒ deal i is written in quarter i and exits in quarter i + 8
 * for 24. Every trial is the same fund.
 *
 * Quarter by quarter (calls = cheque + fee):
 *   q0..q7   call 8.5                                   (paid-in 68)
 *   q8, q9   call 8.5, exit 24                          (paid-in 85)
 *   q10..q17 call 0.5, exit 24                          (paid-in 89)
 *   q18..q39 call 0.5                                   (paid-in 100)
 * Gross: invested 80, proceeds 240, gross TVPI 3; every deal is −8 then +24 eight quarters later,
 * so the gross IRR is the deal IRR: (1+r)^8 = 3 per quarter ⇒ annual 3^(1/2) − 1 = √3 − 1.
 */
function tinyFund(carry: Partial<SimulationConfig['fund']['carry']>, extra: Record<string, unknown> = {}): SimulationConfig {
  const e = extra as { fund?: object; strategy?: object; companies?: { powerLaw?: object }; run?: object; lpClasses?: object[] }
  return config({
    ...(e.lpClasses ? { lpClasses: e.lpClasses } : {}),
    fund: {
      size: 100,
      lifeYears: 10,
      investmentPeriodYears: 5,
      extensionYears: 0,
      managementFee: { rate: 0.02, basis: 'committed', stepDownYear: 10, rateAfterStepDown: 0.02, basisAfterStepDown: 'committed' },
      carry: { rate: 0.2, hurdle: 0, catchUp: 1, waterfall: 'european', clawback: true, ...carry },
      recycling: { cap: 0, untilYear: 0 },
      ...V2_BOOKS,
      ...e.fund,
    },
    strategy: { stageWeights: { seed: 1 }, chequeSize: { seed: 8, early: 8, growth: 8 }, deploymentYears: 2.5, ...e.strategy },
    companies: {
      model: 'power_law',
      powerLaw: { kind: 'buckets', buckets: [{ low: 3, high: 3, probability: 1 }], holdingYears: { median: 2, sigma: 0 }, ...e.companies?.powerLaw },
    },
    market: CALM,
    run: { trials: 3, seed: 1, ...e.run },
  })
}

/** Per-trial values and counts of trial 0, after checking every trial is identical (except the PME,
 * whose public index path is drawn afresh in each trial). */
function oneTrial(c: SimulationConfig) {
  const m = runResolved(resolveRun(c))
  for (const x of m.values.pme) expect(x >= 0 && Number.isFinite(x)).toBe(true)
  const pick = <K extends string>(rec: Record<K, ArrayLike<number>>) => {
    const out = {} as Record<K, number>
    for (const k of Object.keys(rec) as K[]) {
      const a = rec[k]
      if (k !== 'pme') for (let t = 1; t < a.length; t++) expect(Object.is(a[t], a[0]), `${k} differs between identical trials`).toBe(true)
      out[k] = a[0]!
    }
    return out
  }
  return { v: pick(m.values), n: pick(m.counts) }
}

/** Annual IRR r checks: NPV of the quarterly flows at (1+r)^(1/4) − 1 is zero. */
function expectIrrRoot(flows: number[], annual: number) {
  const q = Math.pow(1 + annual, 0.25) - 1
  expect(Math.abs(npv(flows, q))).toBeLessThan(1e-7)
  // and it is a sign-changing root, not a flat spot
  expect(Math.sign(npv(flows, q - 1e-4))).not.toBe(Math.sign(npv(flows, q + 1e-4)))
}

describe('a hand-computed fund (European waterfall, 20% carry, no hurdle)', () => {
  it('paid-in, fees, gross figures and counts', () => {
    const { v, n } = oneTrial(tinyFund({}))
    expect(v.paidIn).toBeCloseTo(100, 10)
    expect(v.fees).toBeCloseTo(20, 10)
    expect(v.invested).toBeCloseTo(80, 10)
    expect(v.grossProceeds).toBeCloseTo(240, 10)
    expect(v.grossTvpi).toBeCloseTo(3, 12)
    expect(v.grossIrr).toBeCloseTo(Math.sqrt(3) - 1, 9)
    expect(v.deployment).toBeCloseTo(0.8, 12)
    expect(v.topDealShare).toBeCloseTo(0.1, 12)
    // 24 · 4 = 96 < 100 ≤ 24 · 5
    expect(v.dealsToReturnFund).toBe(5)
    expect(n.companies).toBe(10)
    expect(n.acquisitions).toBe(10)
    expect(n.writeOffs + n.listings + n.stalled + n.heldAtEnd + n.unicorns).toBe(0)
    expect(n.reachedSeed).toBe(10)
  })

  it('with clawback: LP 212, carry 28, net TVPI 2.12', () => {
    // Waterfall (cumulative contributions returned first, no hurdle):
    //  q8..q10: 72 of distributions all return capital (contributed 86 by q11).
    //  q11: 14 returns the rest of capital, profit 10 ⇒ GP 2, LP 8.
    //  q12..q17: each quarter 0.5 of new fees is returned first, 23.5 of profit ⇒ GP 4.7, LP 18.8.
    //  carry paid during life 2 + 6·4.7 = 30.2; fee calls q18..q39 (11) are never returned.
    //  clawback at the end: whole-fund profit 240 − 100 = 140 ⇒ entitlement 28 ⇒ GP returns 2.2.
    //  LP = 240 − 28 = 212 ⇒ DPI = net TVPI = 2.12.
    const { v } = oneTrial(tinyFund({ clawback: true }))
    expect(v.carry).toBeCloseTo(28, 10)
    expect(v.dpi).toBeCloseTo(2.12, 12)
    expect(v.rvpi).toBe(0)
    expect(v.netTvpi).toBeCloseTo(2.12, 12)
    // break-even: cumulative LP distributions reach cumulative paid-in in q11 (94 ≥ 86) ⇒ 12/4 = 3 years
    expect(v.breakEvenYear).toBe(3)
    // LP cash flows by quarter (distribution − call)
    const flows = [
      ...Array<number>(8).fill(-8.5),
      24 - 8.5,
      24 - 8.5,
      24 - 0.5,
      22 - 0.5,
      ...Array<number>(6).fill(0.5 + 18.8 - 0.5),
      ...Array<number>(21).fill(-0.5),
      2.2 - 0.5,
    ]
    expect(flows).toHaveLength(40)
    expect(flows.reduce((a, b) => a + b, 0)).toBeCloseTo(212 - 100, 10)
    expectIrrRoot(flows, v.netIrr)
  })

  it('without clawback: GP keeps 30.2, LP 209.8', () => {
    const { v } = oneTrial(tinyFund({ clawback: false }))
    expect(v.carry).toBeCloseTo(30.2, 10)
    expect(v.netTvpi).toBeCloseTo(2.098, 12)
  })

  it('summary of the run agrees (every trial is the same fund)', () => {
    const r = runSimulation(tinyFund({}))
    const s = r.summary
    expect(r.trials).toBe(3)
    expect(s.netTvpi.mean).toBeCloseTo(2.12, 12)
    expect(s.netTvpi.sd).toBeCloseTo(0, 12)
    expect(s.netTvpi.p5).toBeCloseTo(2.12, 12)
    expect(s.grossTvpi.mean).toBeCloseTo(3, 12)
    expect(s.deployment.paidInShare.mean).toBeCloseTo(1, 12)
    expect(s.deployment.investedShare.mean).toBeCloseTo(0.8, 12)
    expect(s.deployment.feesShare.mean).toBeCloseTo(0.2, 12)
    expect(s.deployment.carryShare.mean).toBeCloseTo(0.28, 12)
    expect(s.deployment.planned).toEqual({ investable: 80, initial: 80, reserve: 0, plannedFees: 20, companies: 10 })
    expect(s.probLoss.value).toBe(0)
    expect(s.probAtLeast['2x'].value).toBe(1)
    expect(s.probAtLeast['3x'].value).toBe(0)
    expect(s.outcomes.acquisitions.mean).toBe(10)
    expect(s.breakEven.years?.mean).toBe(3)
    expect(s.breakEven.probNever.value).toBe(0)
    expect(s.concentration.dealsToReturnFund?.mean).toBe(5)
    expect(s.concentration.probOneDealReturnsFund.value).toBe(0)
    expect(s.netIrr.undefinedShare).toBe(0)
    expect(s.netIrr.totalLossShare).toBe(0)
    // one sector × one stage cell: invested 80, proceeds 240 per trial
    expect(r.valueBy.cells).toHaveLength(1)
    expect(r.valueBy.cells[0]!.invested).toBeCloseTo(80, 10)
    expect(r.valueBy.cells[0]!.proceeds).toBeCloseTo(240, 10)
    expect(r.valueBy.cells[0]!.multiple).toBeCloseTo(3, 12)
    expect(r.valueBy.cells[0]!.shareOfProceeds).toBeCloseTo(1, 12)
  })

  it('read at year 2.5 (evaluateAtYear): paid-in 85, LP distributions 48, LP share of NAV 58.6', () => {
    // After q9: calls 10 · 8.5 = 85, exits of deals 0 and 1 give 48 (all return of capital),
    // 8 deals alive at cost ⇒ NAV 64. Net NAV = what LPs would get if 64 were distributed now:
    // unreturned 85 − 48 = 37 to LPs, profit 27 ⇒ LP 21.6 ⇒ 58.6.
    const { v } = oneTrial(tinyFund({}, { run: { evaluateAtYear: 2.5 } }))
    expect(v.paidIn).toBeCloseTo(85, 10)
    expect(v.dpi).toBeCloseTo(48 / 85, 12)
    expect(v.rvpi).toBeCloseTo(58.6 / 85, 12)
    expect(v.netTvpi).toBeCloseTo(106.6 / 85, 12)
    // gross at year 2.5: (proceeds 48 + NAV 64) / invested 80 = 1.4
    expect(v.grossTvpi).toBeCloseTo(1.4, 12)
    const flows = [...Array<number>(8).fill(-8.5), 15.5, 15.5 + 58.6]
    expectIrrRoot(flows, v.netIrr)
  })

  // run.evaluateAtYear reads money figures (multiples, IRRs, PME, paid-in, invested, proceeds, fees,
  // carry) at that year; company counts and break-even cover the whole life (documented).
  it('read at year 2.5, fees and gross proceeds are as of year 2.5', () => {
    const { v, n } = oneTrial(tinyFund({}, { run: { evaluateAtYear: 2.5 } }))
    expect(v.fees).toBeCloseTo(5, 10) // 10 quarters × 0.5
    expect(v.grossProceeds).toBeCloseTo(48, 10)
    expect(n.acquisitions).toBe(10) // counts cover the whole life
  })
})

describe('the same fund under an American (deal-by-deal) waterfall', () => {
  // Each exit: profit 24 − 8 = 16 ⇒ carry 3.2, paid from that quarter's distribution; 10 exits ⇒ 32.
  it('with clawback: carry 32 paid, 4 returned at the end ⇒ carry 28, LP 212', () => {
    const { v } = oneTrial(tinyFund({ waterfall: 'american', clawback: true }))
    expect(v.carry).toBeCloseTo(28, 10)
    expect(v.netTvpi).toBeCloseTo(2.12, 12)
    // LPs get 20.8 per exit: cumulative 83.2 < 86 paid-in after q11, 104 ≥ 86.5 after q12 ⇒ 13/4 years
    expect(v.breakEvenYear).toBe(3.25)
  })

  it('without clawback: carry 32, LP 208', () => {
    const { v } = oneTrial(tinyFund({ waterfall: 'american', clawback: false }))
    expect(v.carry).toBeCloseTo(32, 10)
    expect(v.netTvpi).toBeCloseTo(2.08, 12)
  })

  it('8% hurdle, no catch-up: carry per deal 0.2·(16 − 8·(1.08² − 1)) = 2.93376', () => {
    // pref on cost 8 held 2 years = 8 · 0.1664 = 1.3312 ⇒ carry 0.2 · 14.6688 = 2.93376 a deal, 29.3376 in all
    const { v } = oneTrial(tinyFund({ waterfall: 'american', clawback: false, hurdle: 0.08, catchUp: 0 }))
    expect(v.carry).toBeCloseTo(29.3376, 10)
    expect(v.netTvpi).toBeCloseTo((240 - 29.3376) / 100, 12)
  })
})

describe('one deal, European waterfall with an 8% hurdle and no catch-up', () => {
  it('the pref accrues quarterly on each call from the quarter after it', () => {
    // One cheque of 80 in q0 (chequeSize 80, deployment 1 quarter), exit 240 in q8.
    // Calls: q0 80.5, then 0.5 a quarter. The books accrue the pref at the start of each quarter,
    // before that quarter's call, so a call in quarter c has accrued (8 − c) quarters by q8:
    //   pref = 80.5·(G^8 − 1) + 0.5·Σ_{k=0..7}(G^k − 1),  G = 1.08^(1/4)
    //        = 80.5·0.1664 + 0.5·(0.1664/(G − 1) − 8) ≈ 13.6780
    // q8: capital back 80.5 + 8·0.5 = 84.5, pref, then 20% of the rest (hard hurdle):
    //   carry = 0.2·(240 − 84.5 − pref) ≈ 28.3644; no clawback.
    const G = Math.pow(1.08, 0.25)
    const pref = 80.5 * 0.1664 + 0.5 * (0.1664 / (G - 1) - 8)
    expect(pref).toBeCloseTo(13.678, 3)
    const c = tinyFund(
      { hurdle: 0.08, catchUp: 0, clawback: false },
      { strategy: { chequeSize: { seed: 80, early: 80, growth: 80 }, deploymentYears: 0.25 } },
    )
    const { v, n } = oneTrial(c)
    expect(n.companies).toBe(1)
    expect(v.carry).toBeCloseTo(0.2 * (240 - 84.5 - pref), 9)
    expect(v.netTvpi).toBeCloseTo((240 - 0.2 * (240 - 84.5 - pref)) / 100, 10)
  })
})

describe('edge funds', () => {
  it('every deal fails: LPs get nothing, IRR −100%, no break-even, fund never returned', () => {
    const c = tinyFund({}, { companies: { powerLaw: { buckets: [{ low: 0, high: 0, probability: 1 }] } } })
    const { v, n } = oneTrial(c)
    expect(n.writeOffs).toBe(10)
    expect(n.acquisitions).toBe(0)
    expect(v.netTvpi).toBe(0)
    expect(v.carry).toBe(0)
    expect(v.netIrr).toBe(-1)
    expect(v.breakEvenYear).toBeNaN()
    expect(v.dealsToReturnFund).toBeNaN()
    const s = runSimulation(c).summary
    expect(s.netIrr.totalLossShare).toBe(1)
    expect(s.probLoss.value).toBe(1)
    expect(s.breakEven.years).toBeNull()
    expect(s.breakEven.probNever.value).toBe(1)
    expect(s.concentration.dealsToReturnFund).toBeNull()
    expect(s.concentration.probFundNotReturned.value).toBe(1)
  })

  it('holdings still alive at the end extend the fund, then are sold at the end-of-life discount, keeping the multiple they drew', () => {
    // Holding 12 years > life 10 + extension 2: no exit inside the horizon. NAV at cost 80 > 5% of
    // size at year 10, so the fund extends a year at a time to year 12 (probability 1 here), then
    // sells at 70% of the value each deal drew (3 × 8 = 24): 0.7 · 240 = 168 (under schema v2 it
    // was 70% of cost, 56). Fees stop after the 10-year life (20 in all) ⇒ paid-in 100. European
    // waterfall, 20% carry with full catch-up: profit 68 ⇒ carry 13.6, LP 154.4 ⇒ TVPI 1.544.
    const c = tinyFund({}, { fund: { extensionYears: 2 }, companies: { powerLaw: { holdingYears: { median: 12, sigma: 0 } } } })
    const { v, n } = oneTrial(c)
    expect(n.heldAtEnd).toBe(10)
    expect(n.acquisitions).toBe(0)
    expect(v.grossProceeds).toBeCloseTo(168, 10)
    expect(v.secondaryDiscount).toBeCloseTo(0.3, 12)
    expect(v.extensionYears).toBe(2)
    expect(v.fees).toBeCloseTo(20, 10)
    expect(v.paidIn).toBeCloseTo(100, 10)
    expect(v.carry).toBeCloseTo(13.6, 10)
    expect(v.netTvpi).toBeCloseTo(1.544, 12)
    // the LP flows run 48 quarters: the sale lands in the last quarter of the extension
    const flows = [...Array<number>(10).fill(-8.5), ...Array<number>(30).fill(-0.5), ...Array<number>(7).fill(0), 154.4]
    expectIrrRoot(flows, v.netIrr)
    expect(annualise(Math.pow(1 + v.netIrr, 0.25) - 1, 4)).toBeCloseTo(v.netIrr, 12)
  })

  it('a deal that drew a write-off but exits after the horizon is sold for nothing, not at a share of cost', () => {
    const c = tinyFund({}, { fund: { extensionYears: 2 }, companies: { powerLaw: { buckets: [{ low: 0, high: 0, probability: 1 }], holdingYears: { median: 12, sigma: 0 } } } })
    const { v, n } = oneTrial(c)
    expect(n.heldAtEnd).toBe(10)
    expect(v.grossProceeds).toBe(0)
    expect(v.netTvpi).toBe(0)
  })
})

describe('LP classes on the hand-computed fund (two classes of 50 each)', () => {
  // Every call and every distribution is split by ownership (50/50), so each class pays in 50 and
  // its gross share of the 240 is 120. Without terms each class is the fund scaled by one half.
  const classes = (gov: Record<string, unknown> | undefined) => [
    { id: 'gov', kind: 'government', share: 0.5, ...(gov ? { terms: gov } : {}) },
    { id: 'priv', kind: 'private', share: 0.5 },
  ]
  const byId = (c: SimulationConfig) => {
    const s = runSimulation(c).summary
    return { fund: s, gov: s.lpClasses.find((x) => x.id === 'gov')!, priv: s.lpClasses.find((x) => x.id === 'priv')! }
  }

  it('without terms every class has the fund\'s multiples', () => {
    const { fund, gov, priv } = byId(tinyFund({}, { lpClasses: classes(undefined) }))
    expect(gov.netTvpi!.mean).toBeCloseTo(2.12, 12)
    expect(priv.netTvpi!.mean).toBeCloseTo(2.12, 12)
    expect(gov.committed).toBe(50)
    expect(fund.netTvpi.mean).toBeCloseTo(2.12, 12)
  })

  it('a carry-exempt class keeps its gross share; the other pays the whole carry (no clawback)', () => {
    // gov: 120 / 50 = 2.4. priv: half of the uniform fund without clawback, 104.9 / 50 = 2.098;
    // carry = half of 30.2 = 15.1.
    const { fund, gov, priv } = byId(tinyFund({ clawback: false }, { lpClasses: classes({ carryExempt: true }) }))
    expect(gov.netTvpi!.mean).toBeCloseTo(2.4, 12)
    expect(priv.netTvpi!.mean).toBeCloseTo(2.098, 12)
    expect(fund.deployment.carryShare.mean).toBeCloseTo(0.151, 12)
  })

  it('a class capped at its principal (rate 0) keeps exactly what it paid in by the last exit (no clawback)', () => {
    // Each quarter gov keeps what it has paid in and not yet got back; its calls by the last exit
    // (q17) are half of 89 = 44.5, so it keeps 44.5 (TVPI 0.89: the later fee calls are never
    // repaid). The rest of its half of the 209.8 LPs receive goes to priv: 209.8 − 44.5 = 165.3.
    const { gov, priv } = byId(tinyFund({ clawback: false }, { lpClasses: classes({ cappedReturn: { rate: 0, priority: false, upsideTo: ['priv'] } }) }))
    expect(gov.netTvpi!.mean).toBeCloseTo(0.89, 12)
    expect(priv.netTvpi!.mean).toBeCloseTo(165.3 / 50, 12)
  })

  // Fixed engine problem (kept as a regression test): the clawback is computed on everything the GP received — carry plus any capped
  // upside or concession handed to it (fund-books.ts: clawbackExcess(gpCarry + gp, …)) — and the
  // money returned is spread over all carry-paying classes by ownership (LpLedger.clawback),
  // bypassing the caps. With the upside of a class capped at principal going to the GP, the GP
  // loses its upside and the capped class ends at TVPI 1.516 instead of at most 1.
  it('with a clawback, a class capped at its principal still never gets more than it paid in', () => {
    const { gov } = byId(tinyFund({ clawback: true }, { lpClasses: classes({ cappedReturn: { rate: 0, priority: false, upsideTo: ['gp'] } }) }))
    expect(gov.netTvpi!.mean).toBeLessThanOrEqual(1 + 1e-9)
  })

  // Fixed engine problem (kept as a regression test): the clawback compares the GP's carry with carry × the WHOLE fund's profit, carry-
  // exempt classes included (fund-books.ts: clawbackExcess(…, totalDistributed, paidIn)). Here only
  // priv pays carry: its profit is 120 − 50 = 70, so the GP may keep 14, not the 15.1 it was paid
  // during the life; with a clawback priv should end at (120 − 14) / 50 = 2.12. The engine compares
  // 15.1 with 20% of the whole fund's 140 = 28 and returns nothing (priv stays at 2.098).
  it('with a clawback and a carry-exempt class, the GP keeps only carry on the carry-paying classes\' profit', () => {
    const { priv, fund } = byId(tinyFund({ clawback: true }, { lpClasses: classes({ carryExempt: true }) }))
    expect(fund.deployment.carryShare.mean).toBeCloseTo(0.14, 9)
    expect(priv.netTvpi!.mean).toBeCloseTo(2.12, 9)
  })
})

describe('a fund-of-funds over the hand-computed fund', () => {
  // The mother commits 99 to the sub-fund's "lps" class (99% of the us-vc-10y classes: the whole
  // class, ratio 1), so it pays 99% of every sub-fund call and receives 99% of what the class gets:
  // 0.99 · 100 = 99 in, 0.99 · 212 = 209.88 back (the sub-fund's LPs get 212, see above).
  const subFund = {
    fund: {
      size: 100,
      lifeYears: 10,
      investmentPeriodYears: 5,
      extensionYears: 0,
      managementFee: { rate: 0.02, basis: 'committed', stepDownYear: 10, rateAfterStepDown: 0.02, basisAfterStepDown: 'committed' },
      carry: { rate: 0.2, hurdle: 0, catchUp: 1, waterfall: 'european', clawback: true },
      recycling: { cap: 0, untilYear: 0 },
      ...V2_BOOKS,
    },
    strategy: { stageWeights: { seed: 1 }, chequeSize: { seed: 8, early: 8, growth: 8 }, deploymentYears: 2.5 },
    companies: { model: 'power_law', powerLaw: { kind: 'buckets', buckets: [{ low: 3, high: 3, probability: 1 }], holdingYears: { median: 2, sigma: 0 } } },
  }
  const mother = (fee: Record<string, unknown>, size = 120) =>
    config({
      fund: { size, lifeYears: 10, extensionYears: 0, managementFee: { stepDownYear: 10, ...fee }, carry: { rate: 0, hurdle: 0, catchUp: 0, clawback: false } },
      lpClasses: [{ id: 'mother', kind: 'government', share: 1 }],
      subFunds: [{ id: 'tiny', commitment: 99, lpClass: 'lps', config: subFund }],
      market: CALM,
      run: { trials: 2, seed: 1 },
    })

  it('committed-basis fee of 1% on 120 for 10 years: fees 12, paid-in 111, TVPI 209.88 / 111', () => {
    const { v } = oneTrial(mother({ rate: 0.01, basis: 'committed', rateAfterStepDown: 0.01, basisAfterStepDown: 'committed' }))
    expect(v.invested).toBeCloseTo(99, 9)
    expect(v.grossProceeds).toBeCloseTo(209.88, 9)
    expect(v.fees).toBeCloseTo(12, 9)
    expect(v.paidIn).toBeCloseTo(111, 9)
    expect(v.netTvpi).toBeCloseTo(209.88 / 111, 9)
  })

  // Fixed engine problem (kept as a regression test): fund-of-funds.ts fills ws.subNav only at year-end quarters (q & 3 === 3 in
  // collectClassFlows) but charges the mother's NAV-basis fee every quarter from ws.subNav[q], so
  // three quarters in four see a NAV of 0 and the fee is a quarter of what it should be.
  // The sub-fund's NAV (cost of live deals) by quarter q0..q17 is 8, 16, …, 64, then 64, 64, 56, 48,
  // 40, 32, 24, 16, 8, 0: Σ = 288 + 352 = 640; the mother's part is 0.99 · 640. A 2% NAV fee is
  // 0.005 · 0.99 · 640 = 3.168; the engine charges 0.005 · 0.99 · (32 + 64 + 48 + 16) = 0.792.
  it('a 2% NAV-basis fee is charged on the NAV of every quarter', () => {
    const { v } = oneTrial(mother({ rate: 0.02, basis: 'nav', rateAfterStepDown: 0.02, basisAfterStepDown: 'nav' }))
    expect(v.fees).toBeCloseTo(0.005 * 0.99 * 640, 9)
  })

  it('a 1% paid-in-basis fee is charged on what the mother has paid in before each quarter', () => {
    // the sub-fund calls 8.5 a quarter to q9, then 0.5, to q39; the mother pays 0.99 of that plus its fee
    const { v } = oneTrial(mother({ rate: 0.01, basis: 'paid_in', rateAfterStepDown: 0.01, basisAfterStepDown: 'paid_in' }))
    let paid = 0
    let fees = 0
    for (let q = 0; q < 40; q++) {
      const fee = 0.0025 * paid
      fees += fee
      paid += 0.99 * (q < 10 ? 8.5 : 0.5) + fee
    }
    expect(v.fees).toBeCloseTo(fees, 9)
    expect(v.paidIn).toBeCloseTo(paid, 9)
  })

  // Fixed engine problem (kept as a regression test): simulateFundOfFundsTrial (fund-of-funds.ts) never reads run.evaluateAtYear: a
  // fund-of-funds reports end-of-life figures whatever the evaluation year (a direct fund honours
  // it). At year 2.5 the mother has paid 0.99 · 85 (sub-fund calls q0..q9) + 10 · 0.3 (its 1% fee on
  // 120 a quarter) = 87.15, not the 111 of the whole life.
  it('a fund-of-funds read at year 2.5 reports its paid-in at year 2.5', () => {
    const c = mother({ rate: 0.01, basis: 'committed', rateAfterStepDown: 0.01, basisAfterStepDown: 'committed' })
    const { v } = oneTrial({ ...c, run: { ...c.run, evaluateAtYear: 2.5 } })
    expect(v.paidIn).toBeCloseTo(87.15, 9)
  })

  // Fixed engine problem (kept as a regression test): rules.ts (fundOfFundsIssues) refuses a nested fund-of-funds only when the
  // sub-fund config spells out a "subFunds" key ('subFunds' in sf.config). A sub-fund given as
  // { template: 'beijing-fof' } gets its sub-funds from the template, passes, and is then simulated
  // as a fund with no deals (simulateTrial ignores subRuns): the mother pays the nested fund's fees
  // and gets nothing back (net TVPI 0), silently.
  it('a sub-fund that is itself a fund-of-funds (through its template) is refused', () => {
    const r = parseConfig({ template: 'beijing-fof', subFunds: [{ id: 'nested', commitment: 1000, lpClass: 'government', config: { template: 'beijing-fof' } }] })
    expect(r.ok).toBe(false)
  })
})
