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

/**
 * The finite values of `data` (in `scratch` when it is long enough), rearranged so that
 * quantileSorted reads the same quantile at each level of `ps` as from the sorted values: the
 * order statistics it interpolates between are selected, not the whole array sorted.
 */
export function finiteForQuantiles(data: NumericArray, ps: readonly number[], scratch?: Float64Array): Float64Array {
  const values = finite(data, scratch)
  const n = values.length
  if (n === 0) return values
  const wanted = new Set<number>()
  for (const p of ps) addPositions(wanted, n, p)
  selectOrderStatistics(values, [...wanted].sort((a, b) => a - b))
  return values
}

/** The two order statistics (0-based) quantileSorted interpolates between at level p. */
function addPositions(wanted: Set<number>, n: number, p: number): void {
  const lo = Math.floor((n - 1) * p)
  wanted.add(lo).add(Math.min(n - 1, lo + 1))
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

/** n, mean, standard deviation (n − 1) and standard error of finite values. */
export interface Moments {
  n: number
  mean: number
  sd: number
  se: number
}

/** The moments every distribution reports; the one place they are computed. Both sums run in four
 * interleaved lanes, so no addition waits for the one before it (a running mean, as before engine
 * 3.2, divided at every step, each division waiting for the last). */
function momentsOf(values: NumericArray): Moments {
  const n = values.length
  // summed about the first value: a column of one value has exactly that mean and sd 0
  const first = values[0]!
  const mean = first + laneSum(values, n, false, first) / n
  const ss = laneSum(values, n, true, mean)
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0
  return { n, mean, sd, se: sd / Math.sqrt(n) }
}

/** Σ (values[i] − centre), or with `squares` Σ (values[i] − centre)²: four running sums over i mod 4, then added pairwise. */
function laneSum(values: NumericArray, n: number, squares: boolean, centre: number): number {
  let a = 0
  let b = 0
  let c = 0
  let d = 0
  let i = 0
  if (!squares) {
    for (; i + 3 < n; i += 4) {
      a += values[i]! - centre
      b += values[i + 1]! - centre
      c += values[i + 2]! - centre
      d += values[i + 3]! - centre
    }
    for (; i < n; i++) a += values[i]! - centre
  } else {
    for (; i + 3 < n; i += 4) {
      const x = values[i]! - centre
      const y = values[i + 1]! - centre
      const z = values[i + 2]! - centre
      const w = values[i + 3]! - centre
      a += x * x
      b += y * y
      c += z * z
      d += w * w
    }
    for (; i < n; i++) a += (values[i]! - centre) ** 2
  }
  return a + b + (c + d)
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
  if (!(data instanceof Float64Array)) return data.length // integer columns hold no NaN or infinity
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
  // mean and sd first, in trial order; then the same buffer is rearranged by the selection
  const min = lowest(values)
  const max = highest(values)
  const d = distribution(values, () => 0, min, max)!
  // one value throughout (a feature the run does not use): it is every order statistic
  if (min === max) return withPercentiles(d, () => min)
  selectOrderStatistics(values, wantedPositions(n))
  return withPercentiles(d, (p) => quantileSorted(values, p))
}

// the loops over a column live in small functions of their own: a loop V8 compiles on the stack
// (OSR) inside describe would carry describe's later code, unseen, and deoptimise there every call
function lowest(values: Float64Array): number {
  let min = Infinity
  for (let i = 0; i < values.length; i++) if (values[i]! < min) min = values[i]!
  return min
}

function highest(values: Float64Array): number {
  let max = -Infinity
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!
  return max
}

/** The order statistics (0-based, ascending, distinct) that the quantiles of `levels(n)` interpolate between. */
function wantedPositions(n: number): number[] {
  const wanted = new Set<number>()
  for (const l of levels(n)) for (const p of [l.f, l.below, l.above]) addPositions(wanted, n, p)
  return [...wanted].sort((a, b) => a - b)
}

/**
 * Rearranges `a` in place so that a[k] is its k-th smallest value for every k in `ks` (ascending):
 * quickselect that recurses only into the parts holding a wanted position. A part is split by
 * Hoare's partition (about half the writes of a three-way one), or, when its median-of-three
 * sample is one value three times (many equal values, such as zero multiples), by Dijkstra's
 * three-way partition, which settles every copy of that value in one pass.
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
      insertionSort(a, lo, hi)
      continue
    }
    const mid = lo + ((hi - lo) >> 1)
    const x = a[lo]!
    const y = a[mid]!
    const z = a[hi]!
    if (x === y && y === z) {
      // [lo, lt) < x, [lt, gt] = x, (gt, hi] > x
      const lt = partitionThreeWay(a, lo, hi, x)
      const gt = THREE_WAY_END[0]!
      let split = kLo
      while (split < kHi && ks[split]! < lt) split++
      let after = split
      while (after < kHi && ks[after]! <= gt) after++
      stack.push(lo, lt - 1, kLo, split, gt + 1, hi, after, kHi)
      continue
    }
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y
    // [lo, j] ≤ pivot ≤ [j + 1, hi]
    const j = partitionHoare(a, lo, hi, pivot)
    let split = kLo
    while (split < kHi && ks[split]! <= j) split++
    stack.push(lo, j, kLo, split, j + 1, hi, split, kHi)
  }
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const x = a[i]!
    let j = i - 1
    while (j >= lo && a[j]! > x) {
      a[j + 1] = a[j]!
      j--
    }
    a[j + 1] = x
  }
}

/** Hoare's partition of a[lo..hi] around `pivot` (a value in it): returns j with a[lo..j] ≤ pivot ≤ a[j+1..hi], lo ≤ j < hi. */
function partitionHoare(a: Float64Array, lo: number, hi: number, pivot: number): number {
  let i = lo - 1
  let j = hi + 1
  for (;;) {
    do i++
    while (a[i]! < pivot)
    do j--
    while (a[j]! > pivot)
    if (i >= j) return j
    const t = a[i]!
    a[i] = a[j]!
    a[j] = t
  }
}

/** Where partitionThreeWay leaves the end of its run of values equal to the pivot (a second result, not boxed in an object). */
const THREE_WAY_END = new Int32Array(1)

/** Dijkstra's three-way partition of a[lo..hi]: returns lt (a[lo..lt) < pivot), with gt in THREE_WAY_END (a[lt..gt] = pivot < a(gt..hi]). */
function partitionThreeWay(a: Float64Array, lo: number, hi: number, pivot: number): number {
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
  THREE_WAY_END[0] = gt
  return lt
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
