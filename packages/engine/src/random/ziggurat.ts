/**
 * Standard normal variates by the ziggurat method (Marsaglia & Tsang, J. Stat. Software 5(8), 2000,
 * 128 layers), driven by a uniform source. About three times faster than Box–Muller because most
 * draws need one uniform, one multiply and one table comparison.
 */
const LAYERS = 128
const R = 3.442619855899
const V = 9.91256303526217e-3
const M1 = 2147483648.0

const kn = new Uint32Array(LAYERS)
const wn = new Float64Array(LAYERS)
const fn = new Float64Array(LAYERS)
{
  let dn = R
  let tn = dn
  const q = V / Math.exp(-0.5 * dn * dn)
  kn[0] = Math.floor((dn / q) * M1)
  kn[1] = 0
  wn[0] = q / M1
  wn[LAYERS - 1] = dn / M1
  fn[0] = 1
  fn[LAYERS - 1] = Math.exp(-0.5 * dn * dn)
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)))
    kn[i + 1] = Math.floor((dn / tn) * M1)
    tn = dn
    fn[i] = Math.exp(-0.5 * dn * dn)
    wn[i] = dn / M1
  }
}

/** A uniform source on [0, 1) with 32-bit resolution. */
export interface UniformSource {
  next(): number
}

/** One standard normal from `source`. The common case (about 98.8% of draws) is kept small so
 * that callers can inline it; the wedge and tail tests are out of line. */
export function zigguratNormal(source: UniformSource): number {
  const hz = (source.next() * 4294967296) | 0
  const iz = hz & (LAYERS - 1)
  if ((hz < 0 ? -hz : hz) < kn[iz]!) return hz * wn[iz]!
  // unary plus: a number, so that inlined callers keep the draw unboxed on the common path
  return +rejected(source, hz, iz)
}

/** The rest of a draw whose first candidate `hz` (layer `iz`) fell outside its layer's box. */
function rejected(source: UniformSource, hz: number, iz: number): number {
  for (;;) {
    const x = hz * wn[iz]!
    if (iz === 0) {
      let xt: number
      let y: number
      do {
        xt = -Math.log(1 - source.next()) / R
        y = -Math.log(1 - source.next())
      } while (y + y < xt * xt)
      return hz > 0 ? R + xt : -R - xt
    }
    if (fn[iz]! + source.next() * (fn[iz - 1]! - fn[iz]!) < Math.exp(-0.5 * x * x)) return x
    hz = (source.next() * 4294967296) | 0
    iz = hz & (LAYERS - 1)
    if ((hz < 0 ? -hz : hz) < kn[iz]!) return hz * wn[iz]!
  }
}
