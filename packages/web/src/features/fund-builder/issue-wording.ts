import type { ConfigIssue, SimulationConfig } from '@pcsim/engine'
import type { Messages } from '../../i18n/en.ts'
import { display } from './units.ts'

export interface FieldUnitShown {
  factor: number
  suffix: string
}

const TOLERANCE = 1e-6

const withUnit = (limit: number, unit: FieldUnitShown | undefined) => {
  if (!unit) return display(limit)
  const v = display(limit * unit.factor)
  if (unit.suffix === '%') return `${v}%`
  return unit.suffix ? `${v} ${unit.suffix}` : v
}

const percentOf = (x: number) => `${display(Number((x * 100).toPrecision(6)))}%`

/** LP shares that do not add up to 100% (the engine reports it at /lpClasses, like a first-loss sum). */
function lpSharesOff(config: SimulationConfig): boolean {
  const lps = Array.isArray(config.lpClasses) ? config.lpClasses : []
  const sum = lps.reduce((s, l) => s + (typeof l.share === 'number' ? l.share : 0), 0)
  return lps.length > 0 && Math.abs(sum - 1) > TOLERANCE
}

/**
 * The field an issue is shown at: its own path, except the LP-share sum, which the engine reports
 * for the whole list and the builder shows at the last class's share (the one usually adjusted).
 */
export function issueTarget(issue: ConfigIssue, config: SimulationConfig): string {
  if (issue.code === 'shares_not_normalised' && issue.path === '/lpClasses' && lpSharesOff(config)) return `/lpClasses/${config.lpClasses.length - 1}/share`
  return issue.path
}

/**
 * An issue in the words of the field it is shown at: numbers and limits in the field's unit (a
 * percent field says "at most 10%", not 0.1); otherwise the engine's own sentence, with the limit
 * also given in the field's unit when the field shows another one.
 */
export function issueSentence(issue: ConfigIssue, t: Messages, pick: (m: { en: string; zh: string }) => string, unit?: FieldUnitShown): string {
  const v = t.validation
  const p = issue.params
  const limit = typeof p.limit === 'number' ? p.limit : null
  switch (issue.code) {
    case 'invalid_type':
      if (p.expected === 'number') return v.notNumber
      if (p.expected === 'integer') return v.notWhole
      break
    case 'not_integer':
      return v.notWhole
    case 'too_small':
      if (limit !== null) return v.atLeast(withUnit(limit, unit))
      break
    case 'too_big':
      if (limit !== null) return v.atMost(withUnit(limit, unit))
      break
    case 'shares_not_normalised':
      if (issue.path === '/lpClasses' && typeof p.sum === 'number') return v.lpSharesSum(percentOf(p.sum))
      break
    case 'weights_not_normalised':
      if (typeof p.sum === 'number') return v.weightsSum(percentOf(p.sum))
      break
  }
  const converted = unit && limit !== null && (unit.factor !== 1 || unit.suffix === '%') ? ` ${t.units.limitInUnit(withUnit(limit, unit))}` : ''
  return pick(issue.message) + converted
}

/**
 * A number typed into a field: digits with an optional sign and decimals, and thousands separators
 * in groups of three ("20,000", "1 000 000"); null for anything else (which the engine then judges).
 */
export function parseTypedNumber(text: string): number | null {
  const s = text.trim().replaceAll('，', ',')
  if (!/^[+-]?(\d{1,3}([,\u00a0\u202f ]\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/.test(s)) return null
  const n = Number(s.replace(/[,\u00a0\u202f ]/g, ''))
  return Number.isFinite(n) ? n : null
}
