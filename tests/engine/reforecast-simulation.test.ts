import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { annualise, FUND_TEMPLATES, parseConfig, periodicIrr, resolveRun, runChunk, runSimulation, type SimulationConfig } from '@pcsim/engine'
import { config, npv } from './helpers.ts'
import { exitProceeds } from '../../packages/engine/src/model/books/exit-proceeds.ts'
import { openCapTable } from '../../packages/engine/src/model/cap-table.ts'
import { createWorkspace } from '../../packages/engine/src/model/workspace.ts'

const DAY_ZERO = { fundStart: '2024-01-01', asOf: '2024-01-01', holdings: { companies: [], cashFlows: [] } }

function withHoldings(base: SimulationConfig, reforecast: unknown): SimulationConfig {
  const parsed = parseConfig({ ...base, reforecast })
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.map((i) => [i.path, i.code])))
  return parsed.config
}

describe('a fund at day 0 (asOf = fundStart, no holdings, no flows) is a fresh simulation of its config', () => {
  const cases: Array<[string, SimulationConfig]> = [
    ['us-vc-10y', config({ run: { trials: 400, seed: 'day0' } })],
    ['american, evaluated at year 6', config({ fund: { carry: { waterfall: 'american', hurdle: 0.08, catchUp: 1, clawback: true } }, run: { trials: 300, seed: 7, evaluateAtYear: 6 } })],
    ['gov-angel-fund (LP classes, government terms)', config({ template: 'gov-angel-fund', run: { trials: 200, seed: 'gov' } })],
    ['pipeline on', config({ strategy: { pipeline: { enabled: true } }, run: { trials: 200, seed: 'pipe' } })],
  ]
  for (const [name, c] of cases)
    it(`${name}: identical summary, fan and value tables on the same seed`, () => {
      const fresh = runSimulation(c)
      const day0 = runSimulation(withHoldings(c, DAY_ZERO))
      expect(day0.summary).toEqual(fresh.summary)
      expect(day0.fan).toEqual(fresh.fan)
      expect(day0.valueBy).toEqual(fresh.valueBy)
      expect(day0.histograms).toEqual(fresh.histograms)
    })
})

/** Four companies, all realised by the end of year 6 (past the five-year investment period). */
const ALL_EXITED = {
  fundStart: '2020-01-01',
  asOf: '2025-12-31',
  holdings: {
    companies: [
      { id: 'c1', sector: 'generalist', round: 'a', lastRoundDate: '2021-06-01', entryDate: '2020-02-01', invested: 10, ownership: 0.1, postMoney: 60, status: 'exited', proceeds: 30, exitDate: '2023-06-30' },
      { id: 'c2', sector: 'ai', round: 'seed', lastRoundDate: '2020-05-01', invested: 5, ownership: 0.12, postMoney: 8, status: 'written_off', exitDate: '2022-12-31' },
      { id: 'c3', sector: 'biotech', round: 'b', lastRoundDate: '2022-03-01', entryDate: '2020-09-01', invested: 8, ownership: 0.05, postMoney: 150, status: 'exited', proceeds: 12, exitDate: '2025-03-31', exitRoute: 'listing' },
      { id: 'c4', sector: 'generalist', round: 'seed', lastRoundDate: '2020-11-01', invested: 7, ownership: 0.2, postMoney: 20, status: 'exited', proceeds: 21, exitDate: '2024-09-30', exitRoute: 'transfer' },
    ],
    // 7.5 invested and 1 of fees a quarter for a year, then fees only; every exit distributed in its quarter
    cashFlows: Array.from({ length: 24 }, (_, q) => {
      const end = new Date(Date.UTC(2020, 3 * q + 3, 0)).toISOString().slice(0, 10)
      const distributions = end === '2023-06-30' ? 30 : end === '2024-09-30' ? 21 : end === '2025-03-31' ? 12 : 0
      return { date: end, calls: q < 4 ? 8.5 : 1, distributions, fees: 1 }
    }),
  },
}

