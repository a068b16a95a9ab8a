/** Outcome of an IRR computation: a rate, a total loss (every unit lost: −100%), or no rate at all. */
export type IrrStatus = 'ok' | 'total_loss' | 'undefined'

function npv(flows: Float64Array, n: number, r: number): number {
  const v = 1 / (1 + r)
  let acc = 0
  for (let i = n - 1; i >= 0; i--) acc = acc * v + flows[i]!
  return acc * v
}

const GRID = [-0.9999, -0.99, -0.9, -0.75, -0.5, -0.3, -0.2, -0.1, -0.05, -0.02, 0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10]

function bisect(flows: Float64Array, n: number, lo: number, hi: number): number {
  let flo = npv(flows, n, lo)
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

/**
 * Periodic IRR of flows at the ends of periods 1..n. Cash flows that change sign several times can
 * have several roots; the IRR is the root where NPV falls as the rate rises (an investment's
 * root) nearest the multiple-based guess. Newton from the guess finds it almost always; otherwise a
 * scan of [−99.99%, 1000%] per period brackets every root and bisection refines them. Returns NaN
 * when no rate sets NPV to zero on that range, −1 for a total loss. Callers annualise with `annualise`.
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
  const guess = Math.pow(pos / neg, 1 / span) - 1
  let r = guess
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
    if (Math.abs(step) < 1e-12) {
      if (df < 0) return r
      break
    }
  }
  let best = Number.NaN
  let bestFalling = false
  let prev = npv(flows, n, GRID[0]!)
  for (let g = 1; g < GRID.length; g++) {
    const cur = npv(flows, n, GRID[g]!)
    if (prev === 0 || Math.sign(prev) !== Math.sign(cur)) {
      const root = prev === 0 ? GRID[g - 1]! : bisect(flows, n, GRID[g - 1]!, GRID[g]!)
      const falling = prev > 0
      if (Number.isNaN(best) || (falling && !bestFalling) || (falling === bestFalling && Math.abs(root - guess) < Math.abs(best - guess))) {
        best = root
        bestFalling = falling
      }
    }
    prev = cur
  }
  return best
}

/** Annual rate from a rate per period with `periodsPerYear` periods. */
export const annualise = (r: number, periodsPerYear: number): number => (r <= -1 ? -1 : Math.pow(1 + r, periodsPerYear) - 1)

export function irrStatus(r: number): IrrStatus {
  return Number.isNaN(r) ? 'undefined' : r === -1 ? 'total_loss' : 'ok'
}
