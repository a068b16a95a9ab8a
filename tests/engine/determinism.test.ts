import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  chunkRanges,
  compareConfigs,
  createTrialStreams,
  ExactSum,
  mergeChunks,
  planChunks,
  resolveRun,
  resultDigest,
  runChunk,
  runResolved,
  runSimulation,
  summarise,
} from '@pcsim/engine'
import { config } from './helpers.ts'

// The default market (regimes and correlated factors on), American waterfall with a hurdle so every
// part of the books is exercised, recycling on, 600 trials.
const lifecycle = config({
  fund: { carry: { waterfall: 'american', hurdle: 0.08, catchUp: 1, clawback: true } },
  run: { trials: 600, seed: 'determinism' },
})
const government = config({ template: 'gov-angel-fund', run: { trials: 300, seed: 99, evaluateAtYear: 7 } })
/** Government terms: first loss, re-investment and the rolling pipeline; a buy-out; a capped priority return. */
const termed = ['angel-guidance-60', 'yozma-fund', 'uk-ecf-fund'].map((template) => config({ template, run: { trials: 120, seed: template } }))

describe('same config and seed → the same result, however the run is split', () => {
  for (const [name, c] of [
    ['reference fund, American waterfall', lifecycle],
    ['government angel fund read at year 7', government],
    ...termed.map((c) => [`template ${c.template} (LP terms)`, c] as const),
  ] as const) {
    it(`${name}: chunks 1, chunks 7 and uneven runChunk ranges merged in any order`, () => {
      const one = runSimulation(c, { chunks: 1 })
      const seven = runSimulation(c, { chunks: 7 })
      const run = resolveRun(c)
      const n = c.run.trials
      const cuts = [0, 1, 2, 37, 38, Math.min(100, n - 2), n - 1, n]
      const parts = cuts.slice(1).map((end, i) => runChunk(run, cuts[i]!, end))
      const shuffled = [parts[3]!, parts[0]!, parts[6]!, parts[2]!, parts[5]!, parts[1]!, parts[4]!]
      const merged = summarise(run, mergeChunks(shuffled))
      const digest = resultDigest(one)
      expect(resultDigest(seven)).toBe(digest)
      expect(resultDigest(merged)).toBe(digest)
      // the digest is only a hash: check the objects too
      expect(seven).toEqual(one)
      expect(merged).toEqual(one)
    })
  }

  it('per-trial arrays depend only on the trial index', () => {
    const run = resolveRun(lifecycle)
    const all = runChunk(run, 0, 40)
    const tail = runChunk(run, 25, 40)
    for (const [k, a] of Object.entries(tail.values)) expect(Array.from(a), k).toEqual(Array.from(all.values[k as keyof typeof all.values].subarray(25)))
    for (const [k, a] of Object.entries(tail.counts)) expect(Array.from(a), k).toEqual(Array.from(all.counts[k as keyof typeof all.counts].subarray(25)))
  })

  it('running twice in the same process gives the same digest (no state leaks between runs)', () => {
    expect(resultDigest(runSimulation(lifecycle))).toBe(resultDigest(runSimulation(lifecycle)))
  })

  it('a different seed gives a different digest', () => {
    const other = { ...lifecycle, run: { ...lifecycle.run, seed: 'determinism-2' } }
    expect(resultDigest(runSimulation(other))).not.toBe(resultDigest(runSimulation(lifecycle)))
  })

  it('mergeChunks rejects gaps', () => {
    const run = resolveRun(lifecycle)
    expect(() => mergeChunks([runChunk(run, 0, 3), runChunk(run, 4, 6)])).toThrow(RangeError)
    expect(() => mergeChunks([])).toThrow(RangeError)
  })

  it('planChunks and chunkRanges cover [0, trials) contiguously', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 64 }), (trials, k) => {
        for (const ranges of [planChunks(trials, k), chunkRanges(trials, k * 997)]) {
          expect(ranges[0]![0]).toBe(0)
          expect(ranges[ranges.length - 1]![1]).toBe(trials)
          for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1])
          for (const [a, b] of ranges) expect(b).toBeGreaterThan(a)
        }
      }),
      { seed: 7, numRuns: 200 },
    )
  })
})

