import { describe, expect, it } from 'vitest'
import { parseConfig, resolveRun, runResolved, summarise, type ChunkResult, type ResolvedRun } from '@pcsim/engine'
import { planSubFunds, takahashiAlexanderNav, targetNavPlan, DEFAULT_PACING_MODEL } from '../../packages/engine/src/model/fof-pacing.ts'
import { createFundOfFundsWorkspace, simulateFundOfFundsTrial } from '../../packages/engine/src/model/fund-of-funds.ts'
import { createMarketPath, simulateMarket } from '../../packages/engine/src/model/market-path.ts'
import { shiftMarketPath } from '../../packages/engine/src/model/shift-market.ts'
import { createTrialStreams } from '../../packages/engine/src/random/streams.ts'
import { createTrialRecord, FUND_OF_FUNDS_SERIES, V } from '../../packages/engine/src/run/metric-ids.ts'
import { decodeChunkSync, encodeChunkSync } from '../../packages/runner/src/chunk-codec.ts'
import { config } from './helpers.ts'

/** A us-vc-10y sub-fund whose "lps" class (99m of 100m) the mother buys into. */
const sub = (id: string, commitment: number, extra: Record<string, unknown> = {}) => ({ id, commitment, lpClass: 'lps', config: {}, ...extra })
const mother = (extra: Record<string, unknown>) => config({ template: 'beijing-fof', ...extra })
const FIVE = ['a', 'b', 'c', 'd', 'e']

function sd(a: ArrayLike<number>, idx?: ArrayLike<number>): number {
  const n = idx ? idx.length : a.length
  let m = 0
  for (let i = 0; i < n; i++) m += a[idx ? idx[i]! : i]!
  m /= n
  let s = 0
  for (let i = 0; i < n; i++) s += (a[idx ? idx[i]! : i]! - m) ** 2
  return Math.sqrt(s / (n - 1))
}

/** sd(a) − sd(b) on the same trials, with a paired bootstrap standard error (fixed generator). */
function sdDifference(a: Float64Array, b: Float64Array, rounds = 300): { diff: number; se: number } {
  const n = a.length
  let state = 12345
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0), state / 2 ** 32)
  const idx = new Int32Array(n)
  const diffs: number[] = []
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(next() * n)
    diffs.push(sd(a, idx) - sd(b, idx))
  }
  return { diff: sd(a) - sd(b), se: sd(diffs) }
}

const mergedOf = (run: ResolvedRun): ChunkResult => runResolved(run, { chunks: 2 })

describe('the pacing plan, by hand', () => {
  it('Takahashi–Alexander NAV of a unit commitment', () => {
    // calls 50% of what is uncalled, no growth, bow 1, life 2: NAV 0.5, 0.25, 0.125
    const m = { callRates: [0.5], growth: 0, bow: 1, lifeYears: 2, yield: 0 }
    expect(takahashiAlexanderNav(m, 3)).toEqual([0.5, 0.25, 0.125])
    // the default set: year 1 calls 25%; year 2 calls 33% of 75%, the 0.25 grows 10% and pays out (2/12)^2.5
    const d = takahashiAlexanderNav(DEFAULT_PACING_MODEL, 3)
    expect(d[0]).toBeCloseTo(0.25, 12)
    expect(d[1]).toBeCloseTo(0.275 * (1 - (2 / 12) ** 2.5) + 0.2475, 12)
    expect(d[2]).toBeCloseTo(0.8047158434515409, 12)
  })

  it('a target-NAV plan commits what brings the projected NAV back to the target', () => {
    const m = { callRates: [0.5], growth: 0, bow: 1, lifeYears: 2, yield: 0 }
    // unit NAV peaks in year 1 at 0.5: 100/0.5 = 200; then (100 − 200·0.25)/0.5 = 100; then (100 − 200·0.125 − 100·0.25)/0.5 = 100
    expect(targetNavPlan(100, 3, m, 1_000)).toEqual([200, 100, 100])
    expect(targetNavPlan(100, 3, m, 350)).toEqual([200, 100, 50])
    // a cap of 150 a vintage: 150; (100 − 37.5)/0.5 = 125; (100 − 18.75 − 31.25)/0.5 = 100
    expect(targetNavPlan(100, 3, m, 1_000, 150)).toEqual([150, 125, 100])
  })

  it('amounts per vintage are split across the programmes by their commitments, each at its own start year', () => {
    const c = mother({ subFunds: [sub('a', 60), sub('b', 40, { startYear: 1 })], fundOfFunds: { pacing: { method: 'amounts', amounts: [100, 0, 50] } } })
    expect(planSubFunds(c)).toEqual([
      { index: 0, id: 'a-v0', startYear: 0, commitment: 60 },
      { index: 1, id: 'b-v0', startYear: 1, commitment: 40 },
      { index: 0, id: 'a-v2', startYear: 2, commitment: 30 },
      { index: 1, id: 'b-v2', startYear: 3, commitment: 20 },
    ])
    const run = resolveRun(c)
    expect(run.subRuns.map((s) => [s.id, s.startQuarter, s.ratio])).toEqual([
      ['a-v0', 0, 60 / 99],
      ['b-v0', 4, 40 / 99],
      ['a-v2', 8, 30 / 99],
      ['b-v2', 12, 20 / 99],
    ])
    expect(run.horizon).toBe(Math.max(Math.round((c.fund.lifeYears + c.fund.extensionYears) * 4), 12 + run.subRuns[3]!.run.horizon))
  })
})

