import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { holdingsTemplateCsv, holdingsTotals, parseHoldingsCsv, parseHoldingsJson, reforecastQuarter, type HoldingsIssue } from '@pcsim/engine'
import { config } from './helpers.ts'

const exampleJson = JSON.parse(readFileSync(new URL('../../docs/examples/reforecast-holdings.json', import.meta.url), 'utf8')) as Record<string, unknown>
const exampleCsv = readFileSync(new URL('../../docs/examples/reforecast-holdings.csv', import.meta.url), 'utf8')
const fund = config()

const company = (over: Record<string, unknown> = {}) => ({ id: 'a1', sector: 'ai', round: 'a', lastRoundDate: '2023-03-01', invested: 2, ownership: 0.1, postMoney: 20, status: 'active', ...over })
const holdings = (companies: unknown[], flows: unknown[] = [{ date: '2023-03-31', calls: 3, distributions: 0, fees: 0.5 }], over: Record<string, unknown> = {}) => ({
  fundStart: '2023-01-01',
  asOf: '2023-12-31',
  holdings: { companies, cashFlows: flows },
  ...over,
})

function issuesOf(result: ReturnType<typeof parseHoldingsJson>): HoldingsIssue[] {
  expect(result.ok).toBe(false)
  return result.ok ? [] : result.issues
}

/** The one issue at `path` with `code`; its sentences are in both languages and differ. */
function expectIssue(issues: HoldingsIssue[], path: string, code: string): HoldingsIssue {
  const found = issues.find((i) => i.path === path && i.code === code)
  expect(found, `${path} ${code} in ${JSON.stringify(issues.map((i) => [i.path, i.code]))}`).toBeDefined()
  expect(found!.message.en.length).toBeGreaterThan(5)
  expect(found!.message.zh).toMatch(/[\u4e00-\u9fff]/)
  expect(found!.message.zh).not.toBe(found!.message.en)
  return found!
}

describe('the docs example', () => {
  it('JSON and CSV read to the same holdings, which pass against the us-vc-10y config', () => {
    const j = parseHoldingsJson(exampleJson, fund)
    const c = parseHoldingsCsv(exampleCsv, fund)
    expect(j.ok && c.ok).toBe(true)
    if (j.ok && c.ok) {
      expect(c.reforecast).toEqual(j.reforecast)
      expect(j.reforecast.holdings.companies).toHaveLength(10)
      expect(j.reforecast.holdings.cashFlows).toHaveLength(8)
    }
  })

  it('adds up for the import preview', () => {
    const j = parseHoldingsJson(exampleJson, fund)
    if (!j.ok) throw new Error('example rejected')
    const t = holdingsTotals(j.reforecast)
    expect(t.quarters).toBe(8)
    expect(t.companies).toEqual({ active: 6, exited: 2, writtenOff: 2 })
    expect(t.invested).toBeCloseTo(12.3, 12)
    expect(t.proceeds).toBeCloseTo(4.7, 12)
    expect(t.calls).toBeCloseTo(16, 12)
    expect(t.distributions).toBe(4)
    expect(t.fees).toBe(4)
    expect(t.cash).toBeCloseTo(16 + 4.7 - 12.3 - 4 - 4, 12)
    expect(t.nav).toBeCloseTo(0.06 * 40 + 0.08 * 7.5 + 0.045 * 90 + 0.05 * 24 + 0.09 * 12 + 0.04 * 30, 12)
  })

  it('reads an entry stage column, and names its row and column when the stage is not one of seed, early, growth', () => {
    const lines = exampleCsv.trimEnd().split('\n').map((l) => `${l},`)
    lines[0] = `${lines[0]!.slice(0, -1)},entryStage`
    lines[2] = `${lines[2]!}growth`
    const good = parseHoldingsCsv(lines.join('\n'))
    expect(good.ok && good.reforecast.holdings.companies[0]!.entryStage).toBe('growth')
    lines[2] = `${lines[2]!.slice(0, -'growth'.length)}series-a`
    const bad = parseHoldingsCsv(lines.join('\n'))
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.issues.find((i) => i.path.endsWith('/entryStage'))).toMatchObject({ row: 3, column: lines[0]!.split(',').length })
  })

  it('the template parses, and its header lists every column', () => {
    const t = holdingsTemplateCsv()
    const parsed = parseHoldingsCsv(t, fund)
    expect(parsed.ok).toBe(true)
    expect(t.split('\n')[0]!.split(',')).toEqual(expect.arrayContaining(['record', 'fundStart', 'asOf', 'id', 'ownership', 'exitRoute', 'date', 'calls', 'nav']))
  })
})

