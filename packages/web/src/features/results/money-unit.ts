import type { UiLocale } from '../../format/index.ts'

const EN: Record<string, string> = { USD: 'US$', CNY: 'CN¥', EUR: '€', GBP: '£' }
const ZH: Record<string, string> = { USD: '美元', CNY: '人民币元', EUR: '欧元', GBP: '英镑' }

/** The currency named for axis titles: "US$", "人民币元". */
export const moneyUnitName = (currency: string, locale: UiLocale) => (locale === 'zh-CN' ? ZH[currency] : EN[currency]) ?? currency
