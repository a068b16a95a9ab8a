import { describe, expect, it } from 'vitest'
import {
  assembleReport,
  CALIBRATION_BENCHMARKS,
  calibrationJson,
  calibrationSize,
  ENGINE_VERSION,
  exitRouteOf,
  findBenchmark,
  groupedEstimate,
  judgeBenchmark,
  judgeCheck,
  MODELLED_EXIT_ROUTES,
  parseConfig,
  quantileOrNever,
  replicateEstimate,
  runBenchmark,
  simulateCohort,
  withinBand,
  type BenchmarkDefinition,
  type CheckSpec,
} from '@pcsim/engine'
import { binomialSe } from './helpers.ts'

const spec: CheckSpec = { id: 'x', title: 'share x', unit: 'share', published: 0.5, low: 0.4, high: 0.6, band: 'test band' }

describe('band, SE and pass logic', () => {
  it('passes inside the band widened by 3 SE and fails just outside', () => {
    expect(withinBand(0.5, 0.01, 0.4, 0.6)).toBe(true)
    expect(withinBand(0.37, 0.01, 0.4, 0.6)).toBe(true)
    expect(withinBand(0.369, 0.01, 0.4, 0.6)).toBe(false)
    expect(withinBand(0.63, 0.01, 0.4, 0.6)).toBe(true)
    expect(withinBand(0.631, 0.01, 0.4, 0.6)).toBe(false)
    expect(withinBand(0.61, 0, 0.4, 0.6)).toBe(false)
  })

  it('never passes a NaN, an infinite figure or a negative SE', () => {
    expect(withinBand(Number.NaN, 0.01, 0, 1)).toBe(false)
    expect(withinBand(0.5, Number.NaN, 0, 1)).toBe(false)
    expect(withinBand(Number.POSITIVE_INFINITY, 0, 0, Number.POSITIVE_INFINITY)).toBe(false)
    expect(withinBand(0.5, -1, 0, 1)).toBe(false)
  })

  it('a failing check says which side and by how much; output stays finite', () => {
    const low = judgeCheck(spec, { value: 0.2, se: 0.01 })
    expect(low.pass).toBe(false)
    expect(low.note).toBe('share x: 20.0% ± 1.0% is below 40.0%–60.0% ± 3 SE')
    expect(judgeCheck(spec, { value: 0.9, se: 0.01 }).note).toContain('is above')
    const nan = judgeCheck(spec, { value: Number.NaN, se: Number.NaN })
    expect(nan).toMatchObject({ pass: false, simulated: 0, se: 0 })
    expect(nan.note).toContain('no finite figure')
    expect(judgeCheck(spec, { value: 0.5, se: 0.01 })).toMatchObject({ pass: true, simulated: 0.5, se: 0.01, low: 0.4, high: 0.6, published: 0.5 })
  })

  it('a censored figure fails even inside the band', () => {
    const r = judgeCheck({ ...spec, unit: 'years', low: 11, high: 15, published: 13 }, { value: 12, se: 0, censored: true })
    expect(r.pass).toBe(false)
    expect(r.note).toContain('beyond 12.00 y')
  })

  it('a benchmark passes only if every check does, and shows its first check', () => {
    const def: BenchmarkDefinition = { id: 't', title: 'T', source: '[R1]', method: 'm', limitation: 'no such route', checks: [spec, { ...spec, id: 'y', title: 'share y' }], measure: () => [] }
    const ok = judgeBenchmark(def, [{ value: 0.45, se: 0.01 }, { value: 0.55, se: 0.01 }])
    expect(ok).toMatchObject({ pass: true, simulated: 0.45, se: 0.01, low: 0.4, high: 0.6, published: 0.5 })
    expect(ok.note).toBeUndefined()
    const bad = judgeBenchmark(def, [{ value: 0.45, se: 0.01 }, { value: 0.95, se: 0.01 }])
    expect(bad.pass).toBe(false)
    expect(bad.simulated).toBe(0.45)
    expect(bad.note).toBe('share y: 95.0% ± 1.0% is above 40.0%–60.0% ± 3 SE; no such route')
    expect(() => judgeBenchmark(def, [{ value: 0.5, se: 0 }])).toThrow(RangeError)
  })
})