describe('JSON rules, each named by its field, in English and Chinese', () => {
  it('not an object', () => expectIssue(issuesOf(parseHoldingsJson([])), '', 'holdings_not_an_object'))
  it('schema: a range, an enum, a missing field', () => {
    const { invested: _left, ...missing } = company({ ownership: 1.5, sector: 'fintech' })
    const issues = issuesOf(parseHoldingsJson(holdings([missing])))
    expectIssue(issues, '/holdings/companies/0/ownership', 'too_big')
    expectIssue(issues, '/holdings/companies/0/sector', 'invalid_value')
    expectIssue(issues, '/holdings/companies/0/invested', 'required')
  })
  it('ownership must be above 0', () => expectIssue(issuesOf(parseHoldingsJson(holdings([company({ ownership: 0 })]))), '/holdings/companies/0/ownership', 'not_positive'))
  it('dates must be real', () => {
    const issues = issuesOf(parseHoldingsJson(holdings([company({ lastRoundDate: '2023-02-30' })], undefined, { asOf: '31/12/2023' })))
    expectIssue(issues, '/holdings/companies/0/lastRoundDate', 'invalid_date')
    expectIssue(issues, '/asOf', 'invalid_date')
  })
  it('asOf not before fundStart', () => expectIssue(issuesOf(parseHoldingsJson(holdings([], [], { asOf: '2022-12-31' }))), '/asOf', 'date_before_start'))
  it('no round, exit or flow after asOf; no exit or flow before the fund started', () => {
    const issues = issuesOf(
      parseHoldingsJson(
        holdings(
          [company({ lastRoundDate: '2024-01-05' }), company({ id: 'x', status: 'exited', proceeds: 1, exitDate: '2022-06-30' })],
          [{ date: '2024-02-01', calls: 5, distributions: 0, fees: 0 }],
        ),
      ),
    )
    expectIssue(issues, '/holdings/companies/0/lastRoundDate', 'date_after_as_of')
    expectIssue(issues, '/holdings/companies/1/exitDate', 'date_before_start')
    expectIssue(issues, '/holdings/cashFlows/0/date', 'date_after_as_of')
  })
  it('an exited holding needs proceeds and an exit date; an active one has neither', () => {
    const issues = issuesOf(parseHoldingsJson(holdings([company({ status: 'exited' }), company({ id: 'b', proceeds: 2, exitDate: '2023-06-30' })])))
    expectIssue(issues, '/holdings/companies/0/proceeds', 'required')
    expectIssue(issues, '/holdings/companies/0/exitDate', 'required')
    expectIssue(issues, '/holdings/companies/1/proceeds', 'not_for_status')
    expectIssue(issues, '/holdings/companies/1/exitDate', 'not_for_status')
  })
  it('ids are unique', () => expectIssue(issuesOf(parseHoldingsJson(holdings([company(), company()], [{ date: '2023-03-31', calls: 5, distributions: 0, fees: 0 }]))), '/holdings/companies/1/id', 'duplicate_id'))
  it('calls and proceeds must cover costs, fees and distributions', () => {
    const issue = expectIssue(issuesOf(parseHoldingsJson(holdings([company({ invested: 2.6 })]))), '/holdings/cashFlows', 'cash_short')
    expect(issue.params).toEqual({ value: 3, limit: 3.1 })
  })
  it('with the config: calls within commitments, a lifecycle model for live holdings', () => {
    const big = holdings([company()], [{ date: '2023-03-31', calls: 150, distributions: 0, fees: 0 }])
    expectIssue(issuesOf(parseHoldingsJson(big, fund)), '/holdings/cashFlows', 'calls_above_commitment')
    expect(parseHoldingsJson(big).ok).toBe(true)
    const powerLaw = config({ companies: { model: 'power_law' }, strategy: { stageWeights: { seed: 1 }, chequeSize: { seed: 3.3 } } })
    expectIssue(issuesOf(parseHoldingsJson(holdings([company()]), powerLaw)), '/holdings/companies', 'reforecast_power_law')
  })
})