describe('a fund whose holdings are all realised reproduces its actual TVPI, DPI and IRR in every trial', () => {
  const flows = new Float64Array(40)
  for (const f of ALL_EXITED.holdings.cashFlows) {
    const q = (Number(f.date.slice(0, 4)) - 2020) * 4 + Math.floor((Number(f.date.slice(5, 7)) - 1) / 3)
    flows[q]! += f.distributions - f.calls
  }
  const paidIn = ALL_EXITED.holdings.cashFlows.reduce((a, f) => a + f.calls, 0)
  const distributed = ALL_EXITED.holdings.cashFlows.reduce((a, f) => a + f.distributions, 0)
  const irr = annualise(periodicIrr(flows, 40), 4)

  for (const [name, overrides] of [
    ['european carry', {}],
    ['american carry with a hurdle', { fund: { carry: { waterfall: 'american', hurdle: 0.08, catchUp: 1, clawback: true } } }],
  ] as const)
    it(`${name}: TVPI = DPI = ${distributed}/${paidIn}, IRR from the quarterly flows`, () => {
      const c = withHoldings(config({ ...overrides, run: { trials: 64, seed: 'exited' } }), ALL_EXITED)
      const r = runChunk(resolveRun(c), 0, 64)
      for (let t = 0; t < 64; t++) {
        expect(r.values.paidIn[t]).toBe(paidIn)
        expect(r.values.netTvpi[t]).toBe(distributed / paidIn)
        expect(r.values.dpi[t]).toBe(distributed / paidIn)
        expect(r.values.rvpi[t]).toBe(0)
        expect(r.values.netIrr[t]).toBe(irr)
        expect(r.values.invested[t]).toBe(30)
        expect(r.values.grossProceeds[t]).toBe(63)
        expect(r.counts.companies[t]).toBe(4)
        expect(r.counts.writeOffs[t]).toBe(1)
        expect(r.counts.listings[t]).toBe(1)
        expect(r.counts.transfers[t]).toBe(1)
        expect(r.counts.acquisitions[t]).toBe(1)
      }
      // the IRR is the rate at which the actual flows' NPV is zero
      expect(Math.abs(npv(flows, Math.pow(1 + irr, 0.25) - 1))).toBeLessThan(1e-8)
    })
})

describe('a fund in mid-life', () => {
  const example = {
    fundStart: '2022-01-01',
    asOf: '2023-12-31',
    holdings: {
      companies: [
        { id: 'live', sector: 'generalist', round: 'a', lastRoundDate: '2023-06-30', invested: 4, ownership: 0.08, postMoney: 50, status: 'active' },
        { id: 'sold', sector: 'generalist', round: 'seed', lastRoundDate: '2022-03-01', invested: 1, ownership: 0.1, postMoney: 10, status: 'exited', proceeds: 3, exitDate: '2023-03-31' },
      ],
      cashFlows: [
        { date: '2022-03-31', calls: 6, distributions: 0, fees: 0.5 },
        { date: '2023-06-30', calls: 1, distributions: 2.5, fees: 1 },
      ],
    },
  }
  const c = withHoldings(config({ run: { trials: 300, seed: 'mid' } }), example)
  const run = resolveRun(c)
  const r = runChunk(run, 0, 300)

  it('puts the holdings first, then the strategy\'s new cheques for what is left, from the reforecast date at its pace', () => {
    const fresh = resolveRun(config())
    const n = run.deals.cheque.length
    expect(Array.from(run.deals.quarter.subarray(0, 2))).toEqual([-1, -1])
    expect(run.reforecast?.asOfQuarter).toBe(8)
    expect(run.reforecast?.cash).toBeCloseTo(7 + 3 - 5 - 1.5 - 2.5, 12)
    const quarters = Array.from(run.deals.quarter.subarray(2))
    expect(Math.min(...quarters)).toBe(8)
    expect(Math.max(...quarters)).toBe(8 + 9) // deploymentYears 2.5 → 10 quarters, inside the 5-year investment period
    const remaining = fresh.construction.investable - 5
    const pool = remaining / (1 + fresh.construction.reserveRatio)
    let newCheques = 0
    for (let i = 2; i < n; i++) newCheques += run.deals.cheque[i]!
    // whole companies of 0.6 (seed) and 1.2 (early) for half the pool each
    expect(Math.abs(newCheques - pool)).toBeLessThanOrEqual(0.6 + 1.2)
    expect(run.reserveStart).toBeCloseTo(fresh.construction.investable - 5 - newCheques, 9)
  })

  it('a fund past its investment period writes no new cheques and keeps no reserve without live holdings', () => {
    const done = resolveRun(withHoldings(config(), ALL_EXITED))
    expect(done.deals.cheque.length).toBe(4)
    expect(done.reserveStart).toBe(0)
  })

  it('history is the same in every trial; the future differs', () => {
    const years = r.years
    for (let t = 0; t < 300; t++) expect(r.values.paidIn[t]).toBeGreaterThanOrEqual(7)
    const tvpi = Array.from(r.values.netTvpi)
    expect(new Set(tvpi).size).toBeGreaterThan(100)
    expect(years).toBeGreaterThan(0)
  })

  it('each trial is the same however the trials are chunked (no state left from the trial before)', () => {
    const whole = runChunk(run, 0, 40)
    for (let t = 0; t < 40; t += 7) {
      const alone = runChunk(run, t, t + 1)
      for (const k of ['netTvpi', 'netIrr', 'paidIn', 'invested', 'fees', 'carry', 'grossProceeds'] as const) expect(alone.values[k][0], `${k} of trial ${t}`).toBe(whole.values[k][t])
    }
  })

  it('an asOf after the fund\'s life and extensions is refused with the field named', () => {
    const late = parseConfig({ ...config(), reforecast: { ...example, asOf: '2040-12-31' } })
    expect(late.ok).toBe(false)
    if (!late.ok) expect(late.issues.map((i) => [i.path, i.code])).toContainEqual(['/reforecast/asOf', 'as_of_after_end'])
  })
})

