import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { pcsim, pcsimAll, type CliResult } from './cli-process.ts'

const dir = mkdtempSync(join(tmpdir(), 'pcsim-cli-'))
const outFile = join(dir, 'summary.txt')
const overrideFile = join(dir, 'angel.json')
writeFileSync(overrideFile, JSON.stringify({ template: 'gov-angel-fund', run: { trials: 10_000, seed: 5 } }))

const RUNS = {
  presets: { args: ['presets', '--format', 'json'] },
  presetsTable: { args: ['presets'] },
  jsonA: { args: ['run', 'us-vc-10y', '--format', 'json', '--trials', '500', '--seed', '7'] },
  jsonB: { args: ['run', 'us-vc-10y', '--format', 'json', '--trials', '500', '--seed', '7'] },
  jsonSeed8: { args: ['run', 'us-vc-10y', '--format', 'json', '--trials', '500', '--seed', '8'] },
  csv: { args: ['run', 'us-vc-10y', '--format', 'csv', '--trials', '300', '--seed', '1'] },
  table: { args: ['run', 'us-vc-10y', '--trials', '300', '--seed', '1', '--out', outFile] },
  stacked: { args: ['run', overrideFile, '--trials', '200', '--scenario', 'ipo-shut-3y', '--scenario', 'rate-shock', '--format', 'json'] },
  compareJson: { args: ['compare', 'us-vc-10y', 'gov-angel-fund', '--trials', '300', '--seed', '1', '--format', 'json'] },
  compareTable: { args: ['compare', 'us-vc-10y', 'gov-angel-fund', 'patient-capital-15y', '--trials', '200'] },
  compareCsv: { args: ['compare', 'us-vc-10y', 'gov-angel-fund', '--trials', '200', '--format', 'csv'] },
  planJson: { args: ['plan', 'us-vc-10y', '--format', 'json'] },
  show: { args: ['show', 'gov-angel-fund'] },
}

let r: Record<keyof typeof RUNS, CliResult>

beforeAll(async () => {
  r = await pcsimAll(RUNS)
}, 120_000)

const ok = (res: CliResult) => {
  expect(res.stderr).toBe('')
  expect(res.code).toBe(0)
}

describe('pcsim presets', () => {
  it('prints the four preset lists with ids, both names and a source', () => {
    ok(r.presets)
    const p = JSON.parse(r.presets.stdout) as Record<string, Array<{ id: string; name: { en: string; zh: string }; source: string }>>
    expect(Object.keys(p)).toEqual(['sectors', 'stages', 'funds', 'scenarios'])
    for (const list of Object.values(p)) {
      expect(list.length).toBeGreaterThan(0)
      for (const e of list) {
        expect(e.id).toMatch(/\S/)
        expect(e.name.en).toMatch(/\S/)
        expect(e.name.zh).toMatch(/\S/)
        expect(typeof e.source).toBe('string')
      }
    }
    expect(p.funds!.map((f) => f.id)).toContain('us-vc-10y')
    expect(p.scenarios!.map((s) => s.id)).toContain('ipo-shut-3y')
  })

  it('prints a table with every id', () => {
    ok(r.presetsTable)
    for (const id of ['generalist', 'seed', 'gov-angel-fund', 'biotech-winter']) expect(r.presetsTable.stdout).toContain(id)
  })
})

