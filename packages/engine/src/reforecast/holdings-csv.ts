import { CATALOGUES } from '../messages/index.ts'
import { makeIssue, type ConfigIssue } from '../issues.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { readCsv, type CsvCell } from './csv-cells.ts'
import { parseHoldingsJson, type HoldingsIssue, type HoldingsParseResult } from './holdings-json.ts'

/** Record types of a holdings CSV (its `record` column) and the columns each one uses. */
export const HOLDINGS_CSV_RECORDS = {
  fund: ['fundStart', 'asOf', 'regime'],
  company: [
    'id',
    'sector',
    'round',
    'lastRoundDate',
    'entryDate',
    'entryStage',
    'invested',
    'ownership',
    'postMoney',
    'status',
    'proceeds',
    'exitDate',
    'exitRoute',
    'preferenceMultiple',
    'participation',
    'participationCap',
    'seniority',
  ],
  flow: ['date', 'calls', 'distributions', 'fees', 'carry', 'nav'],
} as const
type RecordType = keyof typeof HOLDINGS_CSV_RECORDS

/** Every column a holdings CSV may have, in the template's order. */
export const HOLDINGS_CSV_COLUMNS: readonly string[] = ['record', ...new Set(Object.values(HOLDINGS_CSV_RECORDS).flat())]

const NUMERIC = new Set(['invested', 'ownership', 'postMoney', 'proceeds', 'preferenceMultiple', 'participationCap', 'calls', 'distributions', 'fees', 'carry', 'nav'])
/** A plain decimal number (no thousands separators, no units); anything else is a type error. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

interface Place {
  row: number
  column?: number
  field?: string
}

/** An issue at a CSV cell: its place and the sentence prefixed with it in both languages. */
function located(issue: ConfigIssue, place: Place | undefined): HoldingsIssue {
  if (!place) return issue
  const en = CATALOGUES.en.location(place)
  const zh = CATALOGUES['zh-CN'].location(place)
  return { ...issue, row: place.row, ...(place.column === undefined ? {} : { column: place.column }), message: { en: en + issue.message.en, zh: zh + issue.message.zh } }
}

/**
 * Reads a holdings CSV (docs/reforecast.md): a header row, then one row per record — `fund` (once:
 * fundStart, asOf, regime), `company` (one per holding) and `flow` (cash flows of a date). Columns
 * may come in any order and unused ones may be left out; cells a record does not use stay empty.
 * The rows become the JSON form, which `parseHoldingsJson` checks; every issue carries the row and
 * column of the cell it is about. `options.asOf` replaces the file's reforecast date.
 */
export function parseHoldingsCsv(text: string, config?: SimulationConfig, options: { asOf?: string } = {}): HoldingsParseResult {
  const read = readCsv(text)
  if (!read.ok) return { ok: false, issues: [located(makeIssue('', 'csv_unclosed_quote'), { row: read.row, column: read.column })] }
  const [header, ...body] = read.rows
  const issues: HoldingsIssue[] = []
  const names = (header ?? []).map((c) => c.text.trim())
  if (!header || !names.includes('record')) return { ok: false, issues: [located(makeIssue('', 'csv_no_header'), { row: header?.[0]?.row ?? 1 })] }
  header.forEach((c, k) => {
    if (!HOLDINGS_CSV_COLUMNS.includes(names[k]!) && names[k] !== '')
      issues.push(located(makeIssue('', 'csv_unknown_column', { field: names[k]!, allowed: HOLDINGS_CSV_COLUMNS.join(', ') }), { row: c.row, column: c.column }))
  })
  if (issues.length) return { ok: false, issues }
  // where each JSON Pointer of the built value came from
  const places = new Map<string, Place>()
  const value: Record<string, unknown> = {}
  const companies: Record<string, unknown>[] = []
  const cashFlows: Record<string, unknown>[] = []
  let fundRow = 0
  for (const row of body) {
    const cellOf = (name: string): CsvCell | undefined => row[names.indexOf(name)]
    const recordCell = cellOf('record')
    const kind = (recordCell?.text ?? '').trim()
    const rowNo = row[0]!.row
    if (!Object.hasOwn(HOLDINGS_CSV_RECORDS, kind)) {
      issues.push(located(makeIssue('', 'invalid_value', { allowed: Object.keys(HOLDINGS_CSV_RECORDS).join(', ') }), { row: rowNo, column: names.indexOf('record') + 1, field: 'record' }))
      continue
    }
    const type = kind as RecordType
    const used: readonly string[] = HOLDINGS_CSV_RECORDS[type]
    const target: Record<string, unknown> = type === 'fund' ? value : {}
    const base = type === 'fund' ? '' : type === 'company' ? `/holdings/companies/${companies.length}` : `/holdings/cashFlows/${cashFlows.length}`
    if (type === 'fund' && fundRow++ > 0) {
      issues.push(located(makeIssue('', 'csv_duplicate_row', { other: 'fund' }), { row: rowNo }))
      continue
    }
    if (base !== '') places.set(base, { row: rowNo })
    row.forEach((cell, k) => {
      const name = names[k]
      const text = cell.text.trim()
      if (!name || name === 'record' || text === '') return
      const place = { row: cell.row, column: cell.column, field: name }
      if (!used.includes(name)) {
        issues.push(located(makeIssue('', 'csv_cell_not_used', { field: name, other: type }), place))
        return
      }
      places.set(`${base}/${name}`, place)
      if (!NUMERIC.has(name)) target[name] = text
      else if (NUMBER.test(text) && Number.isFinite(Number(text))) target[name] = Number(text)
      else issues.push(located(makeIssue(`${base}/${name}`, 'invalid_type', { expected: 'number' }), place))
    })
    // a column the record uses but the file leaves out: a missing field is reported at the row
    for (const name of used) if (!places.has(`${base}/${name}`)) places.set(`${base}/${name}`, { row: rowNo, ...(names.includes(name) ? { column: names.indexOf(name) + 1, field: name } : {}) })
    if (type === 'company') companies.push(target)
    else if (type === 'flow') cashFlows.push(target)
  }
  if (issues.length) return { ok: false, issues }
  value.holdings = { companies, cashFlows }
  if (options.asOf !== undefined) value.asOf = options.asOf
  const parsed = parseHoldingsJson(value, config)
  if (parsed.ok) return parsed
  return { ok: false, issues: parsed.issues.map((issue) => located(issue, placeOf(places, issue.path))) }
}

/** The cell of a path, or of its nearest parent that has one (a list's issue → no cell). */
function placeOf(places: Map<string, Place>, path: string): Place | undefined {
  for (let p = path; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const place = places.get(p)
    if (place) return place
    if (p === '') return undefined
  }
}
