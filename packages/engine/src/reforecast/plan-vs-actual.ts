import { directConstruction, horizonQuarters, planBase } from '../model/fund-construction.ts'
import type { RunResult } from '../run/summarise.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { ENTRY_STAGE_IDS } from '../schema/ids.ts'
import type { Reforecast } from '../schema/reforecast.ts'
import type { Distribution } from '../stats/describe.ts'
import type { Band, PlanVsActual } from './plan-vs-actual-types.ts'
import { holdingsTotals } from './holdings-totals.ts'
import { reforecastQuarter, STAGE_OF_ROUND } from './resolve-reforecast.ts'

const band = (d: Distribution | null | undefined): Band | null => (d ? { p10: d.p10, p50: d.p50, p90: d.p90, mean: d.mean } : null)

/** The plan read at a reforecast date: its config with metrics as of that many quarters (null at day 0). */
export function planAtDate(plan: SimulationConfig, reforecast: Pick<Reforecast, 'fundStart' | 'asOf'>): SimulationConfig | null {
  const A = reforecastQuarter(reforecast)
  if (A === 0) return null
  const { reforecast: _none, ...fresh } = plan
  return { ...fresh, run: { ...fresh.run, evaluateAtYear: A / 4 } }
}

/**
 * Plan against actual: what the fund has done by its reforecast date (from the holdings, the same in
 * every trial) beside what the plan's trials had done by then (`planToDate`: the plan run with
 * `planAtDate`), and the reforecast's whole-life distribution beside the plan's.
 */
export function planVsActual(input: { plan: SimulationConfig; reforecast: Reforecast; planResult: RunResult; planToDate: RunResult | null; reforecastResult: RunResult }): PlanVsActual {
  const { plan, reforecast: r, planResult, planToDate, reforecastResult } = input
  const size = plan.fund.size
  const A = reforecastQuarter(r)
  const { calls, distributions: dist, invested, nav } = holdingsTotals(r)
  const companies = Object.fromEntries(ENTRY_STAGE_IDS.map((s) => [s, { actual: 0, plan: 0 }])) as PlanVsActual['toDate']['companies']
  for (const c of r.holdings.companies) companies[c.entryStage ?? STAGE_OF_ROUND[c.round]].actual++
  for (const d of directConstruction(planBase(plan, horizonQuarters(plan))).deals) if (d.quarter < A) companies[d.stage].plan++
  const s = planToDate?.summary
  const per = (x: number) => (calls > 0 ? x / calls : 0)
  const p = planResult.summary
  const f = reforecastResult.summary
  return {
    asOf: r.asOf,
    asOfQuarter: A,
    toDate: {
      paidIn: { actual: calls / size, plan: band(s?.deployment.paidInShare) },
      invested: { actual: invested / size, plan: band(s?.deployment.investedShare) },
      rvpi: { actual: per(nav), plan: band(s?.rvpi) },
      dpi: { actual: per(dist), plan: band(s?.dpi) },
      tvpi: { actual: per(dist + nav), plan: band(s?.netTvpi) },
      companies,
    },
    forward: {
      netTvpi: { plan: band(p.netTvpi)!, reforecast: band(f.netTvpi)! },
      dpi: { plan: band(p.dpi)!, reforecast: band(f.dpi)! },
      netIrr: { plan: band(p.netIrr), reforecast: band(f.netIrr) },
      probLoss: { plan: p.probLoss, reforecast: f.probLoss },
    },
  }
}