describe('estimates', () => {
  it('replicate SE is the sd over √K', () => {
    const e = replicateEstimate([1, 2, 3, 4])
    expect(e.value).toBe(2.5)
    expect(e.se).toBeCloseTo(Math.sqrt(5 / 3 / 4), 12)
    expect(Number.isNaN(replicateEstimate([1]).se)).toBe(true)
  })

  it('batch means: the whole-sample statistic with the spread of group statistics', () => {
    const x = [1, 1, 1, 1, 3, 3, 3, 3]
    const e = groupedEstimate(8, 2, (a, b) => x.slice(a, b).reduce((s, v) => s + v, 0) / (b - a))
    expect(e.value).toBe(2)
    expect(e.se).toBeCloseTo(1, 12)
  })

  it('quantiles rank "never" last and turn infinite when they reach it', () => {
    const v = [3, 1, Number.NaN, 2, Number.NaN]
    expect(quantileOrNever(v, 0, 5, 0)).toBe(1)
    expect(quantileOrNever(v, 0, 5, 0.5)).toBe(3)
    expect(quantileOrNever(v, 0, 5, 0.6)).toBe(Number.POSITIVE_INFINITY)
    expect(quantileOrNever(v, 0, 4, 0.5)).toBe(2.5)
  })

  it('on independent companies the replicate SE matches the binomial SE', () => {
    const size = calibrationSize(1000)
    const row = runBenchmark(findBenchmark('b2-seed-funnel')!, size)
    const a = row.checks[0]!
    const ratio = a.se / binomialSe(a.simulated, size.companies)
    expect(ratio).toBeGreaterThan(0.5)
    expect(ratio).toBeLessThan(1.7)
  })

  it('is deterministic for a given size', () => {
    const size = calibrationSize(200)
    const def = findBenchmark('b9-drug-pipeline')!
    expect(runBenchmark(def, size)).toEqual(runBenchmark(def, size))
  })

  it('rejects sizes outside the limits', () => {
    expect(() => calibrationSize(10)).toThrow(/200/)
    expect(() => calibrationSize(1.5)).toThrow()
    expect(calibrationSize(1000)).toEqual({ trials: 1000, companies: 20_000, replicates: 10 })
  })
})

describe('report and JSON shape', () => {
  const rows = CALIBRATION_BENCHMARKS.map((d, i) =>
    judgeBenchmark(
      d,
      d.checks.map((c) => ({ value: i % 2 ? c.high * 10 + 1 : (c.low + c.high) / 2, se: 0 })),
    ),
  )
  const report = assembleReport(calibrationSize(1000), [...rows].reverse())

  it('orders rows canonically and counts passes', () => {
    expect(report.benchmarks.map((b) => b.id)).toEqual(CALIBRATION_BENCHMARKS.map((d) => d.id))
    expect(report.passed).toBe(Math.ceil(CALIBRATION_BENCHMARKS.length / 2))
    expect(report.total).toBe(CALIBRATION_BENCHMARKS.length)
    expect(() => assembleReport(calibrationSize(1000), rows.slice(1))).toThrow(/lacks benchmark/)
  })

  it('prints { engineVersion, benchmarks: [{ id, title, published, simulated, se, low, high, pass }] }, notes on failures', () => {
    const json = JSON.parse(JSON.stringify(calibrationJson(report))) as { engineVersion: string; benchmarks: Array<Record<string, unknown>> }
    expect(json.engineVersion).toBe(ENGINE_VERSION)
    expect(json.benchmarks).toHaveLength(CALIBRATION_BENCHMARKS.length)
    for (const b of json.benchmarks) {
      for (const k of ['id', 'title', 'published', 'simulated', 'se', 'low', 'high', 'pass']) expect(b, k).toHaveProperty(k)
      expect(typeof b.pass).toBe('boolean')
      for (const k of ['published', 'simulated', 'se', 'low', 'high']) expect(Number.isFinite(b[k]), `${b.id} ${k}`).toBe(true)
      expect(typeof b.note === 'string').toBe(!b.pass)
    }
  })

  it('benchmark ids are unique and every check has a band inside which its published figure lies', () => {
    expect(new Set(CALIBRATION_BENCHMARKS.map((b) => b.id)).size).toBe(CALIBRATION_BENCHMARKS.length)
    for (const d of CALIBRATION_BENCHMARKS)
      for (const c of d.checks) {
        expect(c.low, `${d.id}/${c.id}`).toBeLessThanOrEqual(c.published + 1e-12)
        expect(c.high, `${d.id}/${c.id}`).toBeGreaterThanOrEqual(c.published - 1e-12)
      }
  })
})

describe('what the benchmarks read from a cohort', () => {
  it('onCompany sees every company, its exits by route and its financings, agreeing with the cohort totals', () => {
    const config = parseConfig({ template: 'gov-angel-fund', run: { seed: 'plumbing' } })
    if (!config.ok) throw new Error('config')
    const routes = new Map<string, number>()
    let companies = 0
    let financings = 0
    let below1x = 0
    const r = simulateCohort(config.config, {
      sector: 'generalist',
      stage: 'seed',
      companies: 3000,
      years: 10,
      onCompany: (c) => {
        companies++
        for (let e = 0; e < c.events.length; e++) {
          const route = exitRouteOf(c.events, e)
          if (route) routes.set(route, (routes.get(route) ?? 0) + 1)
        }
        financings += c.financings
        for (let k = 0; k < c.financings; k++) if (c.financingMultiple[k]! < 1) below1x++
      },
    })
    expect(companies).toBe(3000)
    expect(routes.get('ipo') ?? 0).toBe(Math.round(r.listed * 3000))
    expect(routes.get('trade_sale') ?? 0).toBe(Math.round(r.acquired * 3000))
    expect(r.listed + r.acquired + r.transferred).toBeGreaterThan(0.05)
    expect(financings).toBe(r.financings.count)
    expect(below1x / financings).toBeCloseTo(r.financings.below1x, 12)
    for (const route of routes.keys()) expect(MODELLED_EXIT_ROUTES.has(route as never), route).toBe(true)
  })
})
