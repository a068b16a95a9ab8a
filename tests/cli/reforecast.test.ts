import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunResult } from '@pcsim/engine'
import { pcsimAll, STACK_LINE, type CliResult } from './cli-process.ts'

const JSON_HOLDINGS = 'docs/examples/reforecast-holdings.json'
const CSV_HOLDINGS = 'docs/examples/reforecast-holdings.csv'
const dir = mkdtempSync(join(tmpdir(), 'pcsim-reforecast-'))
const slowPlan = join(dir, 'slow-plan.json')
writeFileSync(slowPlan, JSON.stringify({ template: 'us-vc-10y', strategy: { deploymentYears: 5 } }))
const base = ['reforecast', 'us-vc-10y', '--trials', '300', '--seed', 'cli']

const RUNS = {
  json: { args: [...base, '--holdings', JSON_HOLDINGS, '--format', 'json'], env: { PCSIM_EXECUTOR: 'in-thread' } },
  pool: { args: [...base, '--holdings', JSON_HOLDINGS, '--format', 'json'], env: { PCSIM_EXECUTOR: 'thread-pool' } },
  csv: { args: [...base, '--holdings', CSV_HOLDINGS, '--format', 'json'] },
  table: { args: [...base, '--holdings', CSV_HOLDINGS] },
  csvOut: { args: [...base, '--holdings', CSV_HOLDINGS, '--format', 'csv'] },
  otherPlan: { args: [...base, '--holdings', JSON_HOLDINGS, '--plan', slowPlan, '--format', 'json'] },
  earlyAsOf: { args: [...base, '--holdings', CSV_HOLDINGS, '--as-of', '2023-09-30'] },
  earlyAsOfZh: { args: [...base, '--holdings', CSV_HOLDINGS, '--as-of', '2023-09-30', '--lang', 'zh-CN'] },
  earlyAsOfJson: { args: [...base, '--holdings', JSON_HOLDINGS, '--as-of', '2023-09-30'] },
  badDate: { args: [...base, '--holdings', JSON_HOLDINGS, '--as-of', '2023-13-01'] },
  noHoldings: { args: [...base] },
  missingFile: { args: [...base, '--holdings', join(dir, 'missing.csv')] },
}

let r: Record<keyof typeof RUNS, CliResult>
beforeAll(async () => {
  r = await pcsimAll(RUNS)
}, 240_000)

const parsed = (res: CliResult): RunResult => {
  expect(res.code, res.stderr).toBe(0)
  return JSON.parse(res.stdout) as RunResult
}

/** A user error: exit code 2, nothing on stdout, no stack trace, each fragment on stderr. */
function userError(res: CliResult, ...fragments: string[]): void {
  expect(res.code, res.stderr).toBe(2)
  expect(res.stdout).toBe('')
  expect(res.stderr).not.toMatch(STACK_LINE)
  for (const f of fragments) expect(res.stderr).toContain(f)
}

describe('pcsim reforecast on the docs example', () => {
  it('prints the reforecast result with plan against actual', () => {
    const out = parsed(r.json)
    expect(out.trials).toBe(300)
    expect(out.config.reforecast?.asOf).toBe('2023-12-31')
    const p = out.planVsActual!
    expect(p.asOfQuarter).toBe(8)
    expect(p.toDate.paidIn.actual).toBeCloseTo(0.16, 12)
    expect(p.toDate.dpi.actual).toBeCloseTo(0.25, 12)
    expect(p.toDate.paidIn.plan!.p50).toBeGreaterThan(0.16)
    expect(p.forward.netTvpi.reforecast.p50).toBe(out.summary.netTvpi.p50)
    // four history flows: every trial has paid in at least what the fund has called
    expect(out.summary.deployment.paidInShare.min).toBeGreaterThanOrEqual(0.16 - 1e-12)
  })

  it('the thread pool carries the reforecast with the config: the same numbers as in-thread', () => {
    expect(parsed(r.pool).summary).toEqual(parsed(r.json).summary)
    expect(parsed(r.pool).fan).toEqual(parsed(r.json).fan)
  })

  it('the CSV form of the holdings gives the same numbers', () => {
    expect(parsed(r.csv).summary).toEqual(parsed(r.json).summary)
    expect(parsed(r.csv).planVsActual).toEqual(parsed(r.json).planVsActual)
  })

  it('the table shows plan against actual, the whole-life comparison and the full run', () => {
    expect(r.table.code, r.table.stderr).toBe(0)
    for (const s of ['as of 2023-12-31 (8 fund quarters of history)', 'Plan against actual, to date', 'Called (share of commitments)', '16.0%', 'Whole life: reforecast against plan', 'Net TVPI', 'P(loss: net TVPI < 1x)'])
      expect(r.table.stdout).toContain(s)
  })

  it('the CSV output appends the plan-against-actual rows to the run\'s rows', () => {
    expect(r.csvOut.code, r.csvOut.stderr).toBe(0)
    const rows = r.csvOut.stdout.trim().split('\n').map((l) => l.split(','))
    const header = rows[0]!
    const get = (metric: string, column: string) => Number(rows.find((x) => x[0] === metric)![header.indexOf(column)])
    expect(get('planVsActual.toDate.paidIn.actual', 'mean')).toBeCloseTo(0.16, 12)
    expect(get('planVsActual.toDate.dpi.actual', 'mean')).toBeCloseTo(0.25, 12)
    const json = parsed(r.json)
    expect(get('planVsActual.forward.netTvpi.reforecast', 'p50')).toBe(json.summary.netTvpi.p50)
    expect(get('netTvpi', 'p50')).toBe(json.summary.netTvpi.p50)
  })

  it('--plan compares with another plan: the reforecast is the same, the plan side moves', () => {
    const a = parsed(r.json)
    const b = parsed(r.otherPlan)
    expect(b.summary).toEqual(a.summary)
    expect(b.planVsActual!.toDate.invested.plan!.p50).toBeLessThan(a.planVsActual!.toDate.invested.plan!.p50)
    expect(b.planVsActual!.toDate.companies.seed.plan).toBeLessThan(a.planVsActual!.toDate.companies.seed.plan)
  })
})

describe('pcsim reforecast input errors', () => {
  it('--as-of before a cash flow: the CSV cell is named by row and column', () =>
    userError(r.earlyAsOf, 'Row 20, column 19 (date): Must not be after the reforecast date (2023-09-30).', 'Row 9, column 14 (exitDate)', '(date_after_as_of)'))
  it('in Chinese', () => userError(r.earlyAsOfZh, '第 20 行第 19 列（date）：不得晚于重估基准日（2023-09-30）。'))
  it('in JSON: the JSON Pointer', () => userError(r.earlyAsOfJson, '/holdings/cashFlows/7/date: Must not be after the reforecast date'))
  it('a date that does not exist', () => userError(r.badDate, '/asOf: Must be a calendar date written YYYY-MM-DD', '(invalid_date)'))
  it('--holdings is required', () => userError(r.noHoldings, '--holdings'))
  it('a missing holdings file', () => userError(r.missingFile, 'missing.csv', 'Cannot read the file'))
})
