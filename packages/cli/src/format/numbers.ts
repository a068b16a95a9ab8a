/** Number formats of the text tables. Never prints NaN: a missing value prints as `none`. */

const fixed = (x: number, digits: number): string => {
  const s = x.toFixed(digits)
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s
}

export const multiple = (x: number, digits = 2): string => `${fixed(x, digits)}x`
export const percent = (x: number, digits = 1): string => `${fixed(x * 100, digits)}%`
/** Millions of the fund currency, with thousands separators. */
export const money = (x: number): string =>
  x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).replace(/^-0\.0$/, '0.0')
export const decimal = (x: number, digits = 1): string => fixed(x, digits)
export const withSe = (mean: number, se: number, f: (x: number) => string): string => `${f(mean)} ± ${f(se)}`
/** A signed difference, e.g. "+0.12x" or "-1.5%". */
export const signed = (x: number, f: (x: number) => string): string => {
  const s = f(x)
  return s.startsWith('-') || /^0(\.0*)?\D*$/.test(s) ? s : `+${s}`
}