const HEADER = 'record,fundStart,asOf,id,sector,round,lastRoundDate,invested,ownership,postMoney,status,date,calls,distributions,fees'
const csv = (...rows: string[]) => [HEADER, 'fund,2023-01-01,2023-12-31,,,,,,,,,,,,', ...rows].join('\n')
const COMPANY = 'company,,,a1,ai,a,2023-03-01,2,0.1,20,active,,,,'
const FLOW = 'flow,,,,,,,,,,,2023-03-31,3,0,0.5'

function csvIssue(text: string, row: number, column: number | undefined, code: string): HoldingsIssue {
  const result = parseHoldingsCsv(text, fund)
  expect(result.ok).toBe(false)
  const issues = result.ok ? [] : result.issues
  const found = issues.find((i) => i.code === code)
  expect(found, `${code} in ${JSON.stringify(issues.map((i) => [i.row, i.column, i.code]))}`).toBeDefined()
  expect(found!.row).toBe(row)
  expect(found!.column).toBe(column)
  expect(found!.message.en).toMatch(new RegExp(`^Row ${row}${column === undefined ? '' : `, column ${column}`}`))
  expect(found!.message.zh).toMatch(new RegExp(`^第 ${row} 行${column === undefined ? '' : `第 ${column} 列`}`))
  return found!
}

describe('CSV rules name the row and column in both languages', () => {
  it('a valid file parses', () => expect(parseHoldingsCsv(csv(COMPANY, FLOW), fund).ok).toBe(true))
  it('a number that is not one', () => {
    const issue = csvIssue(csv(COMPANY.replace('0.1', '10%'), FLOW), 3, 9, 'invalid_type')
    expect(issue.path).toBe('/holdings/companies/0/ownership')
    expect(issue.message.en).toContain('(ownership)')
  })
  it('a schema rule maps back to its cell', () => expect(csvIssue(csv(COMPANY.replace('0.1', '1.5'), FLOW), 3, 9, 'too_big').path).toBe('/holdings/companies/0/ownership'))
  it('a cross-field rule maps back to its cell', () => csvIssue(csv(COMPANY.replace('2023-03-01', '2024-03-01'), FLOW), 3, 7, 'date_after_as_of'))
  it('an unknown record type', () => csvIssue(csv(COMPANY, FLOW, 'holding,,,,,,,,,,,,,,'), 5, 1, 'invalid_value'))
  it('an unknown column', () => csvIssue(csv(COMPANY, FLOW).replace('record,fundStart', 'record,fund_start'), 1, 2, 'csv_unknown_column'))
  it('a cell the record does not use', () => csvIssue(csv(COMPANY, 'flow,,,,ai,,,,,,,2023-03-31,3,0,0.5'), 4, 5, 'csv_cell_not_used'))
  it('an unclosed quote', () => csvIssue(csv(COMPANY, 'flow,,,,,,,,,,,"2023-03-31,3,0,0.5'), 4, 12, 'csv_unclosed_quote'))
  it('no header', () => csvIssue('fund,2023-01-01\n', 1, undefined, 'csv_no_header'))
  it('two fund rows', () => csvIssue(csv(COMPANY, FLOW, 'fund,2023-01-01,2023-12-31,,,,,,,,,,,,'), 5, undefined, 'csv_duplicate_row'))
  it('a field a row leaves out is reported at its row and column', () => {
    const issue = csvIssue(csv(COMPANY.replace(',active,', ',exited,'), FLOW), 3, undefined, 'required')
    expect(issue.path).toBe('/holdings/companies/0/proceeds')
  })
  it('quoted cells may hold commas; a BOM and CRLF line ends are read', () => {
    const text = '\uFEFF' + csv(COMPANY.replace('a1', '"a,1"'), FLOW).replaceAll('\n', '\r\n')
    const r = parseHoldingsCsv(text, fund)
    expect(r.ok && r.reforecast.holdings.companies[0]!.id).toBe('a,1')
  })
})

describe('fund quarters of history', () => {
  it.each([
    ['2022-01-01', '2022-01-01', 0],
    ['2022-01-01', '2022-03-31', 1],
    ['2022-01-01', '2022-04-01', 2],
    ['2022-01-01', '2023-12-31', 8],
    ['2022-01-15', '2022-04-14', 1],
    ['2022-01-15', '2022-04-15', 2],
    ['2020-02-29', '2021-02-28', 4],
  ] as const)('fund started %s, as of %s: %i quarters (the quarter holding asOf is history)', (fundStart, asOf, quarters) => {
    expect(reforecastQuarter({ fundStart, asOf })).toBe(quarters)
  })
})
