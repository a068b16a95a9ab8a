import { describe, expect, it } from 'vitest'
import { resolveRun, resultDigest, runResolved, runSimulation, summarise, type ChunkResult, type ResolvedRun, type RunResult } from '@pcsim/engine'
import { createWorkspace, simulateTrial } from '../../packages/engine/src/model/fund-trial.ts'
import { createTrialRecord, V } from '../../packages/engine/src/run/metric-ids.ts'
import { config } from './helpers.ts'

/** Policy outcomes of the government presets behave as the terms say they should. */

interface Run {
  run: ResolvedRun
  merged: ChunkResult
  result: RunResult
}

const cache = new Map<string, Run>()
/** One run per preset for the whole file (trials and seed fixed). */
function preset(id: string, trials = 300, extra: Record<string, unknown> = {}): Run {
  const key = `${id}/${trials}/${JSON.stringify(extra)}`
  let r = cache.get(key)
  if (!r) {
    const run = resolveRun(config({ template: id, ...extra, run: { trials, seed: 20261127, ...(extra.run as object | undefined) } }))
    const merged = runResolved(run)
    r = { run, merged, result: summarise(run, merged) }
    cache.set(key, r)
  }
  return r
}

const classIndex = (r: Run, id: string) => r.run.config.lpClasses.findIndex((c) => c.id === id)
const classOf = (r: Run, id: string) => r.result.summary.lpClasses.find((c) => c.id === id)!

describe('jjj-joint-fund: local re-investment', () => {
  it('each government meets its 1.0× requirement in most trials, and the shortfall probability is what the trials say', () => {
    const r = preset('jjj-joint-fund')
    const n = 300
    const reqs = r.result.summary.policy.reinvestment
    expect(reqs.map((x) => [x.classId, x.regions, x.required])).toEqual([
      ['beijing_gov', ['beijing'], expect.closeTo(1, 12)],
      ['tianjin_gov', ['tianjin'], expect.closeTo(1, 12)],
      ['hebei_gov', ['hebei'], expect.closeTo(1, 12)],
    ])
    reqs.forEach((req, i) => {
      const achieved = r.merged.reinvestment[i]!
      const short = achieved.reduce((a, x) => a + (x < req.required - 1e-9 ? 1 : 0), 0)
      expect(short / n).toBeLessThan(0.5)
      expect(req.probShortfall.value).toBeCloseTo(short / n, 12)
      expect(req.probShortfall.se).toBeCloseTo(Math.sqrt(((short / n) * (1 - short / n)) / n), 12)
      expect(req.achieved!.p50).toBeGreaterThanOrEqual(req.required)
    })
  })

  it('achieved = capital invested in the region\'s companies over the class\'s commitment', () => {
    const r = preset('jjj-joint-fund')
    const { run } = r
    const ws = createWorkspace(run)
    const rec = createTrialRecord(Math.ceil(run.horizon / 4), run.cells.length, run.config.lpClasses.length, run.requirements.length)
    const regionIndex = { beijing: 0, tianjin: 1, hebei: 2 } as const
    // the region ids are ordered as in REGION_IDS; check the mask of each requirement independently
    for (let t = 0; t < 20; t++) {
      simulateTrial(run, t, ws, rec)
      run.requirements.forEach((req, i) => {
        const cls = run.config.lpClasses[req.classIndex]!
        const regions = cls.terms!.localReinvestment!.regions
        expect(req.regionMask).toBe(regions.reduce((m, id) => m | (1 << regionIndex[id as keyof typeof regionIndex]), 0))
        let local = 0
        for (let d = 0; d < run.deals.cheque.length; d++) if (req.regionMask & (1 << run.deals.region[d]!)) local += ws.invested[d]!
        expect(rec.reinvestment[i]).toBeCloseTo(local / (cls.share * run.config.fund.size), 12)
        expect(r.merged.reinvestment[i]![t]).toBe(rec.reinvestment[i])
      })
    }
  })
})