describe('a sub-fund on the mother\'s market path from its own start', () => {
  it('sees the regimes, factors and index of the mother from its start quarter on', () => {
    const run = resolveRun(mother({ subFunds: [sub('a', 50, { startYear: 3 })], run: { trials: 1, seed: 5 } }))
    const src = simulateMarket(run.market, run.effects, createTrialStreams(run.seed, 0).market, createMarketPath(run.horizon))
    const view = shiftMarketPath(src, 12, createMarketPath(40))
    for (let q = 0; q < 40; q++) {
      expect(view.regime[q]).toBe(src.regime[q + 12])
      expect(view.index[q + 1]! / view.index[q]!).toBeCloseTo(src.index[q + 13]! / src.index[q + 12]!, 12)
      expect(view.regimeEnd[q]).toBe(Math.min(40, src.regimeEnd[q + 12]! - 12))
    }
    expect(view.index[0]).toBe(1)
    for (let y = 0; y < 10; y++) expect(view.global[y]).toBe(src.global[y + 3])
    expect(() => shiftMarketPath(src, 6, createMarketPath(8))).toThrow(RangeError)
  })

  it('a shock of the mother\'s market moves to the sub-fund\'s clock', () => {
    const shock = { id: 'x', fromYear: 4, years: 3, sectors: [], regime: 'bust', effects: {}, indexDrift: 0 }
    const run = resolveRun(mother({ subFunds: [sub('a', 50, { startYear: 2 }), sub('b', 40, { startYear: 5 })], market: { shocks: [shock] } }))
    expect(run.subRuns[0]!.run.config.market.shocks).toEqual([{ ...shock, fromYear: 2 }])
    expect(run.subRuns[1]!.run.config.market.shocks).toEqual([{ ...shock, fromYear: 0, years: 2 }])
  })
})

describe('defaults keep single-vintage mothers as they were', () => {
  it('one vintage committing every sub-fund\'s commitment gives the numbers of no plan, trial by trial', () => {
    const subFunds = [sub('a', 50), sub('b', 30)]
    const plain = mergedOf(resolveRun(mother({ subFunds, run: { trials: 40, seed: 9 } })))
    const paced = mergedOf(resolveRun(mother({ subFunds, fundOfFunds: { pacing: { method: 'amounts', amounts: [80] }, managerSkill: { spread: 0 } }, run: { trials: 40, seed: 9 } })))
    expect(Array.from(paced.values.netTvpi)).toEqual(Array.from(plain.values.netTvpi))
    expect(Array.from(paced.values.netIrr)).toEqual(Array.from(plain.values.netIrr))
    expect(paced.yearSums).toEqual(plain.yearSums)
  })
})

