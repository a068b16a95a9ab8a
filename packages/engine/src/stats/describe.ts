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

/** The finite values of `data`, sorted ascending (in `scratch` when it is long enough). */
export function sortedFinite(data: NumericArray, scratch?: Float64Array): Float64Array {
  return finite(data, scratch).sort()
}

/** The quantile levels a distribution reads: each percentile and the two points its SE's slope uses. */
function levels(n: number): Array<{ key: `p${(typeof PERCENTILES)[number]}`; f: number; below: number; above: number; spread: number; h: number }> {
  return PERCENTILES.map((p) => {
    const f = p / 100
    const spread = Math.sqrt((f * (1 - f)) / n)
    const h = Math.min(Math.max(0.005, 2 * spread), f, 1 - f)
    return { key: `p${p}` as const, f, below: Math.max(0, f - h), above: Math.min(1, f + h), spread, h }
  })
}

/** n, mean (a running mean, in the order given), standard deviation (n − 1) and standard error of finite values. */
export interface Moments {
  n: number
  mean: number
  sd: number
  se: number
}

/** The moments every distribution reports; the one place they are computed. */
function momentsOf(values: NumericArray): Moments {
  const n = values.length
  let mean = 0
  for (let i = 0; i < n; i++) mean += (values[i]! - mean) / (i + 1)
  let ss = 0
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0
  return { n, mean, sd, se: sd / Math.sqrt(n) }
}

/** Mean, standard deviation (n − 1), standard error, percentiles with their standard errors, given
 * the values (finite) in any order and a way to read a quantile of them. */
function distribution(values: Float64Array, quantile: (p: number) => number, min: number, max: number): Distribution | null {
  if (values.length === 0) return null
  return withPercentiles({ ...momentsOf(values), min, max, percentileSe: {} as Distribution['percentileSe'] } as Distribution, quantile)
}

/** Sets the percentiles of `d` and their standard errors from `quantile`. */
function withPercentiles(d: Distribution, quantile: (p: number) => number): Distribution {
  for (const { key, f, below, above, spread, h } of levels(d.n)) {
    d[key] = quantile(f)
    const slope = h > 0 ? (quantile(above) - quantile(below)) / (2 * h) : 0
    d.percentileSe[key] = slope * spread
  }
  return d
}

/** Mean, standard deviation (n − 1), standard error, percentiles with their standard errors. */
export function describeSorted(sorted: Float64Array): Distribution | null {
  const n = sorted.length
  return distribution(sorted, (p) => quantileSorted(sorted, p), sorted[0]!, sorted[n - 1]!)
}

function finiteCount(data: NumericArray): number {
  let n = 0
  for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i]!)) n++
  return n
}

/** The finite values of `data` in trial order, in `scratch` (when it is long enough) or a new array. */
function finite(data: NumericArray, scratch?: Float64Array): Float64Array {
  const n = finiteCount(data)
  const out = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n)
  if (n === data.length) out.set(data)
  else for (let i = 0, j = 0; i < data.length; i++) if (Number.isFinite(data[i]!)) out[j++] = data[i]!
  return out
}

/**
 * describe's n, mean, sd and se alone, bit for bit, without the percentiles (no copy and no
 * selection when every value is finite): what a mean with its standard error needs.
 */
export function moments(data: NumericArray): Moments | null {
  const values = finiteCount(data) === data.length ? data : finite(data)
  return values.length === 0 ? null : momentsOf(values)
}

/**
 * The same distribution as describeSorted of the sorted values, without sorting them: the order
 * statistics the percentiles read are found by one multi-quickselect (O(n log k) for k of them,
 * against O(n log n) for a sort). Mean and sd are summed in trial order, so they can differ from
 * the sorted-order sums of describeSorted in the last bits; the percentiles are identical.
 * `scratch` (at least as long as `data`): where the finite values are copied and rearranged, so a
 * caller describing many columns allocates one buffer rather than one per column.
 */
export function describe(data: NumericArray, scratch?: Float64Array): Distribution | null {
  const values = finite(data, scratch)
  const n = values.length
  if (n === 0) return null
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < n; i++) {
    const x = values[i]!
    if (x < min) min = x
    if (x > max) max = x
  }
  const wanted = new Set<number>()
  const positions = (p: number) => {
    const h = (n - 1) * p
    const lo = Math.floor(h)
    return [lo, Math.min(n - 1, lo + 1)]
  }
  for (const l of levels(n)) for (const p of [l.f, l.below, l.above]) for (const k of positions(p)) wanted.add(k)
  // mean and sd first, in trial order; then the same buffer is rearranged by the selection
  const d = distribution(values, () => 0, min, max)!
  selectOrderStatistics(values, [...wanted].sort((a, b) => a - b))
  const quantile = (p: number) => quantileSorted(values, p)
  return withPercentiles(d, quantile)
}

/**
 * Rearranges `a` in place so that a[k] is its k-th smallest value for every k in `ks` (ascending):
 * quickselect with a three-way partition (many equal values, such as zero multiples, cost nothing)
 * that recurses only into the parts holding a wanted position.
 */
export function selectOrderStatistics(a: Float64Array, ks: readonly number[]): void {
  const stack: number[] = [0, a.length - 1, 0, ks.length]
  while (stack.length) {
    const kHi = stack.pop()!
    const kLo = stack.pop()!
    const hi = stack.pop()!
    const lo = stack.pop()!
    if (kLo >= kHi || lo >= hi) continue
    if (hi - lo < 24) {
      for (let i = lo + 1; i <= hi; i++) {
        const x = a[i]!
        let j = i - 1
        while (j >= lo && a[j]! > x) {
          a[j + 1] = a[j]!
          j--
        }
        a[j + 1] = x
      }
      continue
    }
    // median of three as the pivot
    const mid = lo + ((hi - lo) >> 1)
    const x = a[lo]!
    const y = a[mid]!
    const z = a[hi]!
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y
    // Dijkstra's three-way partition: [lo, lt) < pivot, [lt, gt] = pivot, (gt, hi] > pivot
    let lt = lo
    let gt = hi
    let i = lo
    while (i <= gt) {
      const v = a[i]!
      if (v < pivot) {
        a[i] = a[lt]!
        a[lt] = v
        lt++
        i++
      } else if (v > pivot) {
        a[i] = a[gt]!
        a[gt] = v
        gt--
      } else i++
    }
    let split = kLo
    while (split < kHi && ks[split]! < lt) split++
    let after = split
    while (after < kHi && ks[after]! <= gt) after++
    stack.push(lo, lt - 1, kLo, split, gt + 1, hi, after, kHi)
  }
}

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
export function describeIrr(values: Float64Array, scratch?: Float64Array): IrrDistribution | null {
  const n = values.length
  let undef = 0
  let loss = 0
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i]!)) undef++
    else if (values[i] === -1) loss++
  }
  const d = describe(values, scratch)
  return d ? { ...d, undefinedShare: n ? undef / n : 0, totalLossShare: n ? loss / n : 0 } : null
}