describe('angel-guidance-60: the rolling pipeline limits deployment', () => {
  it('deploys fewer companies than planned, with cash drag and unstarted deals', () => {
    const r = preset('angel-guidance-60')
    const planned = r.run.deals.cheque.length
    const p = r.result.summary.policy.pipeline
    const o = r.result.summary.outcomes
    expect(o.companies.mean).toBeLessThan(planned)
    expect(p.cashDrag!.mean).toBeGreaterThan(0)
    expect(p.unstarted).toBeGreaterThan(0)
    // 12 deals planned each quarter of the 5-year investment period
    expect(p.planned).toBe(12 * 20)
    const c = r.merged.counts
    for (let t = 0; t < 300; t++) {
      expect(c.unstartedDeals[t]).toBe(planned - c.companies[t]!)
      expect(c.companies[t]!).toBeLessThanOrEqual(c.dealsStarted[t]!)
      expect(c.dealsStarted[t]!).toBeLessThanOrEqual(c.dealsReserved[t]!)
      expect(c.dealsReserved[t]!).toBeLessThanOrEqual(c.dealsPlanned[t]!)
      expect(c.dealsProducing[t]!).toBeLessThanOrEqual(c.dealsStarted[t]!)
    }
    // expected flow: 240 planned × 0.5 reserved ≈ 120 minus the last lag; × 0.4 started ≈ 46
    expect(p.reserved).toBeGreaterThan(100)
    expect(p.reserved).toBeLessThan(125)
    expect(p.producing / p.started).toBeGreaterThan(0.6)
    expect(p.producing / p.started).toBeLessThan(0.8)
  })

  it('the same fund without the pipeline deploys every planned cheque on schedule', () => {
    const r = preset('angel-guidance-60', 300, { strategy: { pipeline: { enabled: false } } })
    const p = r.result.summary.policy.pipeline
    expect(p.planned).toBe(0)
    expect(p.unstarted).toBe(0)
    expect(p.cashDrag!.max).toBeLessThan(1e-12)
    expect(r.result.summary.outcomes.companies.mean).toBe(r.run.deals.cheque.length)
  })

  // ENGINE BUG (fund-books.ts, `actualCum += investQ`): the README defines cash drag as "the average
  // gap between planned and actual *initial* deployment over the investment period", but `investQ`
  // also holds the quarter's follow-on cheques, so follow-ons into companies that did start hide the
  // initial cheques the pipeline never wrote. On angel-guidance-60 (first trial here) the recorded
  // cash drag is 0.12 of commitments while the gap in initial cheques is 0.16. Fix: accumulate only the
  // initial cheques written in the quarter (the `dealPtr` loop) into `actualCum`.
  it('cash drag is the gap between planned and actual initial cheques', () => {
    const r = preset('angel-guidance-60')
    const { run } = r
    const ws = createWorkspace(run)
    const rec = createTrialRecord(Math.ceil(run.horizon / 4), run.cells.length, run.config.lpClasses.length, run.requirements.length)
    const n = run.deals.cheque.length
    for (let t = 0; t < 30; t++) {
      simulateTrial(run, t, ws, rec)
      let idle = 0
      for (let q = 0; q < run.investQuarters; q++) {
        let planned = 0
        let actual = 0
        for (let d = 0; d < n; d++) {
          if (run.deals.quarter[d]! <= q) planned += run.deals.cheque[d]!
          // a started deal whose cheque was written (invested > 0) by quarter q
          if (ws.dealQuarter[d]! >= 0 && ws.dealQuarter[d]! <= q && ws.invested[d]! > 0) actual += run.deals.cheque[d]!
        }
        idle += Math.max(0, planned - actual)
      }
      expect(rec.values[V.cashDrag]).toBeCloseTo(idle / (run.investQuarters * run.config.fund.size), 9)
    }
  })
})

describe('angel-guidance-60: the government\'s first loss', () => {
  it('gives up at most 20% of the fund, and the private class (same fee and carry terms) never does worse than it', () => {
    const r = preset('angel-guidance-60')
    const paid = r.merged.values.firstLossPaid
    const priv = classIndex(r, 'private')
    const gov = classIndex(r, 'government')
    let some = 0
    for (let t = 0; t < 300; t++) {
      expect(paid[t]!).toBeLessThanOrEqual(0.2 + 1e-12)
      if (paid[t]! > 0) some++
      // without the term both would have the same TVPI; subordination only moves money from gov
      expect(r.merged.classes[priv]![0]![t]!).toBeGreaterThanOrEqual(r.merged.classes[gov]![0]![t]! - 1e-12)
      if (paid[t]! > 1e-9) expect(r.merged.classes[priv]![0]![t]!).toBeGreaterThan(r.merged.classes[gov]![0]![t]!)
    }
    expect(some).toBeGreaterThan(0)
    expect(r.result.summary.policy.firstLossPaid!.mean).toBeCloseTo(paid.reduce((a, x) => a + x, 0) / 300, 12)
    // protected private money loses less often than the government that protects it
    expect(classOf(r, 'private').probLoss.value).toBeLessThan(classOf(r, 'government').probLoss.value)
  })
})