describe('conservation: the mother\'s flows are the sum of its sub-funds\' flows', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['amounts, co-investment and skill', { subFunds: [sub('a', 60), { id: 'g', commitment: 30, lpClass: 'government', config: { template: 'gov-angel-fund' } }], fundOfFunds: { pacing: { method: 'amounts', amounts: [45, 45, 0, 45] }, managerSkill: { spread: 0.5 }, coInvestment: { share: 0.3 } } }],
    ['start years, no plan', { subFunds: [sub('a', 50, { startYear: 2 }), sub('b', 40)] }],
  ]
  for (const [name, extra] of cases)
    it(`${name}: every trial and quarter`, () => {
      const run = resolveRun(mother({ ...extra, run: { trials: 30, seed: 17 } }))
      const H = run.horizon
      const years = Math.ceil(H / 4)
      const ws = createFundOfFundsWorkspace(run)
      const out = createTrialRecord(years, 0, run.config.lpClasses.length, 0, FUND_OF_FUNDS_SERIES.length)
      const subOut = run.subRuns.map((s) => createTrialRecord(Math.ceil(s.run.horizon / 4), s.run.cells.length, s.run.config.lpClasses.length, s.run.requirements.length))
      const co = run.config.fundOfFunds?.coInvestment?.share ?? 0
      for (let t = 0; t < 30; t++) {
        simulateFundOfFundsTrial(run, t, ws, out, subOut)
        const calls = new Float64Array(H)
        const dists = new Float64Array(H)
        run.subRuns.forEach((s, k) => {
          const w = ws.subs[k]!
          const L = w.ledger
          const c = s.classIndex
          const look = s.ratio * L.own[c]!
          for (let q = 0; q < subOut[k]!.endQuarter; q++) {
            const call = L.uniform ? L.shares[c]! * w.calls[q]! : L.calls[c]![q]!
            const dist = L.uniform ? L.shares[c]! * (w.lpFlows[q]! + w.calls[q]!) : L.dists[c]![q]! + L.transfers[c]![q]!
            calls[q + s.startQuarter]! += s.ratio * call + co * look * w.investedByQuarter[q]!
            dists[q + s.startQuarter]! += s.ratio * dist + co * look * w.proceedsByQuarter[q]!
          }
        })
        let invested = 0
        let received = 0
        for (let q = 0; q < H; q++) {
          const tol = 1e-9 * run.config.fund.size
          expect(Math.abs(ws.subCalls[q]! - calls[q]!)).toBeLessThanOrEqual(tol)
          expect(Math.abs(ws.subDists[q]! - dists[q]!)).toBeLessThanOrEqual(tol)
          invested += calls[q]!
          received += dists[q]!
        }
        expect(out.values[V.invested]).toBeCloseTo(invested, 6)
        expect(out.values[V.grossProceeds]).toBeCloseTo(received, 6)
        // the yearly calls add up to the mother's paid-in capital; no carry here, so distributions to its LPs are what came back
        let seriesCalls = 0
        let seriesDists = 0
        for (let y = 0; y < years; y++) {
          seriesCalls += out.series[y]!
          seriesDists += out.series[years + y]!
        }
        expect(seriesCalls).toBeCloseTo(out.values[V.paidIn]!, 6)
        expect(seriesDists).toBeCloseTo(received, 6)
      }
    })
})

describe('paired comparisons on fixed seeds', () => {
  // a mother of 100m, so its own fees do not swamp what the sub-funds return; outcomes compared as
  // the sd of log net TVPI (the raw sd is dominated by a few outliers)
  const log = (a: Float64Array) => Float64Array.from(a, (x) => Math.log(Math.max(0.01, x)))
  const tvpi = (extra: Record<string, unknown>, trials: number) => log(mergedOf(resolveRun(mother({ fund: { size: 100 }, run: { trials, seed: 31 }, ...extra }))).values.netTvpi)
  const TEN = Array.from({ length: 10 }, (_, k) => `s${k}`)

  it('spreading vintages narrows the mother\'s outcome spread', () => {
    // the same ten sub-funds on the same streams: all in year 0, or one a year for ten years
    const single = tvpi({ subFunds: TEN.map((id) => sub(id, 9)), fundOfFunds: { pacing: { method: 'amounts', amounts: [90] } } }, 300)
    const spread = tvpi({ subFunds: [sub('a', 9)], fundOfFunds: { pacing: { method: 'amounts', amounts: Array(10).fill(9) } } }, 300)
    const { diff, se } = sdDifference(single, spread)
    console.info(`paired vintages (ten us-vc-10y sub-funds, 300 trials, seed 31): sd of log net TVPI ${sd(single).toFixed(3)} in one vintage, ${sd(spread).toFixed(3)} over ten (difference ${diff.toFixed(3)} ± ${se.toFixed(3)})`)
    expect(diff).toBeGreaterThan(3 * se)
  })

  it('a wider manager-skill spread widens it', () => {
    const five = { subFunds: FIVE.map((id) => sub(id, 18)), fundOfFunds: { pacing: { method: 'amounts', amounts: [90] } } }
    const wide = tvpi({ ...five, fundOfFunds: { ...five.fundOfFunds, managerSkill: { spread: 0.8 } } }, 400)
    const none = tvpi(five, 400)
    const { diff, se } = sdDifference(wide, none)
    console.info(`paired skill (five us-vc-10y sub-funds, 400 trials, seed 31): sd of log net TVPI ${sd(none).toFixed(3)} without skill, ${sd(wide).toFixed(3)} with spread 0.8 (difference ${diff.toFixed(3)} ± ${se.toFixed(3)})`)
    expect(diff).toBeGreaterThan(3 * se)
  })
})