describe('a holding\'s own preference terms feed its preference stack', () => {
  const held = (terms: Record<string, unknown>) =>
    resolveRun(
      withHoldings(config({ companies: { dealTerms: { preferenceMultiple: 0 } }, run: { trials: 1 } }), {
        fundStart: '2022-01-01',
        asOf: '2023-12-31',
        holdings: {
          companies: [{ id: 'p', sector: 'generalist', round: 'b', lastRoundDate: '2023-06-30', invested: 4, ownership: 0.1, postMoney: 40, status: 'active', ...terms }],
          cashFlows: [{ date: '2022-03-31', calls: 4, distributions: 0, fees: 0 }],
        },
      }),
    )
  /** The fund's proceeds from a sale of the holding for `value`, its stake opened as the books open it. */
  function proceeds(run: ReturnType<typeof held>, value: number): number {
    const ws = createWorkspace(run)
    openCapTable(ws.capTables, 0, run.sectorHazards[0]!, 2, 40, 0.1 * 40)
    return exitProceeds(run, ws, 0, 0.1 * value, value)
  }
  it('a 1x senior preference protects the fund in a sale below the last round; common equity does not', () => {
    const common = held({})
    const preferred = held({ preferenceMultiple: 1, participation: 'none', seniority: 'stacked' })
    expect(common.reforecast!.terms[0]).toBeNull()
    expect(proceeds(common, 10)).toBeCloseTo(1, 12)
    // the fund's 4m is the senior class: a 10m sale pays it back in full
    expect(proceeds(preferred, 10)).toBeCloseTo(4, 9)
    // far above the preference it converts: ownership × value
    expect(proceeds(preferred, 400)).toBeCloseTo(40, 9)
  })
})

describe('every fund template reforecasts the docs example', () => {
  const example = JSON.parse(readFileSync(new URL('../../docs/examples/reforecast-holdings.json', import.meta.url), 'utf8')) as Record<string, unknown>
  for (const t of FUND_TEMPLATES.filter((f) => !config({ template: f.id }).subFunds))
    it(`${t.id}: the history in every trial, finite figures`, () => {
      const c = withHoldings(config({ template: t.id, run: { trials: 24, seed: t.id } }), example)
      const r = runChunk(resolveRun(c), 0, 24)
      for (let i = 0; i < 24; i++) {
        // 16 called and 4 distributed by the reforecast date: never less in any future
        expect(r.values.paidIn[i]!).toBeGreaterThanOrEqual(16 - 1e-9)
        expect(r.values.dpi[i]! * r.values.paidIn[i]!).toBeGreaterThanOrEqual(4 - 1e-9)
        expect(r.values.invested[i]!).toBeGreaterThanOrEqual(12.3 - 1e-9)
        for (const k of ['netTvpi', 'grossTvpi', 'dpi', 'rvpi', 'fees', 'carry'] as const) expect(Number.isFinite(r.values[k][i]), `${k} of trial ${i}`).toBe(true)
        expect(r.counts.companies[i]!).toBeGreaterThanOrEqual(10)
      }
    })
})
