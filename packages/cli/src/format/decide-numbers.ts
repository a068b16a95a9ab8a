/** Numbers of any size to 4 significant digits, without exponent noise for everyday values. */
export function sig(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–'
  if (x === 0) return '0'
  const a = Math.abs(x)
  if (a >= 1e6 || a < 1e-4) return x.toExponential(digits - 1)
  return String(Number(x.toPrecision(digits)))
}

export const signedSig = (x: number): string => (Number.isFinite(x) && x > 0 ? `+${sig(x)}` : sig(x))

export const interval = (ci: readonly [number, number]): string => `[${signedSig(ci[0])}, ${signedSig(ci[1])}]`