describe('the mother\'s summary', () => {
  it('reports the plan, yearly flows that add up, and private capital per unit of government money', () => {
    const c = mother({ subFunds: [sub('a', 60), sub('b', 40)], fundOfFunds: { pacing: { method: 'amounts', amounts: [50, 50] }, coInvestment: { share: 0.2 } }, run: { trials: 30, seed: 4 } })
    const run = resolveRun(c)
    const merged = mergedOf(run)
    const r = summarise(run, merged)
    const f = r.summary.fundOfFunds!
    expect(f.subFunds.map((s) => [s.id, s.startYear, s.commitment])).toEqual([
      ['a-v0', 0, 30],
      ['b-v0', 0, 20],
      ['a-v1', 1, 30],
      ['b-v1', 1, 20],
    ])
    expect(f.byYear.slice(0, 3).map((y) => y.committed)).toEqual([50, 50, 0])
    const calls = f.byYear.reduce((a, y) => a + y.calls, 0)
    expect(calls).toBeCloseTo(r.summary.deployment.paidInShare.mean * c.fund.size, 6)
    expect(f.byYear.reduce((a, y) => a + y.coInvested, 0)).toBeGreaterThan(0)
    // beijing-fof is all government money; a us-vc-10y sub-fund has no government class, so its 1m
    // "gp" and the rest of its "lps" (99m less the mother's part) are private: counted by the mother's share of the fund
    expect(f.leverage.mother).toBe(0)
    const expected = f.subFunds.reduce((a, s) => a + 100 * (s.commitment / 100), 0)
    expect(f.leverage.privateInSubFunds).toBeCloseTo(expected, 9)
    expect(f.leverage.withSubFunds).toBeCloseTo(expected / 2000, 12)
    // a chunk with yearly series survives the Redis codec bit for bit
    const back = decodeChunkSync(encodeChunkSync(merged))
    expect(back.yearSums).toEqual(merged.yearSums)
  })
})

describe('validation of the plan', () => {
  const issues = (extra: Record<string, unknown>) => {
    const r = parseConfig({ template: 'beijing-fof', ...extra })
    return r.ok ? [] : r.issues.map((i) => [i.path, i.code])
  }
  it('names the field and the rule', () => {
    expect(issues({ subFunds: [sub('a', 50)], fundOfFunds: { pacing: { method: 'amounts', amounts: [0, 0] } } })).toEqual([['/fundOfFunds/pacing/amounts', 'pacing_needs_amounts']])
    expect(issues({ subFunds: [sub('a', 50)], fundOfFunds: { pacing: { method: 'amounts', amounts: [50, 120] } } })).toEqual([['/fundOfFunds/pacing/amounts/1', 'commitment_above_class']])
    expect(issues({ subFunds: [sub('a', 50)], fundOfFunds: { pacing: { method: 'amounts', amounts: [50, ...Array(18).fill(0), 50] } } })).toEqual([['/fundOfFunds/pacing/amounts/19', 'vintage_beyond_horizon']])
    expect(issues({ subFunds: [sub('a', 50, { startYear: 19 })] })).toEqual([['/subFunds/0/startYear', 'vintage_beyond_horizon']])
    expect(issues({ subFunds: FIVE.map((id) => sub(id, 90)), fundOfFunds: { pacing: { method: 'amounts', amounts: Array(5).fill(400) } } })).toEqual([['/fundOfFunds/pacing/amounts', 'fof_over_committed']])
    expect(issues({ subFunds: [sub('a', 90)], fundOfFunds: { coInvestment: { share: 30 } } })).toContainEqual(['/fundOfFunds/coInvestment/share', 'too_big'])
    // 7 × 90m, and twice as much again beside them: 1,890m above the 1,886m the mother can invest
    expect(issues({ subFunds: [...FIVE, 'f', 'g'].map((id) => sub(id, 90)), fundOfFunds: { coInvestment: { share: 2 } } })).toEqual([['/fundOfFunds/coInvestment/share', 'fof_over_committed']])
    expect(issues({ subFunds: [sub('a', 50)], fundOfFunds: { pacing: { method: 'target_nav' } } })).toEqual([
      ['/fundOfFunds/pacing', 'required'],
      ['/fundOfFunds/pacing', 'required'],
    ])
    expect(issues({ template: 'us-vc-10y', fundOfFunds: { managerSkill: { spread: 0.3 } } })).toEqual([['/fundOfFunds', 'needs_sub_funds']])
  })
})

