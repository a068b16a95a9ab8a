import type { UiLocale } from './locale.ts'

const SYMBOL: Record<string, string> = { USD: '$', CNY: 'CN¥', EUR: '€', GBP: '£' }
const ZH_UNIT: Record<string, string> = { USD: '美元', CNY: '元', EUR: '欧元', GBP: '英镑' }
const MINUS = '−'

const trim = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s)
const group = (n: number, locale: string, digits = 0) =>
  n.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 })

/**
 * An amount given in millions of the fund currency, in units a reader expects: "$12.5m",
 * "$1.2bn" in English; "3,800万元", "5亿元" in Chinese (1 million = 100万, 100 million = 1亿).
 */
export function formatMoney(millions: number, currency: string, locale: UiLocale, digits = 3): string {
  if (!Number.isFinite(millions)) return '–'
  if (millions === 0) return locale === 'zh-CN' ? '0' : `${SYMBOL[currency] ?? ''}0`
  const sign = millions < 0 ? MINUS : ''
  const m = Math.abs(millions)
  if (locale === 'zh-CN') {
    const unit = ZH_UNIT[currency] ?? currency
    if (m >= 100) return `${sign}${trim(sig(m / 100, digits))}亿${unit}`
    if (m >= 0.01) return `${sign}${group(Number(sig(m * 100, digits)), 'zh-CN', 2)}万${unit}`
    return `${sign}${group(m * 1e6, 'zh-CN')}${unit}`
  }
  const sym = SYMBOL[currency] ?? `${currency} `
  if (m >= 1000) return `${sign}${sym}${trim(sig(m / 1000, digits))}bn`
  if (m >= 1) return `${sign}${sym}${group(Number(sig(m, digits)), 'en', 2)}m`
  return `${sign}${sym}${group(m * 1000, 'en', 1)}k`
}

/** `x` to `digits` significant figures (at least the integer part), as a plain string. */
function sig(x: number, digits: number): string {
  if (x === 0) return '0'
  const magnitude = Math.floor(Math.log10(x)) + 1
  const decimals = Math.max(0, Math.min(6, digits - magnitude))
  return x.toFixed(decimals)
}

/** The money unit an input field uses: millions in English, 万 in Chinese. */
export function moneyInputUnit(currency: string, locale: UiLocale): { factor: number; label: string } {
  if (locale === 'zh-CN') return { factor: 100, label: `万${ZH_UNIT[currency] ?? currency}` }
  return { factor: 1, label: `${(SYMBOL[currency] ?? currency).trim()}m` }
}
