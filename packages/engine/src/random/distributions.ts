import { exp, log } from './exp-log.ts'
import type { Rng } from './rng.ts'

/** Lognormal draw with the given median and log-space sigma. */
export function lognormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * rng.normal())
}

/** Bounded Pareto on [low, high] with shape alpha, by inverse CDF (one uniform per draw). */
export function boundedPareto(u: number, alpha: number, low: number, high: number): number {
  return boundedParetoQuantile(u, low, 1 - Math.pow(low / high, alpha), -1 / alpha)
}

/** The bounded Pareto's inverse CDF at u, given span = 1 − (low/high)^α and k = −1/α, for loops
 * that compute those once. x^k as exp(k·ln x) by the table-driven exp and log: under half the time
 * of Math.pow in V8, within 20 ulps of it. */
export function boundedParetoQuantile(u: number, low: number, span: number, k: number): number {
  return low * exp(k * log(1 - u * span))
}

/** Closed-form mean of the bounded Pareto on [low, high]. */
export function boundedParetoMean(alpha: number, low: number, high: number): number {
  const ratio = Math.pow(low / high, alpha)
  if (Math.abs(alpha - 1) < 1e-12) return (low * Math.log(high / low)) / (1 - low / high)
  return (alpha * low * (1 - Math.pow(low / high, alpha - 1))) / ((alpha - 1) * (1 - ratio))
}

/** Closed-form second moment of the bounded Pareto on [low, high]. */
export function boundedParetoSecondMoment(alpha: number, low: number, high: number): number {
  const ratio = Math.pow(low / high, alpha)
  if (Math.abs(alpha - 2) < 1e-12) return (2 * low * low * Math.log(high / low)) / (1 - ratio)
  return (alpha * Math.pow(low, alpha) * (Math.pow(high, 2 - alpha) - Math.pow(low, 2 - alpha))) / ((2 - alpha) * (1 - ratio))
}

/** Standard normal CDF, Abramowitz & Stegun 26.2.17 (absolute error below 7.5e-8), enough for
 * outcome thresholds and for the wait-time table of the expected-value plan. */
export function normalCdf(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.2316419 * z)
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))))
  const tail = 0.3989422804014327 * Math.exp(-0.5 * z * z) * poly
  return x >= 0 ? 1 - tail : tail
}

/**
 * normalCdf on a grid, for callers that only compare normalCdf(x) with thresholds: for x in
 * [CDF_GRID_LO + k / CDF_GRID_SCALE, CDF_GRID_LO + (k + 1) / CDF_GRID_SCALE], normalCdf(x) lies in
 * [NORMAL_CDF_GRID[k] − CDF_GRID_SLACK, NORMAL_CDF_GRID[k + 1] + CDF_GRID_SLACK], k < CDF_GRID_CELLS.
 * The approximation is within 7.5e-8 of the increasing Φ, so the slack covers its wiggles and its
 * step at 0; a threshold outside the bracket is decided without the exponential.
 */
export const CDF_GRID_LO = -6
export const CDF_GRID_SCALE = 64
export const CDF_GRID_CELLS = 12 * CDF_GRID_SCALE
export const CDF_GRID_SLACK = 1e-6
export const NORMAL_CDF_GRID = Float64Array.from({ length: CDF_GRID_CELLS + 1 }, (_, k) => normalCdf(CDF_GRID_LO + k / CDF_GRID_SCALE))

/** Lognormal CDF at x for the given median and sigma. */
export function lognormalCdf(x: number, median: number, sigma: number): number {
  if (x <= 0) return 0
  if (sigma === 0) return x >= median ? 1 : 0
  return normalCdf(Math.log(x / median) / sigma)
}
