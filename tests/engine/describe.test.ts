import { describe as suite, expect, it } from 'vitest'
import { createRng } from '@pcsim/engine'
import { ExactSum } from '../../packages/engine/src/stats/exact-sum.ts'
import { describe, describeSorted, finiteForQuantiles, moments, quantileSorted, selectOrderStatistics } from '../../packages/engine/src/stats/describe.ts'

const KEYS = ['p1', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99'] as const

/** Samples with the shapes real metrics have: continuous, heavy ties (a mass at zero), integers, non-finite values. */
function sample(kind: string, n: number): Float64Array {
  const rng = createRng(`describe-${kind}-${n}`)
  return Float64Array.from({ length: n }, (_, i) => {
    const u = rng.uniform()
    if (kind === 'continuous') return Math.exp(2 * rng.normal())
    if (kind === 'ties') return u < 0.6 ? 0 : u < 0.7 ? 1 : rng.uniform() * 3
    if (kind === 'integers') return Math.floor(u * 5)
    return i % 17 === 0 ? NaN : i % 29 === 0 ? Infinity : rng.normal()
  })
}

suite('describe by selection', () => {
  for (const kind of ['continuous', 'ties', 'integers', 'non-finite'])
    for (const n of [1, 2, 3, 24, 25, 1_000, 100_001])
      it(`${kind}, n = ${n}: percentiles, their SEs, min and max equal the full sort's bit for bit; mean and sd to 1e-12`, () => {
        const data = sample(kind, n)
        const sorted = data.filter(Number.isFinite).sort()
        const bySort = describeSorted(sorted)
        const bySelection = describe(data)
        if (!bySort) return expect(bySelection).toBeNull()
        expect(bySelection).not.toBeNull()
        const d = bySelection!
        expect(d.n).toBe(bySort.n)
        expect([d.min, d.max]).toEqual([bySort.min, bySort.max])
        for (const k of KEYS) {
          expect(d[k]).toBe(bySort[k])
          expect(d.percentileSe[k]).toBe(bySort.percentileSe[k])
        }
        const scale = Math.max(1, Math.abs(bySort.mean), bySort.sd)
        expect(Math.abs(d.mean - bySort.mean)).toBeLessThan(1e-12 * scale)
        expect(Math.abs(d.sd - bySort.sd)).toBeLessThan(1e-12 * scale)
      })

  it('selectOrderStatistics puts the k-th smallest value at every requested k and leaves a permutation', () => {
    const a = sample('ties', 50_000)
    const sorted = a.slice().sort()
    const ks = [0, 1, 7, 24_999, 25_000, 30_000, 49_998, 49_999]
    selectOrderStatistics(a, ks)
    for (const k of ks) expect(a[k]).toBe(sorted[k])
    expect(a.slice().sort()).toEqual(sorted)
  })

  for (const kind of ['continuous', 'ties', 'integers', 'non-finite'])
    it(`${kind}: moments are describe's n, mean, sd and se bit for bit; a scratch buffer changes nothing`, () => {
      const data = sample(kind, 10_007)
      const full = describe(data)!
      expect(moments(data)).toEqual({ n: full.n, mean: full.mean, sd: full.sd, se: full.se })
      const scratch = new Float64Array(data.length + 5).fill(-7)
      expect(describe(data, scratch)).toEqual(full)
      expect(describe(data, new Float64Array(3))).toEqual(full) // too short: a buffer of its own
    })

  for (const kind of ['continuous', 'ties', 'integers', 'non-finite'])
    for (const n of [1, 2, 30, 10_007])
      it(`${kind}, n = ${n}: finiteForQuantiles reads the full sort's quantiles at its levels, bit for bit, in a scratch buffer or not`, () => {
        const data = sample(kind, n)
        const sorted = data.filter(Number.isFinite).sort()
        const ps = [0.05, 0.01, 0.001, 0.995]
        const selected = finiteForQuantiles(data, ps)
        const inScratch = finiteForQuantiles(data, ps, new Float64Array(n + 3).fill(-7))
        expect(selected.length).toBe(sorted.length)
        for (const p of ps) {
          expect(quantileSorted(selected, p)).toBe(quantileSorted(sorted, p))
          expect(quantileSorted(inScratch, p)).toBe(quantileSorted(sorted, p))
        }
        expect(selected.slice().sort()).toEqual(sorted) // a permutation of the finite values
      })

  it('a column of one value has exactly that mean and sd 0; a mean is the exactly rounded one to 1e-14', () => {
    for (const x of [0, 0.1, 1 / 3, 8.5e6, -2.75]) {
      const d = describe(new Float64Array(10_001).fill(x))!
      expect([d.mean, d.sd, d.se, d.p1, d.p99, d.percentileSe.p50]).toEqual([x, 0, 0, x, x, 0])
    }
    const data = sample('continuous', 100_001)
    const exact = data.reduce((s, x) => s.add(x), new ExactSum()).valueOf() / data.length
    expect(Math.abs(describe(data)!.mean - exact)).toBeLessThan(1e-14 * exact)
  })

  it('moments of a count column read the integers as they are: the same as describe of the same values as doubles', () => {
    const counts = Uint16Array.from(sample('integers', 5_003), (x) => x * 13)
    const d = describe(Float64Array.from(counts))!
    expect(moments(counts)).toEqual({ n: d.n, mean: d.mean, sd: d.sd, se: d.se })
    expect(moments(new Uint16Array(0))).toBeNull()
    expect(moments(Float64Array.of(Number.NaN, Infinity))).toBeNull()
  })
})
