import type { UiLocale } from '../../format/index.ts'

const EN: Record<string, string> = { USD: '$m / $bn', CNY: 'CN¥m / CN¥bn', EUR: '€m / €bn', GBP: '£m / £bn' }
const ZH: Record<string, string> = { USD: '万美元 / 亿美元', CNY: '万元 / 亿元', EUR: '万欧元 / 亿欧元', GBP: '万英镑 / 亿英镑' }

/** The money units named in axis titles, as the ticks write them: "$m / $bn", "万元 / 亿元". */
export const moneyUnitName = (currency: string, locale: UiLocale) => (locale === 'zh-CN' ? ZH[currency] : EN[currency]) ?? currency