describe('class terms at the mother level', () => {
  const subFunds = [sub('a', 50), sub('b', 40, { startYear: 1 })]
  const classes = (gov: Record<string, unknown>) => [
    { id: 'government', kind: 'government', share: 0.6, terms: gov },
    { id: 'private', kind: 'private', share: 0.4 },
  ]
  const plainClasses = [
    { id: 'government', kind: 'government', share: 0.6 },
    { id: 'private', kind: 'private', share: 0.4 },
  ]
  const runOf = (lpClasses: unknown[]) => resolveRun(mother({ fund: { size: 200 }, lpClasses, subFunds, run: { trials: 120, seed: 23 } }))

  it('first loss moves money between the mother\'s classes, never the mother\'s total, and stays under its cap', () => {
    const termed = runOf(classes({ firstLoss: { share: 0.2 } }))
    const plain = runOf(plainClasses)
    const a = mergedOf(termed)
    const b = mergedOf(plain)
    let subordinated = 0
    for (let t = 0; t < 120; t++) {
      expect(a.values.netTvpi[t]).toBeCloseTo(b.values.netTvpi[t]!, 9)
      expect(a.values.firstLossPaid[t]).toBeLessThanOrEqual(0.2 + 1e-12)
      // the senior (private) class does at least as well as the subordinated government class
      expect(a.classes[1]![0]![t]!).toBeGreaterThanOrEqual(a.classes[0]![0]![t]! - 1e-9)
      if (a.classes[1]![0]![t]! > a.classes[0]![0]![t]! + 1e-6) subordinated++
    }
    expect(subordinated).toBeGreaterThan(0)
    // without terms both classes are the fund
    for (let t = 0; t < 120; t++) expect(b.classes[0]![0]![t]).toBe(b.values.netTvpi[t])
  })

  it('a fee-exempt government class leaves the mother\'s fee to the private class', () => {
    const exempt = mergedOf(runOf(classes({ feeExempt: true })))
    const plain = mergedOf(runOf(plainClasses))
    for (let t = 0; t < 120; t++) expect(exempt.values.fees[t]).toBeCloseTo(0.4 * plain.values.fees[t]!, 9)
  })

  it('返投 through sub-funds: the mother\'s look-through part of their local investment counts toward its requirement', () => {
    const local = (region: string) => {
      const c = mother({
        lpClasses: [{ id: 'government', kind: 'government', share: 1, terms: { localReinvestment: { multiple: 0.02, regions: ['beijing'] } } }],
        subFunds: [sub('a', 60, { config: { strategy: { regionWeights: { [region]: 1 } } } }), sub('b', 30, { startYear: 2, config: { strategy: { regionWeights: { [region]: 1 } } } })],
        run: { trials: 20, seed: 3 },
      })
      const run = resolveRun(c)
      const ws = createFundOfFundsWorkspace(run)
      const out = createTrialRecord(Math.ceil(run.horizon / 4), 0, 1, 1, FUND_OF_FUNDS_SERIES.length)
      const subOut = run.subRuns.map((s) => createTrialRecord(Math.ceil(s.run.horizon / 4), s.run.cells.length, s.run.config.lpClasses.length, s.run.requirements.length))
      const achieved: number[] = []
      const expected: number[] = []
      for (let t = 0; t < 20; t++) {
        simulateFundOfFundsTrial(run, t, ws, out, subOut)
        achieved.push(out.reinvestment[0]!)
        // every company of these sub-funds is in the region: all they invested, times the mother's share of each
        expected.push(run.subRuns.reduce((a, s, k) => a + s.ratio * ws.subs[k]!.ledger.own[s.classIndex]! * ws.subs[k]!.invested.reduce((x, y) => x + y, 0), 0) / 2000)
      }
      return { achieved, expected, summary: summarise(run, mergedOf(run)).summary.policy.reinvestment }
    }
    const inBeijing = local('beijing')
    inBeijing.achieved.forEach((x, t) => expect(x).toBeCloseTo(inBeijing.expected[t]!, 12))
    expect(Math.min(...inBeijing.achieved)).toBeGreaterThan(0.02)
    expect(inBeijing.summary[0]!.probShortfall.value).toBe(0)
    const elsewhere = local('other')
    expect(elsewhere.achieved.every((x) => x === 0)).toBe(true)
    expect(elsewhere.summary[0]!.probShortfall.value).toBe(1)
  })
})
