import { drawPowerLawMultiple, powerLawMoments } from '../model/power-law.ts'
import { boundedParetoQuantile } from '../random/distributions.ts'
import { createRng } from '../random/rng.ts'
import type { PowerLaw } from '../schema/companies.ts'
import { describe, probability, type Distribution, type Probability } from '../stats/describe.ts'

export interface PortfolioStudyRow {
  deals: number
  /** Gross multiple of an equal-weighted portfolio of `deals` power-law deals. */
  multiple: Distribution
  probLoss: Probability
  probAtLeast2x: Probability
  probAtLeast3x: Probability
}

export interface PortfolioStudy {
  seed: string
  trials: number
  /** Closed-form mean and standard deviation of one deal's multiple. */
  deal: { mean: number; sd: number }
  rows: PortfolioStudyRow[]
}

const BLOCK = 256

/**
 * Multiples of `trials` equal-weighted portfolios of `deals` power-law deals, trials [start,
 * start + trials). Draws come in blocks of 256 trials, one stream per block, deal-major inside it
 * (deal d of trial j is draw d·256 + j), so any chunking gives the same numbers and the first n deals
 * of a larger portfolio are exactly the n-deal portfolio (nested common random numbers).
 */
export function portfolioMultiples(p: PowerLaw, deals: number, trials: number, seed: string, start = 0): Float64Array {
  const out = new Float64Array(trials)
  const sums = new Float64Array(BLOCK)
  const span = 1 - Math.pow(p.low / p.high, p.alpha)
  const k = -1 / p.alpha
  const { low, shift } = p
  const end = start + trials
  for (let block = Math.floor(start / BLOCK); block * BLOCK < end; block++) {
    const rng = createRng(`${seed}/p/${block}`)
    sums.fill(0)
    for (let d = 0; d < deals; d++) {
      if (p.kind === 'pareto') for (let j = 0; j < BLOCK; j++) sums[j]! += Math.max(0, boundedParetoQuantile(rng.uniform(), low, span, k) - shift)
      else for (let j = 0; j < BLOCK; j++) sums[j]! += drawPowerLawMultiple(rng, p)
    }
    const from = Math.max(start, block * BLOCK)
    const to = Math.min(end, (block + 1) * BLOCK)
    for (let t = from; t < to; t++) out[t - start] = sums[t - block * BLOCK]! / deals
  }
  return out
}

/**
 * The diversification study behind "why does a 10-company fund lose more often than a 100-company
 * fund?": the distribution of a portfolio's gross multiple for several portfolio sizes, same draws.
 */
export function portfolioStudy(p: PowerLaw, sizes: number[], trials: number, seed: string): PortfolioStudy {
  const m = powerLawMoments(p)
  const rows = sizes.map((deals) => {
    const x = portfolioMultiples(p, deals, trials, seed)
    const count = (f: (v: number) => boolean) => x.reduce((a, v) => a + (f(v) ? 1 : 0), 0)
    return {
      deals,
      multiple: describe(x)!,
      probLoss: probability(count((v) => v < 1), trials),
      probAtLeast2x: probability(count((v) => v >= 2), trials),
      probAtLeast3x: probability(count((v) => v >= 3), trials),
    }
  })
  return { seed, trials, deal: { mean: m.mean, sd: Math.sqrt(Math.max(0, m.variance)) }, rows }
}
