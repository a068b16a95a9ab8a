import { boundedPareto, boundedParetoMean, boundedParetoSecondMoment } from '../random/distributions.ts'
import type { Rng } from '../random/rng.ts'
import type { PowerLaw } from '../schema/companies.ts'

/** One deal's gross multiple in the textbook model: a shifted bounded Pareto or an outcome bucket. */
export function drawPowerLawMultiple(rng: Rng, p: PowerLaw): number {
  if (p.kind === 'pareto') return Math.max(0, boundedPareto(rng.uniform(), p.alpha, p.low, p.high) - p.shift)
  const total = p.buckets.reduce((a, b) => a + b.probability, 0)
  const u = rng.uniform() * total
  const v = rng.uniform()
  let acc = 0
  for (const b of p.buckets) {
    acc += b.probability
    if (u < acc) return b.low + v * (b.high - b.low)
  }
  const b = p.buckets[p.buckets.length - 1]!
  return b.low + v * (b.high - b.low)
}

/** Closed-form mean and variance of the power-law deal multiple. */
export function powerLawMoments(p: PowerLaw): { mean: number; variance: number } {
  if (p.kind === 'pareto') {
    const m1 = boundedParetoMean(p.alpha, p.low, p.high)
    const m2 = boundedParetoSecondMoment(p.alpha, p.low, p.high)
    return { mean: m1 - p.shift, variance: m2 - m1 * m1 }
  }
  const total = p.buckets.reduce((a, b) => a + b.probability, 0)
  let mean = 0
  let second = 0
  for (const b of p.buckets) {
    const w = b.probability / total
    mean += (w * (b.low + b.high)) / 2
    second += (w * (b.low * b.low + b.low * b.high + b.high * b.high)) / 3
  }
  return { mean, variance: second - mean * mean }
}
