import { makeIssue, type ConfigIssue } from '../issues.ts'
import { horizonQuarters } from '../model/fund-construction.ts'
import type { SimulationConfig } from '../schema/config.ts'
import type { Reforecast } from '../schema/reforecast.ts'
import { compareDates, parseDate, type CalendarDate } from './dates.ts'
import { reforecastQuarter } from './resolve-reforecast.ts'

const round6 = (x: number) => Math.round(x * 1e6) / 1e6
/** Money tolerance of the cash check, millions (rounding in reported figures). */
const CASH_TOLERANCE = 1e-6

/**
 * Cross-field rules of a reforecast that passed its schema, with JSON Pointer paths under `prefix`:
 * real dates in order (asOf not before fundStart; cash flows, entries and exits between them; last
 * rounds not after asOf), unique ids, status fields, and the cash check (calls and exit proceeds
 * cover costs, fees, distributions and carry). With a config: calls within commitments, the date
 * inside the fund's life and extensions, a lifecycle company model and no sub-funds.
 */
export function reforecastIssues(r: Reforecast, config?: SimulationConfig, prefix = ''): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  const add = (path: string, code: ConfigIssue['code'], params: ConfigIssue['params'] = {}) => issues.push(makeIssue(prefix + path, code, params))
  const dateAt = (path: string, text: string | undefined): CalendarDate | null => {
    if (text === undefined) return null
    const d = parseDate(text)
    if (!d) add(path, 'invalid_date')
    return d
  }
  const start = dateAt('/fundStart', r.fundStart)
  const asOf = dateAt('/asOf', r.asOf)
  if (start && asOf && compareDates(asOf, start) < 0) add('/asOf', 'date_before_start', { limit: r.fundStart })
  const within = (path: string, d: CalendarDate | null, notBeforeStart: boolean) => {
    if (!d) return
    if (notBeforeStart && start && compareDates(d, start) < 0) add(path, 'date_before_start', { limit: r.fundStart })
    if (asOf && compareDates(d, asOf) > 0) add(path, 'date_after_as_of', { limit: r.asOf })
  }
  const ids = new Set<string>()
  let invested = 0
  let proceeds = 0
  let live = 0
  r.holdings.companies.forEach((c, i) => {
    const p = `/holdings/companies/${i}`
    if (ids.has(c.id)) add(`${p}/id`, 'duplicate_id', { value: c.id })
    ids.add(c.id)
    if (!(c.ownership > 0)) add(`${p}/ownership`, 'not_positive')
    within(`${p}/lastRoundDate`, dateAt(`${p}/lastRoundDate`, c.lastRoundDate), false)
    within(`${p}/entryDate`, dateAt(`${p}/entryDate`, c.entryDate), true)
    within(`${p}/exitDate`, dateAt(`${p}/exitDate`, c.exitDate), true)
    if (c.status === 'exited') {
      if (c.proceeds === undefined) add(`${p}/proceeds`, 'required', { field: 'proceeds' })
      if (c.exitDate === undefined) add(`${p}/exitDate`, 'required', { field: 'exitDate' })
    } else {
      if (c.proceeds !== undefined) add(`${p}/proceeds`, 'not_for_status', { other: 'exited' })
      if (c.exitRoute !== undefined) add(`${p}/exitRoute`, 'not_for_status', { other: 'exited' })
      if (c.status === 'active' && c.exitDate !== undefined) add(`${p}/exitDate`, 'not_for_status', { other: 'gone' })
    }
    invested += c.invested
    proceeds += c.proceeds ?? 0
    if (c.status === 'active') live++
  })
  let calls = 0
  let out = 0
  r.holdings.cashFlows.forEach((f, i) => {
    const p = `/holdings/cashFlows/${i}`
    within(`${p}/date`, dateAt(`${p}/date`, f.date), true)
    calls += f.calls
    out += f.fees + f.distributions + (f.carry ?? 0)
  })
  if (calls + proceeds < invested + out - CASH_TOLERANCE)
    add('/holdings/cashFlows', 'cash_short', { value: round6(calls + proceeds), limit: round6(invested + out) })
  if (config) {
    if (calls > config.fund.size + CASH_TOLERANCE) add('/holdings/cashFlows', 'calls_above_commitment', { value: round6(calls), limit: config.fund.size })
    if (start && asOf && reforecastQuarter(r) >= horizonQuarters(config))
      add('/asOf', 'as_of_after_end', { limit: `${round6(config.fund.lifeYears + config.fund.extensionYears)} years` })
    if (config.companies.model === 'power_law' && live > 0) add('/holdings/companies', 'reforecast_power_law')
    if ((config.subFunds ?? []).length > 0) add('', 'reforecast_fund_of_funds')
  }
  return issues
}
