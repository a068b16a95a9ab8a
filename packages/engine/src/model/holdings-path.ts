import type { Rng } from '../random/rng.ts'
import { HOLDING_ACTIVE, type ResolvedReforecast } from '../reforecast/resolve-reforecast.ts'
import { openCapTable } from './cap-table.ts'
import { simulateCompany } from './company-path.ts'
import { scheduleDeals } from './deal-flow.ts'
import { BUYBACK } from './events.ts'
import type { ResolvedRun } from './resolve.ts'
import type { TrialWorkspace } from './workspace.ts'

/** A reforecast's new deals: the plan's cheques from the reforecast date on, on the plan's quarters
 * or, with the pipeline, drawn over what is left of the investment period from that date. The
 * holdings' slots are never deployed (quarter −1). */
export function scheduleFromReforecast(run: ResolvedRun, h: number, A: number, rng: Rng, ws: TrialWorkspace): void {
  const out = ws.dealQuarter
  out.fill(-1, 0, h)
  const scheduled = out.subarray(h)
  scheduleDeals(run.config, run.deals.quarter.subarray(h), rng, scheduled, Math.max(0, run.investQuarters - A), ws.flow)
  if (run.config.strategy.pipeline.enabled) for (let i = 0; i < scheduled.length; i++) if (scheduled[i]! >= 0) scheduled[i]! += A
}

/**
 * Each active holding continues from its current round under the market model: its round's
 * hazard walk starts at the holding's age in the round (it has had no event since), from the
 * reforecast date. The fund's stake is one class of the current round in the company's cap table,
 * with the holding's own preference terms when it names them.
 */
export function continueHoldings(run: ResolvedRun, rf: ResolvedReforecast, ws: TrialWorkspace, rng: Rng, dealsRng: Rng): void {
  const ctx = ws.company
  const ev = ws.events
  const { deals } = run
  const buyBack = run.config.market.exits.buyBack
  const buyBackAfter = Math.round(buyBack.triggerYears * 4)
  const q = rf.asOfQuarter - 1
  for (let i = 0; i < rf.holdings; i++) {
    if (rf.status[i] !== HOLDING_ACTIVE) continue
    const s = deals.sector[i]!
    const round = deals.round[i]!
    const post = rf.post[i]!
    const hazards = run.sectorHazards[s]!
    ws.entryPost[i] = post
    ws.entryOthers[i] = 0
    openCapTable(ws.capTables, i, hazards, round, post, rf.ownership[i]! * post)
    ctx.model = run.sectorModels[s]!
    ctx.hazards = hazards
    ctx.sector = s
    simulateCompany(ctx, rng, i, round, q, post, ev, rf.startAge[i]!)
    const due = rf.entryQuarter[i]! + buyBackAfter
    if (buyBack.enabled && due > q && due < run.horizon) ev.push(due, i, BUYBACK, round, dealsRng.uniform() < buyBack.recovery ? 1 : 0, 0)
  }
}
