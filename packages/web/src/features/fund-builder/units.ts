import type { Messages } from '../../i18n/en.ts'
import { moneyInputUnit, type UiLocale } from '../../format/index.ts'

export type FieldUnit = 'money' | 'percent' | 'years' | 'quarters' | 'multiple' | 'count' | 'plain'

/** How a config number is shown in a field: displayed = config × factor, followed by suffix. */
export function unitOf(unit: FieldUnit, currency: string, locale: UiLocale, t: Messages): { factor: number; suffix: string } {
  switch (unit) {
    case 'money':
      return { factor: moneyInputUnit(currency, locale).factor, suffix: moneyInputUnit(currency, locale).label }
    case 'percent':
      return { factor: 100, suffix: '%' }
    case 'years':
      return { factor: 1, suffix: t.units.years }
    case 'quarters':
      return { factor: 1, suffix: t.units.quarters }
    case 'multiple':
      return { factor: 1, suffix: '×' }
    default:
      return { factor: 1, suffix: '' }
  }
}

/** Shows a number without float noise (0.1 × 100 → "10"). */
export const display = (x: number) => String(Number(x.toPrecision(12)))

/** Field id for a JSON Pointer, so issue links can focus the field. */
export const fieldId = (pointer: string) => `f${pointer.replaceAll('/', '-')}`
