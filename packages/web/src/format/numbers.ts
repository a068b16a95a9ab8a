import type { UiLocale } from './locale.ts'

const MINUS = '−'
const num = (x: number, digits: number, locale: UiLocale) =>
  x.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace('-', MINUS)

/** A multiple such as net TVPI: "1.85×". */
export const formatMultiple = (x: number, locale: UiLocale, digits = 2) => (Number.isFinite(x) ? `${num(x, digits, locale)}×` : '–')

/** A share or rate as a percentage: 0.123 → "12.3%". */
export const formatPercent = (x: number, locale: UiLocale, digits = 1) => (Number.isFinite(x) ? `${num(x * 100, digits, locale)}%` : '–')

export const formatNumber = (x: number, locale: UiLocale, digits = 0) => (Number.isFinite(x) ? num(x, digits, locale) : '–')

/** A probability with its Monte Carlo standard error: "23.4% ± 0.9". */
export const formatProbability = (p: { value: number; se: number }, locale: UiLocale) =>
  `${formatPercent(p.value, locale)} ± ${num(p.se * 100, 1, locale)}`
