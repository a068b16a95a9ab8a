import { describe, expect, it } from 'vitest'
import { createRng, createTrialStreams } from '@pcsim/engine'
import { binomialSe, withinSe } from './helpers.ts'

/** Standard normal CDF by Simpson's rule on the density (independent of the engine's approximations). */
function phi(x: number): number {
  const f = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI)
  const a = -12
  const n = 20_000
  const h = (x - a) / n
  let s = f(a) + f(x)
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h)
  return (s * h) / 3
}

describe('createRng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = createRng('s')
    const b = createRng('s')
    const c = createRng('t')
    const xs = Array.from({ length: 5 }, () => [a.uniform(), a.normal()])
    expect(Array.from({ length: 5 }, () => [b.uniform(), b.normal()])).toEqual(xs)
    expect(Array.from({ length: 5 }, () => [c.uniform(), c.normal()])).not.toEqual(xs)
  })

  it('uniforms(out, n) and normals(out, n) give the numbers of n single draws and leave the stream where they would', () => {
    const a = createRng('bulk')
    const b = createRng('bulk')
    const u = new Float64Array(40)
    const z = new Float64Array(300)
    a.uniforms(u, 37)
    a.normals(z, 300)
    const singles = [...Array.from({ length: 37 }, () => b.uniform()), ...Array.from({ length: 300 }, () => b.normal())]
    expect([...u.subarray(0, 37), ...z]).toEqual(singles)
    expect(u[37]).toBe(0)
    expect(a.uniform()).toBe(b.uniform())
    expect(a.normal()).toBe(b.normal())
  })

  it('trial streams are the string-seeded streams "seed/trial/m|d|c" (seeded with the shared prefix hashed once)', () => {
    for (const [seed, trial] of [['1', 0], ['7', 123_456], ['', 5]] as const) {
      const streams = createTrialStreams(seed, trial)
      for (const [purpose, rng] of [['m', streams.market], ['d', streams.deals], ['c', streams.companies]] as const) {
        const alone = createRng(`${seed}/${trial}/${purpose}`)
        expect(Array.from({ length: 4 }, () => [rng.uniform(), rng.normal()])).toEqual(Array.from({ length: 4 }, () => [alone.uniform(), alone.normal()]))
      }
    }
  })

  it('uniforms lie in (0, 1) with mean 1/2 and variance 1/12 (4 SE)', () => {
    const rng = createRng('uniform-moments')
    const n = 1_000_000
    let s = 0
    let s2 = 0
    let lo = 1
    let hi = 0
    const deciles = new Array<number>(10).fill(0)
    for (let i = 0; i < n; i++) {
      const u = rng.uniform()
      s += u
      s2 += u * u
      lo = Math.min(lo, u)
      hi = Math.max(hi, u)
      deciles[Math.floor(u * 10)]!++
    }
    expect(lo).toBeGreaterThan(0)
    expect(hi).toBeLessThan(1)
    // Var(U) = 1/12 ⇒ SE(mean) = √(1/12/n); Var(U²) = 1/5 − 1/9 = 4/45 ⇒ SE(mean of U²) = √(4/45/n)
    let w = withinSe(s / n, 0.5, Math.sqrt(1 / 12 / n))
    expect(w.ok, w.message).toBe(true)
    w = withinSe(s2 / n, 1 / 3, Math.sqrt(4 / 45 / n))
    expect(w.ok, w.message).toBe(true)
    for (const d of deciles) {
      w = withinSe(d / n, 0.1, binomialSe(0.1, n))
      expect(w.ok, w.message).toBe(true)
    }
  })

  it('normals (ziggurat) match the standard normal CDF at body and tail points, within 4 binomial SE', () => {
    const rng = createRng('normal-cdf')
    const n = 2_000_000
    // 3.4426… is where the ziggurat's base strip ends and its exact tail algorithm starts
    const points = [-4, -3.5, -3.442619855899, -3, -2, -1, -0.25, 0, 0.25, 1, 2, 3, 3.442619855899, 3.5, 4]
    const below = new Array<number>(points.length).fill(0)
    let s = 0
    let s2 = 0
    let ez = 0
    for (let i = 0; i < n; i++) {
      const z = rng.normal()
      s += z
      s2 += z * z
      ez += Math.exp(0.5 * z)
      for (let k = 0; k < points.length; k++) if (z < points[k]!) below[k]!++
    }
    points.forEach((x, k) => {
      const p = phi(x)
      const w = withinSe(below[k]! / n, p, binomialSe(p, n))
      expect(w.ok, `P(Z < ${x}): ${w.message}`).toBe(true)
    })
    // E[Z] = 0 (SE 1/√n), E[Z²] = 1 (Var Z² = 2), E[e^{Z/2}] = e^{1/8} (Var = e^{1/2} − e^{1/4})
    let w = withinSe(s / n, 0, 1 / Math.sqrt(n))
    expect(w.ok, w.message).toBe(true)
    w = withinSe(s2 / n, 1, Math.sqrt(2 / n))
    expect(w.ok, w.message).toBe(true)
    w = withinSe(ez / n, Math.exp(1 / 8), Math.sqrt((Math.exp(0.5) - Math.exp(0.25)) / n))
    expect(w.ok, w.message).toBe(true)
  })

  it('successive normals are uncorrelated (lag-1 correlation within 4/√n)', () => {
    const rng = createRng('normal-lag')
    const n = 500_000
    let prev = rng.normal()
    let sxy = 0
    for (let i = 0; i < n; i++) {
      const z = rng.normal()
      sxy += prev * z
      prev = z
    }
    expect(Math.abs(sxy / n)).toBeLessThan(4 / Math.sqrt(n))
  })
})

