import { describe, expect, it } from 'vitest'
import { simulateCohort } from '@pcsim/engine'
import { binomialSe, CALM, config } from './helpers.ts'

/**
 * Calibration benchmarks of reference/calibration.md §7, on fixed seeds.
 *
 * Tolerances = source noise + Monte Carlo error:
 *  - Source noise dominates. The published figures come from cohorts of ~1,000 companies (CB
 *    Insights) or ~21,000 financings (Correlation Ventures) in particular vintages; the three CB
 *    cohorts alone put "raised a second round" at 40%, 46% and 54%, exits at 21–22% and dead/zombie at
 *    75–77%. The bands below are the team's stated bands around those figures.
 *  - Monte Carlo error is small beside them but is still added: 4 binomial SE for a calm market
 *    (independent companies: at 40,000 companies 4·SE ≤ 1.0pp), and 4 SE of a clustered sample in the
 *    full-cycle market, measured from independent sub-cohorts (companies share one market path per
 *    batch of 50, so the binomial SE would understate it).
 */

const within = (got: number, lo: number, hi: number, mc: number, what: string) =>
  expect(got >= lo - mc && got <= hi + mc, `${what}: ${(100 * got).toFixed(2)}% outside [${(100 * (lo - mc)).toFixed(2)}%, ${(100 * (hi + mc)).toFixed(2)}%]`).toBe(true)

describe('benchmark 2: seed cohort, normal market, ~9 years (CB Insights 2014/2015/2017)', () => {
  const n = 40_000
  const r = simulateCohort(config({ market: CALM, run: { seed: 'benchmark-2' } }), { sector: 'generalist', stage: 'seed', companies: n, years: 9 })
  const mc = (p: number) => 4 * binomialSe(p, n)

  it('46% raise a second round (range 40–54%)', () => within(r.reached.a, 0.4, 0.54, mc(0.47), 'reached A'))
  it('14% ± 4pp raise a fourth round (Series C)', () => within(r.reached.c, 0.1, 0.18, mc(0.14), 'reached C'))
  it('21.5% ± 4.5pp exit by M&A or IPO', () => within(r.acquired + r.listed, 0.17, 0.26, mc(0.215), 'acquired + listed'))
  it('75% ± 6pp end dead, zombie or self-sustaining (failed + stalled)', () => within(r.failed + r.stalled, 0.69, 0.81, mc(0.75), 'failed + stalled'))
  it('at most 3% become unicorns (CB ~1% at 2009 valuations; Carta 2018 cohort ~2.3% of seeded companies)', () =>
    within(r.unicorns, 0, 0.03, mc(0.03), 'unicorns'))
})

describe('benchmark 1: financing-level multiples, full-cycle market, ~12 years (Correlation Ventures 2004–2013)', () => {
  // Count-weighted over every financing of a seed cohort (the seed round and every later round it
  // raises), each valued at the company's exit (stalled and still-alive companies at their mark).
  // Companies share market paths, so the Monte Carlo SE is measured, not assumed binomial: ten
  // independent sub-cohorts of 10,000 companies (10 × 200 market paths), SE = sd / √10.
  const K = 10
  const parts = Array.from({ length: K }, (_, i) =>
    simulateCohort(config({ run: { seed: `benchmark-1/${i}` } }), { sector: 'generalist', stage: 'seed', companies: 10_000, years: 12 }).financings,
  )
  const pooled = (f: (x: (typeof parts)[number]) => number) => {
    const xs = parts.map(f)
    const mean = xs.reduce((a, b) => a + b, 0) / K
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (K - 1))
    return { mean, mc: 4 * (sd / Math.sqrt(K)) }
  }

  it('uses enough financings', () => expect(parts.reduce((a, p) => a + p.count, 0)).toBeGreaterThan(150_000))
  it('65% ± 5pp of financings return below 1×', () => {
    const p = pooled((x) => x.below1x)
    within(p.mean, 0.6, 0.7, p.mc, 'below 1×')
  })
  it('10% ± 3pp return at least 5×', () => {
    const p = pooled((x) => x.atLeast5x)
    within(p.mean, 0.07, 0.13, p.mc, 'at least 5×')
  })
  // Marginal (see the report): the model sits at ~7.1% (12 seeds × 40,000 companies: 7.11% ± 0.05%),
  // on the upper edge of 4% ± 3pp and inside it only thanks to the Monte Carlo allowance.
  it('4% ± 3pp return at least 10×', () => {
    const p = pooled((x) => x.atLeast10x)
    within(p.mean, 0.01, 0.07, p.mc, 'at least 10×')
  })
})
