/** Participation of a preferred class after its preference is paid. */
export const NON_PARTICIPATING = 0
export const CAPPED = 1
export const FULL = 2

/**
 * A company's capital stack at an exit: preferred classes 0..n−1 (one per round, oldest first) and
 * common. `shares` are fully diluted fractions (Σ shares + common = 1); `invested` the money each
 * class paid; `multiple` its liquidation preference per unit invested; `participation` one of
 * NON_PARTICIPATING | CAPPED | FULL; `cap` the total a capped participating class may take, per unit
 * invested; `rank` its seniority (higher is paid first; equal ranks share pro rata: pari passu).
 */
export interface CapitalStack {
  n: number
  invested: Float64Array
  shares: Float64Array
  common: number
  multiple: Float64Array
  participation: Uint8Array
  cap: Float64Array
  rank: Int8Array
  /** Scratch: 1 where a class has converted to common. */
  converted: Uint8Array
  /** Scratch: 1 where a class still takes a share of the residual in the current pass. */
  active: Uint8Array
}

export function createStack(capacity: number): CapitalStack {
  return {
    n: 0,
    invested: new Float64Array(capacity),
    shares: new Float64Array(capacity),
    common: 1,
    multiple: new Float64Array(capacity),
    participation: new Uint8Array(capacity),
    cap: new Float64Array(capacity),
    rank: new Int8Array(capacity),
    converted: new Uint8Array(capacity),
    active: new Uint8Array(capacity),
  }
}

/** Pays `value` through the stack once for a given set of conversions; out[i] per class, out[n] common. */
function settle(value: number, s: CapitalStack, out: Float64Array): void {
  const n = s.n
  let remaining = value
  for (let i = 0; i <= n; i++) out[i] = 0
  // preferences, from the most senior rank down; pro rata inside a rank
  let rank = 127
  for (;;) {
    let next = -129
    for (let i = 0; i < n; i++) if (s.converted[i] === 0 && s.rank[i]! < rank && s.rank[i]! > next) next = s.rank[i]!
    if (next === -129 || remaining <= 0) break
    rank = next
    let claim = 0
    for (let i = 0; i < n; i++) if (s.converted[i] === 0 && s.rank[i] === rank) claim += s.multiple[i]! * s.invested[i]!
    if (claim <= 0) continue
    const paid = claim < remaining ? claim : remaining
    for (let i = 0; i < n; i++) if (s.converted[i] === 0 && s.rank[i] === rank) out[i] = (s.multiple[i]! * s.invested[i]! * paid) / claim
    remaining -= paid
  }
  if (remaining <= 0) return
  // the residual goes to common, converted classes and participating classes by shares; a capped
  // class that reaches its cap stops there and its excess goes to the others
  let pool = s.common
  for (let i = 0; i < n; i++) {
    const takes = s.converted[i] === 1 || s.participation[i] !== NON_PARTICIPATING
    s.active[i] = takes ? 1 : 0
    if (takes) pool += s.shares[i]!
  }
  for (let pass = 0; pass <= n; pass++) {
    if (pool <= 0) break
    const perShare = remaining / pool
    let capped = false
    for (let i = 0; i < n; i++) {
      if (s.active[i] === 0 || s.converted[i] === 1 || s.participation[i] !== CAPPED) continue
      const room = s.cap[i]! * s.invested[i]! - out[i]!
      if (perShare * s.shares[i]! > room) {
        const take = room > 0 ? room : 0
        out[i]! += take
        remaining -= take
        pool -= s.shares[i]!
        s.active[i] = 0
        capped = true
      }
    }
    if (capped) continue
    for (let i = 0; i < n; i++) if (s.active[i] === 1) out[i]! += perShare * s.shares[i]!
    out[n] = perShare * s.common
    return
  }
}

/**
 * What each class receives when the company is sold or lists for `value`: preferences by seniority,
 * then the residual by shares, each non-participating or capped class converting to common when that
 * pays it more (it converts exactly when its share of the residual per share beats its preference
 * per share). Writes out[i] for class i and out[n] for common; Σ out = value (or 0 when value ≤ 0).
 */
export function payStack(value: number, s: CapitalStack, out: Float64Array): void {
  const n = s.n
  for (let i = 0; i < n; i++) s.converted[i] = 0
  if (!(value > 0)) {
    for (let i = 0; i <= n; i++) out[i] = 0
    return
  }
  settle(value, s, out)
  // convert one class at a time while some class gains by converting; each pass re-settles
  for (let pass = 0; pass < n; pass++) {
    let best = -1
    let bestPrice = Infinity
    for (let i = 0; i < n; i++) {
      if (s.converted[i] === 1 || s.participation[i] === FULL || !(s.shares[i]! > 0)) continue
      const price = (s.multiple[i]! * s.invested[i]!) / s.shares[i]!
      if (price < bestPrice) {
        bestPrice = price
        best = i
      }
    }
    if (best < 0) return
    const before = out[best]!
    s.converted[best] = 1
    settle(value, s, out)
    if (out[best]! > before + 1e-12 * value) continue
    s.converted[best] = 0
    settle(value, s, out)
    return
  }
}