describe('common random numbers', () => {
  it('two identical configs compare with mean difference exactly 0 and P(A beats B) = 0.5', () => {
    const c = { ...lifecycle, run: { ...lifecycle.run, trials: 300 } }
    const r = compareConfigs([c, c])
    const p = r.pairs[0]!
    expect(p.netTvpi.mean).toBe(0)
    expect(p.netTvpi.se).toBe(0)
    expect(p.netIrr.mean).toBe(0)
    expect(p.probABeatsB.value).toBe(0.5)
    expect(resultDigest(r.runs[0])).toBe(resultDigest(r.runs[1]))
  })

  it('the comparison runs every config on the first config\'s seed and trial count', () => {
    const a = { ...lifecycle, run: { ...lifecycle.run, trials: 200, seed: 1 } }
    const b = { ...lifecycle, run: { ...lifecycle.run, trials: 50, seed: 2 } }
    const r = compareConfigs([a, b])
    expect(r.trials).toBe(200)
    expect(r.runs[1]!.trials).toBe(200)
    expect(r.runs[1]!.seed).toBe('1')
    expect(r.pairs[0]!.netTvpi.mean).toBe(0)
  })

  it('strategies that differ only in sector weights see the same market path (same public index in every trial)', () => {
    // Power-law companies whose flows are the same in every trial (one-point buckets, fixed holding):
    // the only random input left in a trial is the market path, which the PME reads through the
    // index. Under common random numbers, trial i of A and trial i of B have the same index path,
    // so the same PME; across trials the index (with regimes switching) differs.
    const pl = (sectorWeights: Record<string, number>) =>
      config({
        strategy: { sectorWeights, stageWeights: { seed: 1 }, chequeSize: { seed: 2 } },
        companies: { model: 'power_law', powerLaw: { kind: 'buckets', buckets: [{ low: 2, high: 2, probability: 1 }], holdingYears: { median: 4, sigma: 0 } } },
        run: { trials: 200, seed: 5 },
      })
    const a = runResolved(resolveRun(pl({ generalist: 1 })))
    const b = runResolved(resolveRun(pl({ ai: 0.5, biotech: 0.25, quantum: 0.25 })))
    expect(Array.from(b.values.pme)).toEqual(Array.from(a.values.pme))
    expect(Array.from(b.values.netTvpi)).toEqual(Array.from(a.values.netTvpi))
    expect(new Set(a.values.pme).size).toBeGreaterThan(150)
    const r = compareConfigs([pl({ generalist: 1 }), pl({ ai: 0.5, biotech: 0.5 })])
    expect(r.pairs[0]!.netTvpi.mean).toBe(0)
    expect(r.pairs[0]!.probABeatsB.value).toBe(0.5)
  })

  it('a lifecycle strategy change (sector weights) leaves paired outcomes positively correlated', () => {
    // Same market futures ⇒ paired net TVPIs co-move. With independent futures the sample correlation
    // of 400 pairs would be within ±4/√400 = ±0.2 of 0; we require more than that.
    const base = { market: { regimes: { meanYears: { boom: 3, normal: 3, bust: 3 } }, factors: { withinSector: 0.5, acrossSector: 0.4 } }, run: { trials: 400, seed: 3 } }
    const x = runResolved(resolveRun(config({ ...base, strategy: { sectorWeights: { generalist: 1 } } }))).values.netTvpi
    const y = runResolved(resolveRun(config({ ...base, strategy: { sectorWeights: { ai: 1 } } }))).values.netTvpi
    const mx = x.reduce((s, v) => s + v, 0) / x.length
    const my = y.reduce((s, v) => s + v, 0) / y.length
    let sxy = 0
    let sxx = 0
    let syy = 0
    for (let i = 0; i < x.length; i++) {
      sxy += (x[i]! - mx) * (y[i]! - my)
      sxx += (x[i]! - mx) ** 2
      syy += (y[i]! - my) ** 2
    }
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.2)
  })

  it('trial streams depend only on (seed, trial, purpose)', () => {
    const draw = (s: ReturnType<typeof createTrialStreams>) => [s.market.uniform(), s.deals.uniform(), s.companies.uniform(), s.market.normal()]
    expect(draw(createTrialStreams('x', 3))).toEqual(draw(createTrialStreams('x', 3)))
    const d = draw(createTrialStreams('x', 3))
    expect(draw(createTrialStreams('x', 4))).not.toEqual(d)
    expect(draw(createTrialStreams('y', 3))).not.toEqual(d)
    expect(new Set(d.slice(0, 3)).size).toBe(3)
  })
})

describe('ExactSum (what makes merged sums split-independent)', () => {
  it('adds exactly: 1e100 + 1 − 1e100 = 1 and ten 0.1s round to 1', () => {
    expect(+new ExactSum().add(1e100).add(1).add(-1e100)).toBe(1)
    const s = new ExactSum()
    for (let i = 0; i < 10; i++) s.add(0.1)
    expect(+s).toBe(1)
  })

  it('any order and any grouping give the same double', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 59 }),
        (xs, cut) => {
          const whole = new ExactSum()
          for (const x of xs) whole.add(x)
          const rev = new ExactSum()
          for (const x of [...xs].reverse()) rev.add(x)
          const left = new ExactSum()
          const right = new ExactSum()
          xs.forEach((x, i) => (i < cut ? left : right).add(x))
          const grouped = new ExactSum().addAll(right).addAll(left)
          expect(+rev).toBe(+whole)
          expect(+grouped).toBe(+whole)
        },
      ),
      { seed: 11, numRuns: 300 },
    )
  })

  it('matches an exact integer sum (values on a 2^-20 grid, summed as BigInt)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { minLength: 1, maxLength: 50 }), (ints) => {
        const xs = ints.map((k) => k / 2 ** 20)
        const s = new ExactSum()
        for (const x of xs) s.add(x)
        const exact = ints.reduce((a, k) => a + BigInt(k), 0n)
        expect(+s).toBe(Number(exact) / 2 ** 20)
      }),
      { seed: 12, numRuns: 200 },
    )
  })
})
