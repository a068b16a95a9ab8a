import { quantileSorted } from '../stats/describe.ts'
import type { Estimate } from './types.ts'

/** Mean of independent replicates and its standard error (sd with K − 1, over √K). */
export function replicateEstimate(xs: readonly number[]): Estimate {
  const k = xs.length
  if (k === 0) return { value: Number.NaN, se: Number.NaN }
  const mean = xs.reduce((a, b) => a + b, 0) / k
  if (k === 1) return { value: mean, se: Number.NaN }
  const ss = xs.reduce((a, b) => a + (b - mean) ** 2, 0)
  return { value: mean, se: Math.sqrt(ss / (k - 1) / k) }
}

/**
 * A statistic of n independent trials and its standard error by batch means: the statistic of the
 * whole sample, with the spread of the same statistic over `groups` contiguous groups (sd / √groups).
 * Works for shares, means and quantiles alike.
 */
export function groupedEstimate(n: number, groups: number, stat: (from: number, to: number) => number): Estimate {
  const k = Math.max(2, Math.min(groups, n))
  const parts = Array.from({ length: k }, (_, g) => stat(Math.floor((g * n) / k), Math.floor(((g + 1) * n) / k)))
  const spread = replicateEstimate(parts)
  return { value: stat(0, n), se: spread.se }
}

/** Share of values[from, to) that satisfy `test`. */
export function shareWhere(values: ArrayLike<number>, from: number, to: number, test: (x: number) => boolean): number {
  let hits = 0
  for (let i = from; i < to; i++) if (test(values[i]!)) hits++
  return to > from ? hits / (to - from) : Number.NaN
}

export function meanOf(values: ArrayLike<number>, from: number, to: number): number {
  let s = 0
  for (let i = from; i < to; i++) s += values[i]!
  return to > from ? s / (to - from) : Number.NaN
}

/**
 * Quantile p (type 7) of values[from, to) where NaN means "never happened" and ranks above every
 * number; +∞ when the quantile falls among (or next to) the nevers.
 */
export function quantileOrNever(values: ArrayLike<number>, from: number, to: number, p: number): number {
  if (to <= from) return Number.NaN
  const sorted = new Float64Array(to - from)
  for (let i = from; i < to; i++) sorted[i - from] = Number.isNaN(values[i]!) ? Number.POSITIVE_INFINITY : values[i]!
  sorted.sort()
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  const hi = Math.min(sorted.length - 1, lo + 1)
  if (!Number.isFinite(sorted[hi]!)) return h === lo && Number.isFinite(sorted[lo]!) ? sorted[lo]! : Number.POSITIVE_INFINITY
  return quantileSorted(sorted, p)
}
