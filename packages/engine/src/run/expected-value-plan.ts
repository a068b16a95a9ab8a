import { planPortfolio, type PlanTotals } from '../model/plan.ts'
import { resolveRun } from '../model/resolve.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { ROUND_IDS } from '../schema/ids.ts'

export interface ExpectedValuePlan {
  /** Expected companies that reach each financing round by the end of the fund's horizon. */
  companiesReaching: Record<(typeof ROUND_IDS)[number], number>
  initialCapital: number
  /** Follow-on capital the graduation rates call for, if reserves never ran out. */
  followOnDemand: number
  reserveBudget: number
  /** Expected capital deployed: initial plus follow-ons, as far as the reserve budget reaches on average. */
  capitalDeployed: number
  grossProceeds: number
  grossMultiple: number
  outcomes: { acquired: number; listed: number; failed: number; stalled: number; heldAtEnd: number }
  plannedFees: number
  investable: number
  companies: number
}

/**
 * The deterministic construction view fund managers know from spreadsheet models: every initial
 * cheque pushed through the transition table's expected values in a calm market. In a calm market
 * with ample reserves, the simulation's means converge to these numbers.
 */
export function expectedValuePlan(config: SimulationConfig): ExpectedValuePlan {
  const run = resolveRun(config)
  const t: PlanTotals = planPortfolio(run, run.construction.deals)
  const c = run.construction
  const deployed = t.initial + Math.min(t.followOn, c.reserveBudget)
  return {
    companiesReaching: Object.fromEntries(ROUND_IDS.map((r, i) => [r, t.reached[i]!])) as ExpectedValuePlan['companiesReaching'],
    initialCapital: t.initial,
    followOnDemand: t.followOn,
    reserveBudget: c.reserveBudget,
    capitalDeployed: deployed,
    grossProceeds: t.proceeds,
    grossMultiple: t.initial + t.followOn > 0 ? t.proceeds / (t.initial + t.followOn) : 0,
    outcomes: { acquired: t.acquired, listed: t.listed, failed: t.failed, stalled: t.stalled, heldAtEnd: t.heldAtEnd },
    plannedFees: c.plannedFees,
    investable: c.investable,
    companies: c.deals.length,
  }
}