describe('createTrialStreams', () => {
  const n = 200_000

  it('the first draws of consecutive trials are uniform by decile (4 SE) and never repeat as a pair', () => {
    const deciles = new Array<number>(10).fill(0)
    const pairs = new Set<string>()
    for (let t = 0; t < n; t++) {
      const s = createTrialStreams('7', t)
      const u = s.companies.uniform()
      deciles[Math.floor(u * 10)]!++
      pairs.add(`${u},${s.companies.uniform()}`)
    }
    for (const d of deciles) {
      const w = withinSe(d / n, 0.1, binomialSe(0.1, n))
      expect(w.ok, w.message).toBe(true)
    }
    // a repeated pair would mean two trials share a stream (chance of a true repeat: ~n²/2^65)
    expect(pairs.size).toBe(n)
  })

  it('neighbouring trials, the three purposes and neighbouring seeds are uncorrelated (|r| within 4/√n)', () => {
    const centred = (u: number) => u - 0.5
    let trialLag = 0
    let purposes = 0
    let seeds = 0
    let prev = centred(createTrialStreams('7', 0).market.uniform())
    for (let t = 1; t <= n; t++) {
      const s = createTrialStreams('7', t)
      const m = centred(s.market.uniform())
      trialLag += m * prev
      purposes += m * centred(s.deals.uniform()) + m * centred(s.companies.uniform())
      seeds += m * centred(createTrialStreams('8', t).market.uniform())
      prev = m
    }
    // Var(U − 1/2) = 1/12, so a product of two independent ones has variance 1/144: r = 12·mean
    expect(Math.abs((12 * trialLag) / n)).toBeLessThan(4 / Math.sqrt(n))
    expect(Math.abs((12 * purposes) / (2 * n))).toBeLessThan(4 / Math.sqrt(n))
    expect(Math.abs((12 * seeds) / n)).toBeLessThan(4 / Math.sqrt(n))
  })

  it('trials past 2^32 get their own streams', () => {
    const a = createTrialStreams('7', 5).market.uniform()
    expect(createTrialStreams('7', 5 + 2 ** 32).market.uniform()).not.toBe(a)
  })
})

describe('hashUniform', () => {
  it('is uniform on [0, 1) over trials and companies, and its purposes are independent', async () => {
    const { hashUniform } = await import('../../packages/engine/src/random/hash-uniform.ts')
    const n = 200_000
    const bins = new Array<number>(10).fill(0)
    let both = 0
    for (let i = 0; i < n; i++) {
      const salt = (i * 2654435761) >>> 0
      const u = hashUniform(salt, i % 97, 0)
      const v = hashUniform(salt, i % 97, 16)
      expect(u >= 0 && u < 1).toBe(true)
      bins[Math.floor(u * 10)]! += 1
      if (u < 0.3 && v < 0.3) both++
    }
    // each bin holds 10% of draws within 4 binomial standard errors
    const se = Math.sqrt(0.1 * 0.9 * n)
    for (const b of bins) expect(Math.abs(b - 0.1 * n)).toBeLessThan(4 * se)
    // P(u < 0.3 and v < 0.3) = 0.09 if the two purposes are independent
    expect(Math.abs(both - 0.09 * n)).toBeLessThan(4 * Math.sqrt(0.09 * 0.91 * n))
  })
})
