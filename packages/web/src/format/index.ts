import { formatMoney } from './money.ts'
import { formatMultiple, formatNumber, formatPercent, formatProbability } from './numbers.ts'
import type { UiLocale } from './locale.ts'

export type { UiLocale } from './locale.ts'
export { formatMoney, moneyInputUnit } from './money.ts'
export { formatMultiple, formatNumber, formatPercent, formatProbability } from './numbers.ts'

/** Formatters bound to a language and a fund currency. */
export function createFormat(locale: UiLocale, currency: string) {
  return {
    locale,
    currency,
    money: (millions: number, digits?: number) => formatMoney(millions, currency, locale, digits),
    multiple: (x: number, digits?: number) => formatMultiple(x, locale, digits),
    percent: (x: number, digits?: number) => formatPercent(x, locale, digits),
    number: (x: number, digits?: number) => formatNumber(x, locale, digits),
    probability: (p: { value: number; se: number }) => formatProbability(p, locale),
  }
}
export type Format = ReturnType<typeof createFormat>
