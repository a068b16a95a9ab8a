/**
 * ln and exp by table and short polynomial, in JavaScript so V8 inlines them: the Pareto draws
 * spend most of their time in the C calls behind Math.log and Math.exp (`pnpm bench`, line
 * power-law). Both reduce the argument to a 1/128 grid (the method of Tang, "Table-driven
 * implementation of the exponential function", ACM TOMS 15(2), 1989, and of musl's log and exp);
 * the polynomials are Taylor series cut where the next term is below 2^-60. Outside the normal
 * range, and for 0, negatives, infinities and NaN, they hand over to Math.
 */
const bits = new Float64Array(1)
const words = new Uint32Array(bits.buffer)
const highWord = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0

const GRID = 128
const LN2_HI = 0.6931471803691238 // ln 2 to 32 bits, so that e · LN2_HI is exact for |e| < 2^21
const LN2_LO = 1.9082149292705877e-10
const POW2_BIAS = 1100
/** 2^e for e in [−1100, 1100), by index e + POW2_BIAS. */
const POW2 = Float64Array.from({ length: 2 * POW2_BIAS }, (_, i) => Math.pow(2, i - POW2_BIAS))
/** 1/c and ln c for the grid points c = 1 + i/128 of [1, 2]. */
const INV_C = Float64Array.from({ length: GRID + 1 }, (_, i) => 1 / (1 + i / GRID))
const LN_C = INV_C.map((v) => -Math.log(v))
/** 2^(j/128). */
const EXP2_J = Float64Array.from({ length: GRID }, (_, j) => Math.pow(2, j / GRID))
const GRID_PER_LN2 = GRID / Math.LN2
const ROUND = 6755399441055744 // 1.5 · 2^52: adding and subtracting it rounds to an integer

/** ln y, within 2 ε · max(1, |ln y|) of Math.log for normal positive y (ε = Number.EPSILON). */
export function log(y: number): number {
  bits[0] = y
  const hi = words[highWord]!
  const e = (hi >>> 20) - 1023
  if (e < -1022 || e > 1023) return Math.log(y)
  const i = ((hi & 0xfffff) + 4096) >>> 13
  const r = y * POW2[POW2_BIAS - e]! * INV_C[i]! - 1
  const r2 = r * r
  return e * LN2_HI + LN_C[i]! + (r - r2 * 0.5 + r2 * r * (1 / 3 - r * 0.25 + r2 * (0.2 - r * (1 / 6))) + e * LN2_LO)
}

/** e^x, within 2.2 ε relative of Math.exp for |x| < 700. */
export function exp(x: number): number {
  if (!(x > -700 && x < 700)) return Math.exp(x)
  const k = x * GRID_PER_LN2 + ROUND - ROUND
  const ki = k | 0
  const t = x - k * (LN2_HI / GRID) - k * (LN2_LO / GRID)
  const t2 = t * t
  return EXP2_J[ki & (GRID - 1)]! * POW2[(ki >> 7) + POW2_BIAS]! * (1 + t + t2 * (0.5 + t * (1 / 6) + t2 * (1 / 24 + t * (1 / 120))))
}