describe('yozma-fund: the buy-out option', () => {
  it('is exercised in some but not all trials, and caps the government\'s upside', () => {
    const r = preset('yozma-fund')
    const p = r.result.summary.policy.buyOut.probExercised.value
    expect(p).toBeGreaterThan(0)
    expect(p).toBeLessThan(1)
    const gov = classOf(r, 'government').netTvpi!
    expect(gov.p90).toBeLessThan(classOf(r, 'private').netTvpi!.p90)
    expect(gov.p90).toBeLessThan(classOf(r, 'gp').netTvpi!.p90)
    // When exercised, the price is cost plus 5% a year net of what the government has received
    // (with interest too, floored at 0): replaying each trial, the government's flows up to and
    // including the buy-out have an NPV of exactly 0 at 5% a year when a price was paid, and ≥ 0 when
    // its distributions had already paid more than cost plus interest (price 0). After the buy-out it
    // is called for nothing and receives nothing.
    const g = classIndex(r, 'government')
    const ex = r.merged.values.buyOutExercised
    const { run } = r
    const ws = createWorkspace(run)
    const rec = createTrialRecord(Math.ceil(run.horizon / 4), run.cells.length, run.config.lpClasses.length, 0)
    const quarterly = 1.05 ** 0.25
    const window = 5 * 4 - 1
    let exercised = 0
    let priced = 0
    for (let t = 0; t < 300; t++) {
      simulateTrial(run, t, ws, rec)
      const L = ws.ledger
      expect(L.buyOutDone[g]).toBe(ex[t] === 1 ? 1 : 2)
      if (ex[t] !== 1) {
        for (let q = 0; q < rec.endQuarter; q++) expect(L.transfers[g]![q]).toBe(0)
        continue
      }
      exercised++
      let npv = 0
      let scale = 0
      for (let q = 0; q <= window; q++) {
        npv += (L.dists[g]![q]! - L.calls[g]![q]! + L.transfers[g]![q]!) / quarterly ** q
        scale += L.calls[g]![q]!
      }
      const price = L.transfers[g]![window]!
      if (price > 0) {
        priced++
        expect(Math.abs(npv)).toBeLessThan(1e-9 * scale)
      } else expect(npv).toBeGreaterThanOrEqual(-1e-9 * scale)
      for (let q = window + 1; q < rec.endQuarter; q++) {
        expect(L.calls[g]![q]).toBe(0)
        expect(L.dists[g]![q]).toBe(0)
      }
    }
    expect(exercised / 300).toBeCloseTo(p, 12)
    expect(priced).toBeGreaterThan(0)
  })
})

describe('uk-ecf-fund: the capped, priority government return', () => {
  it('the government class never beats principal plus 3% a year; private LPs take the upside', () => {
    const r = preset('uk-ecf-fund')
    const years = r.run.horizon / 4
    const cap = 1.03 ** years
    const bbb = classOf(r, 'bbb').netTvpi!
    const priv = classOf(r, 'private').netTvpi!
    expect(bbb.max).toBeLessThanOrEqual(cap + 1e-9)
    expect(priv.max).toBeGreaterThan(cap)
    expect(priv.p90).toBeGreaterThan(bbb.p90)
    // and because it is paid first, the government loses less often than the private LPs
    expect(classOf(r, 'bbb').probLoss.value).toBeLessThanOrEqual(classOf(r, 'private').probLoss.value)
  })

  // ENGINE BUG (trial-metrics.ts classMetrics, `const nav = fundLpNav * ledger.own[c]`): at an
  // interim reading (run.evaluateAtYear) every class is given its ownership share of the fund's net
  // NAV, whatever its terms: the capped class's NAV is not capped (nor is a carry-exempt class's NAV
  // gross of carry, nor a concession applied). On uk-ecf-fund read at year 6 the government class's
  // net TVPI reaches about 5 in these 300 trials although its claim is capped at
  // principal + 3% a year (≤ 1.03^6 ≈ 1.19).
  // Fix: value each class's NAV by running a preview of the quarter's split (caps, concessions,
  // carry exemption) on the NAV, as the buy-out valuation should too.
  it('read at year 6, the capped class is still worth no more than principal plus 3% a year', () => {
    const r = preset('uk-ecf-fund', 300, { run: { evaluateAtYear: 6 } })
    expect(r.run.evaluateAt).toBe(24)
    expect(classOf(r, 'bbb').netTvpi!.max).toBeLessThanOrEqual(1.03 ** 6 + 1e-9)
  })
})

