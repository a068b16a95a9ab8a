/** Outcome of an IRR computation: a rate, a total loss (every unit lost: −100%), or no rate at all. */
export type IrrStatus = 'ok' | 'total_loss' | 'undefined'

function npv(flows: Float64Array, n: number, r: number): number {
  const v = 1 / (1 + r)
  let acc = 0
  for (let i = n - 1; i >= 0; i--) acc = acc * v + flows[i]!
  return acc * v
}

/**
 * Periodic IRR of flows at the ends of periods 1..n (Newton from a multiple-based guess, bisection
 * fallback on [−99.99%, 1000%] per period). Returns NaN when no rate sets NPV to zero on that range,
 * −1 for a total loss. Callers annualise with `annualise`.
 */
export function periodicIrr(flows: Float64Array, n: number): number {
  let pos = 0
  let neg = 0
  let first = -1
  let last = -1
  for (let i = 0; i < n; i++) {
    const f = flows[i]!
    if (f > 0) pos += f
    else if (f < 0) neg -= f
    if (f !== 0) {
      if (first < 0) first = i
      last = i
    }
  }
  if (neg === 0) return Number.NaN
  if (pos === 0) return -1
  const span = Math.max(1, last - first)
  let r = Math.pow(pos / neg, 1 / span) - 1
  for (let it = 0; it < 30; it++) {
    const v = 1 / (1 + r)
    let f = 0
    let df = 0
    let vk = v
    for (let i = 0; i < n; i++) {
      const c = flows[i]!
      f += c * vk
      df -= (i + 1) * c * vk * v
      vk *= v
    }
    if (df === 0 || !Number.isFinite(f)) break
    const step = f / df
    const next = r - step
    if (!(next > -0.9999) || next > 10) break
    r = next
    if (Math.abs(step) < 1e-12) return r
  }
  let lo = -0.9999
  let hi = 10
  let flo = npv(flows, n, lo)
  const fhi = npv(flows, n, hi)
  if (flo === 0) return lo
  if (Math.sign(flo) === Math.sign(fhi)) return Number.NaN
  for (let it = 0; it < 200; it++) {
    const mid = (lo + hi) / 2
    const fm = npv(flows, n, mid)
    if (fm === 0 || hi - lo < 1e-13) return mid
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid
      flo = fm
    } else hi = mid
  }
  return (lo + hi) / 2
}

/** Annual rate from a rate per period with `periodsPerYear` periods. */
export const annualise = (r: number, periodsPerYear: number): number => (r <= -1 ? -1 : Math.pow(1 + r, periodsPerYear) - 1)

export function irrStatus(r: number): IrrStatus {
  return Number.isNaN(r) ? 'undefined' : r === -1 ? 'total_loss' : 'ok'
}
