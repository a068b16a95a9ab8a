import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseConfig, parseHoldingsJson, planAtDate, planVsActual, resolveRun, runSimulation, withReforecast } from '@pcsim/engine'
import { config } from './helpers.ts'

const plan = config({ run: { trials: 400, seed: 'plan' } })
const parsed = parseHoldingsJson(JSON.parse(readFileSync(new URL('../../docs/examples/reforecast-holdings.json', import.meta.url), 'utf8')), plan)
if (!parsed.ok) throw new Error('example rejected')
const holdings = parsed.reforecast

describe('plan against actual on the docs example (us-vc-10y, eight quarters in)', () => {
  const atDate = planAtDate(plan, holdings)!
  const reforecastConfig = parseConfig(withReforecast(plan, holdings))
  if (!reforecastConfig.ok) throw new Error('reforecast config rejected')
  const planResult = runSimulation(plan)
  const planToDate = runSimulation(atDate)
  const reforecastResult = runSimulation(reforecastConfig.config)
  const pva = planVsActual({ plan, reforecast: holdings, planResult, planToDate, reforecastResult })

  it('reads the plan at the reforecast date', () => {
    expect(atDate.run.evaluateAtYear).toBe(2)
    expect(atDate.reforecast).toBeUndefined()
    expect(pva.asOfQuarter).toBe(8)
  })

  it('actual figures come from the holdings', () => {
    expect(pva.toDate.paidIn.actual).toBeCloseTo(16 / 100, 12)
    expect(pva.toDate.invested.actual).toBeCloseTo(12.3 / 100, 12)
    expect(pva.toDate.dpi.actual).toBeCloseTo(4 / 16, 12)
    const nav = 0.06 * 40 + 0.08 * 7.5 + 0.045 * 90 + 0.05 * 24 + 0.09 * 12 + 0.04 * 30
    expect(pva.toDate.rvpi.actual).toBeCloseTo(nav / 16, 12)
    expect(pva.toDate.tvpi.actual).toBeCloseTo(pva.toDate.dpi.actual + pva.toDate.rvpi.actual, 12)
    expect(pva.toDate.companies.seed.actual).toBe(5)
    expect(pva.toDate.companies.early.actual).toBe(5)
    expect(pva.toDate.companies.growth.actual).toBe(0)
  })

  it('counts a holding by the stage of its first cheque when the file gives it', () => {
    // the example's Series A and B holdings entered at seed
    const seeded = { ...holdings, holdings: { ...holdings.holdings, companies: holdings.holdings.companies.map((c) => ({ ...c, entryStage: 'seed' as const })) } }
    const byEntry = planVsActual({ plan, reforecast: seeded, planResult, planToDate, reforecastResult })
    expect([byEntry.toDate.companies.seed.actual, byEntry.toDate.companies.early.actual, byEntry.toDate.companies.growth.actual]).toEqual([10, 0, 0])
    expect(byEntry.toDate.companies.seed.plan).toBe(pva.toDate.companies.seed.plan)
    const bad = parseHoldingsJson({ ...JSON.parse(readFileSync(new URL('../../docs/examples/reforecast-holdings.json', import.meta.url), 'utf8')), holdings: { ...holdings.holdings, companies: [{ ...holdings.holdings.companies[0]!, entryStage: 'series-a' }] } }, plan)
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.issues.map((i) => i.path)).toContain('/holdings/companies/0/entryStage')
  })

  it('the plan\'s figures by the date are its trials read there; its companies are the cheques planned before it', () => {
    const deals = resolveRun(plan).deals
    const before = Array.from(deals.quarter).filter((q) => q < 8).length
    expect(pva.toDate.companies.seed.plan + pva.toDate.companies.early.plan + pva.toDate.companies.growth.plan).toBe(before)
    expect(pva.toDate.paidIn.plan).toEqual({ p10: planToDate.summary.deployment.paidInShare.p10, p50: planToDate.summary.deployment.paidInShare.p50, p90: planToDate.summary.deployment.paidInShare.p90, mean: planToDate.summary.deployment.paidInShare.mean })
    // the plan had deployed far more by year 2 than this fund did
    expect(pva.toDate.invested.plan!.p10).toBeGreaterThan(pva.toDate.invested.actual)
    expect(pva.toDate.paidIn.plan!.p50).toBeGreaterThan(pva.toDate.paidIn.actual)
  })

  it('the forward distributions are the two runs\' whole-life summaries', () => {
    expect(pva.forward.netTvpi.plan.p50).toBe(planResult.summary.netTvpi.p50)
    expect(pva.forward.netTvpi.reforecast.p50).toBe(reforecastResult.summary.netTvpi.p50)
    expect(pva.forward.probLoss.reforecast).toEqual(reforecastResult.summary.probLoss)
    // four of the fund's cash flows are history: every trial has at least the DPI it already had
    expect(reforecastResult.summary.dpi.min).toBeGreaterThanOrEqual(0)
    expect(reforecastResult.summary.deployment.paidInShare.min).toBeGreaterThanOrEqual(0.16 - 1e-12)
  })

  it('at day 0 there is nothing to compare to date', () => {
    const day0 = { fundStart: '2024-01-01', asOf: '2024-01-01', holdings: { companies: [], cashFlows: [] } }
    expect(planAtDate(plan, day0)).toBeNull()
    const p = planVsActual({ plan, reforecast: day0, planResult, planToDate: null, reforecastResult: planResult })
    expect(p.toDate.paidIn).toEqual({ actual: 0, plan: null })
    expect(p.forward.netTvpi.plan).toEqual(p.forward.netTvpi.reforecast)
  })
})