describe('pcsim run', () => {
  it('is reproducible: the same seed gives byte-identical JSON', () => {
    ok(r.jsonA)
    ok(r.jsonB)
    expect(r.jsonA.stdout).toBe(r.jsonB.stdout)
  })

  it('prints a RunResult whose headline figures exist and are finite', () => {
    const res = JSON.parse(r.jsonA.stdout)
    expect(res.trials).toBe(500)
    expect(res.seed).toBe('7')
    expect(res.config.run).toMatchObject({ trials: 500, seed: 7 })
    for (const k of ['netTvpi', 'grossTvpi', 'netIrr', 'dpi']) {
      const d = res.summary[k]
      for (const f of ['mean', 'sd', 'se', 'p1', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99']) expect(Number.isFinite(d[f]), `${k}.${f}`).toBe(true)
      expect(d.p10).toBeLessThanOrEqual(d.p90)
    }
    expect(res.summary.probLoss.value).toBeGreaterThanOrEqual(0)
    expect(res.summary.probLoss.value).toBeLessThanOrEqual(1)
    expect(res.summary.netIrr.undefinedShare).toBeGreaterThanOrEqual(0)
    expect(Object.keys(res)).toEqual(expect.arrayContaining(['summary', 'fan', 'valueBy', 'histograms', 'denominators']))
  })

  it('gives different results for a different seed', () => {
    ok(r.jsonSeed8)
    const a = JSON.parse(r.jsonA.stdout).summary.netTvpi
    const b = JSON.parse(r.jsonSeed8.stdout).summary.netTvpi
    expect(b.mean).not.toBe(a.mean)
  })

  it('prints CSV with one row per metric and probability rows', () => {
    ok(r.csv)
    const lines = r.csv.stdout.trim().split('\n')
    expect(lines[0]).toBe('metric,mean,sd,se,p1,p5,p10,p25,p50,p75,p90,p95,p99')
    const row = (metric: string) => lines.find((l) => l.startsWith(`${metric},`))?.split(',')
    expect(row('netTvpi')).toHaveLength(13)
    expect(row('netIrr')!.slice(1).every((x) => Number.isFinite(Number(x)))).toBe(true)
    expect(Number(row('probLoss')![1])).toBeGreaterThanOrEqual(0)
    expect(row('probAtLeast.2x')).toBeDefined()
    expect(r.csv.stdout).not.toMatch(/NaN|Infinity/)
  })

  it('writes the table to --out with a note on stderr and nothing on stdout', () => {
    expect(r.table.code).toBe(0)
    expect(r.table.stdout).toBe('')
    expect(r.table.stderr).toContain(outFile)
    const text = readFileSync(outFile, 'utf8')
    for (const label of ['US-style 10-year VC fund', 'Trials 300', 'seed 1', 'Net TVPI', 'Net IRR', 'P(loss', 'VaR 95%', 'Unicorns', 'P(one deal returns the fund)'])
      expect(text).toContain(label)
    expect(text).not.toMatch(/NaN/)
  })

  it('reads a config file that names a template, applies --trials and stacks --scenario shocks', () => {
    ok(r.stacked)
    const res = JSON.parse(r.stacked.stdout)
    expect(res.trials).toBe(200)
    expect(res.seed).toBe('5')
    expect(res.config.template).toBe('gov-angel-fund')
    expect(res.currency).toBe('CNY')
    expect(res.config.market.shocks.map((s: { id: string }) => s.id)).toEqual(['ipo-shut-3y', 'rate-shock'])
  })
})

describe('pcsim compare', () => {
  it('prints runs and paired differences with a 95% CI', () => {
    ok(r.compareJson)
    const c = JSON.parse(r.compareJson.stdout)
    expect(c.trials).toBe(300)
    expect(c.runs).toHaveLength(2)
    expect(c.pairs).toHaveLength(1)
    const p = c.pairs[0]
    expect(p).toMatchObject({ a: 0, b: 1 })
    expect(p.netTvpi.ci95).toHaveLength(2)
    expect(p.netTvpi.ci95[0]).toBeLessThanOrEqual(p.netTvpi.mean)
    expect(p.netTvpi.ci95[1]).toBeGreaterThanOrEqual(p.netTvpi.mean)
    expect(p.probABeatsB.value).toBeGreaterThanOrEqual(0)
    expect(p.probABeatsB.value).toBeLessThanOrEqual(1)
  })

  it('prints a table with every pair and a CSV row per pair', () => {
    ok(r.compareTable)
    for (const s of ['A − B', 'A − C', 'B − C', 'P(A beats B)', '95% CI', 'patient-capital-15y']) expect(r.compareTable.stdout).toContain(s)
    ok(r.compareCsv)
    const lines = r.compareCsv.stdout.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^a,b,inputA,inputB,nameA,nameB,netTvpiDiffMean,/)
    expect(lines[1]).toMatch(/^0,1,us-vc-10y,gov-angel-fund,/)
  })
})

describe('pcsim plan and show', () => {
  it('prints the expected-value plan as JSON', () => {
    ok(r.planJson)
    const p = JSON.parse(r.planJson.stdout)
    expect(p.companies).toBeGreaterThan(0)
    expect(p.companiesReaching.seed).toBeGreaterThan(0)
    expect(Number.isFinite(p.grossMultiple)).toBe(true)
  })

  it('prints the full parsed config of a template', () => {
    ok(r.show)
    const config = JSON.parse(r.show.stdout)
    expect(config.template).toBe('gov-angel-fund')
    expect(config.fund.currency).toBe('CNY')
    expect(config.run.trials).toBeGreaterThan(0)
    expect(config.market.shocks).toEqual([])
  })

  it('show output is a config that validates unchanged', async () => {
    const path = join(dir, 'shown.json')
    writeFileSync(path, r.show.stdout)
    const res = await pcsim(['validate', path])
    expect(res.stderr).toBe('')
    expect(res.code).toBe(0)
    expect(res.stdout.split('\n')[0]).toBe('valid')
  })
})