describe('the government budget view', () => {
  for (const id of ['city-ai-fund', 'uk-ecf-fund', 'jjj-joint-fund', 'yozma-fund', 'angel-guidance-60']) {
    it(`${id}: expected calls ≤ P95 every year, and they add up to the government's paid-in`, () => {
      const r = preset(id, 200)
      const { run } = r
      const budget = r.result.summary.policy.budget
      const gov = r.result.summary.policy.governmentCommitted
      expect(budget).toHaveLength(Math.ceil(run.horizon / 4))
      for (const b of budget) {
        // P95 is read from fan-chart bins 0.01 of the commitment wide
        expect(b.expected).toBeLessThanOrEqual(b.p95 + 0.01 * gov + 1e-9)
        expect(b.expected).toBeCloseTo(b.expectedShare * gov, 9)
        expect(b.expected).toBeGreaterThanOrEqual(0)
      }
      // replay the trials: mean over trials of the government classes' calls
      const ws = createWorkspace(run)
      const rec = createTrialRecord(Math.ceil(run.horizon / 4), run.cells.length, run.config.lpClasses.length, run.requirements.length)
      let paid = 0
      for (let t = 0; t < 200; t++) {
        simulateTrial(run, t, ws, rec)
        if (ws.ledger.uniform) paid += rec.values[V.paidIn]! * run.governmentShare
        else for (let q = 0; q < rec.endQuarter; q++) paid += ws.ledger.governmentCalls(q)
      }
      const total = budget.reduce((a, b) => a + b.expected, 0)
      expect(total).toBeCloseTo(paid / 200, 6)
      expect(total).toBeLessThanOrEqual(gov * (1 + 1e-9))
    })
  }
})

describe('private capital mobilised in the fund', () => {
  for (const id of ['city-ai-fund', 'angel-guidance-60', 'yozma-fund', 'uk-ecf-fund', 'jjj-joint-fund']) {
    it(`${id}: inFund = (size − government) / government`, () => {
      const c = config({ template: id, run: { trials: 20, seed: 1 } })
      const r = runSimulation(c)
      const gov = c.lpClasses.filter((l) => l.kind === 'government').reduce((a, l) => a + l.share * c.fund.size, 0)
      expect(r.summary.policy.governmentCommitted).toBeCloseTo(gov, 9)
      expect(r.summary.policy.privateCapitalMobilised.inFund).toBeCloseTo((c.fund.size - gov) / gov, 12)
    })
  }
  it('a fund without a government class reports none', () => {
    const r = runSimulation(config({ template: 'nssf-special-fund', run: { trials: 20, seed: 1 } }))
    expect(r.summary.policy.governmentCommitted).toBe(0)
    expect(r.summary.policy.privateCapitalMobilised.inFund).toBeNull()
  })
})

describe('beijing-fof: a fund-of-funds', () => {
  it('gives each sub-fund\'s result and the same numbers for 1 and 3 chunks', () => {
    const c = config({ template: 'beijing-fof', run: { trials: 60, seed: 9 } })
    const one = runSimulation(c, { chunks: 1 })
    const three = runSimulation(c, { chunks: 3 })
    expect(one.subFunds?.map((s) => s.id)).toEqual(['angel', 'ai', 'jjj'])
    for (const s of one.subFunds!) {
      expect(s.result.trials).toBe(60)
      expect(s.result.summary.lpClasses.length).toBeGreaterThan(0)
      expect(s.result.summary.netTvpi.n).toBe(60)
    }
    expect(resultDigest(three)).toBe(resultDigest(one))
    expect(one.summary.netTvpi.n).toBe(60)
    // the mother is all government money: nothing mobilised inside the mother itself
    expect(one.summary.policy.privateCapitalMobilised.inFund).toBe(0)
  })
})
