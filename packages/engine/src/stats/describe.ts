/** Percentiles every distribution reports. */
export const PERCENTILES = [1, 5, 10, 25, 50, 75, 90, 95, 99] as const

export interface Distribution {
  n: number
  mean: number
  sd: number
  /** Monte Carlo standard error of the mean. */
  se: number
  min: number
  max: number
  p1: number
  p5: number
  p10: number
  p25: number
  p50: number
  p75: number
  p90: number
  p95: number
  p99: number
  /** Monte Carlo standard error of each percentile (binomial order-statistic method). */
  percentileSe: Record<`p${(typeof PERCENTILES)[number]}`, number>
}

export interface Probability {
  value: number
  se: number
}

export type NumericArray = Float64Array | Uint16Array | Uint32Array

/** Quantile of sorted data, linear interpolation between order statistics (Hyndman–Fan type 7). */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length
  if (n === 0) return 0
  const h = (n - 1) * p
  const lo = Math.floor(h)
  const hi = Math.min(n - 1, lo + 1)
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!)
}

/** The finite values of `data`, sorted ascending. */
export function sortedFinite(data: NumericArray): Float64Array {
  let n = 0
  for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i]!)) n++
  const out = new Float64Array(n)
  let j = 0
  for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i]!)) out[j++] = data[i]!
  return out.sort()
}

/** Mean, standard deviation (n − 1), standard error, percentiles with their standard errors. */
export function describeSorted(sorted: Float64Array): Distribution | null {
  const n = sorted.length
  if (n === 0) return null
  let mean = 0
  for (let i = 0; i < n; i++) mean += (sorted[i]! - mean) / (i + 1)
  let ss = 0
  for (let i = 0; i < n; i++) ss += (sorted[i]! - mean) ** 2
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0
  const d = {
    n,
    mean,
    sd,
    se: sd / Math.sqrt(n),
    min: sorted[0]!,
    max: sorted[n - 1]!,
    percentileSe: {} as Distribution['percentileSe'],
  } as Distribution
  for (const p of PERCENTILES) {
    const f = p / 100
    const key = `p${p}` as const
    d[key] = quantileSorted(sorted, f)
    const spread = Math.sqrt((f * (1 - f)) / n)
    const h = Math.min(Math.max(0.005, 2 * spread), f, 1 - f)
    const slope = h > 0 ? (quantileSorted(sorted, Math.min(1, f + h)) - quantileSorted(sorted, Math.max(0, f - h))) / (2 * h) : 0
    d.percentileSe[key] = slope * spread
  }
  return d
}

export const describe = (data: NumericArray): Distribution | null => describeSorted(sortedFinite(data))

export function probability(hits: number, n: number): Probability {
  const value = n > 0 ? hits / n : 0
  return { value, se: n > 0 ? Math.sqrt((value * (1 - value)) / n) : 0 }
}

export interface IrrDistribution extends Distribution {
  /** Share of trials whose IRR does not exist (no sign change in the cash flows). */
  undefinedShare: number
  /** Share of trials that lost everything (IRR −100%). */
  totalLossShare: number
}

/** An IRR distribution over the trials where it exists, with how many lack one or lost everything. */
export function describeIrr(values: Float64Array): IrrDistribution | null {
  const n = values.length
  let undef = 0
  let loss = 0
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i]!)) undef++
    else if (values[i] === -1) loss++
  }
  const d = describe(values)
  return d ? { ...d, undefinedShare: n ? undef / n : 0, totalLossShare: n ? loss / n : 0 } : null
}
