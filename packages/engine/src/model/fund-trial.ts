import { createTrialStreams } from '../random/streams.ts'
import type { TrialRecord } from '../run/metric-ids.ts'
import { openCapTable, scaleEntryShare } from './cap-table.ts'
import { simulateCompany } from './company-path.ts'
import { scheduleDeals } from './deal-flow.ts'
import { EFFECT, effectAt } from './effects.ts'
import { ACQUIRED, BUYBACK, FAILED } from './events.ts'
import { countProducing } from './producing.ts'
import { runBooks } from './fund-books.ts'
import { simulateMarket, type MarketPath } from './market-path.ts'
import { drawPowerLawMultiple } from './power-law.ts'
import type { ResolvedRun } from './resolve.ts'
import type { TrialWorkspace } from './workspace.ts'
import { continueHoldings, scheduleFromReforecast } from './holdings-path.ts'

export { createWorkspace, type TrialWorkspace } from './workspace.ts'

/** Stable counting sort of the trial's events by quarter into `ws.order`. */
function sortEvents(ws: TrialWorkspace, quarters: number): void {
  const ev = ws.events
  if (ws.order.length < ev.length) ws.order = new Int32Array(ev.quarter.length)
  const start = ws.bucketStart
  start.fill(0)
  for (let i = 0; i < ev.length; i++) start[ev.quarter[i]! + 1]! += 1
  for (let q = 0; q < quarters; q++) start[q + 1]! += start[q]!
  const fill = ws.bucketFill
  fill.set(start)
  for (let i = 0; i < ev.length; i++) ws.order[fill[ev.quarter[i]!]!++] = i
}

/**
 * One possible future of one fund: the market, the deal flow, every company's path, then the
 * fund's quarterly books (cheques, follow-ons, fees, calls, recycling, waterfall, LP classes, NAV)
 * and its metrics. A sub-fund of a fund-of-funds gets the mother's market path and its own streams.
 */
export function simulateTrial(run: ResolvedRun, trial: number, ws: TrialWorkspace, out: TrialRecord, shared?: { market: MarketPath; streams: string }): void {
  const { config, deals, horizon: H } = run
  const { companies } = config
  const streams = createTrialStreams(shared ? shared.streams : run.seed, trial)
  const market = shared ? shared.market : simulateMarket(run.market, run.effects, streams.market, ws.market)
  ws.tranches.cash.fill(0)
  ws.tranches.book.fill(0)
  const buyBack = config.market.exits.buyBack
  const buyBackAfter = Math.round(buyBack.triggerYears * 4)
  const rf = run.reforecast
  if (rf) scheduleFromReforecast(run, rf.holdings, rf.asOfQuarter, streams.deals, ws)
  else scheduleDeals(config, deals.quarter, streams.deals, ws.dealQuarter, run.investQuarters, ws.flow)
  const n = deals.cheque.length
  const ctx = ws.company
  const factorsOn = ctx.factorsOn
  ctx.market = market
  const ev = ws.events
  ev.clear()
  const { entryPost, entryOthers } = ws
  const powerLaw = companies.model === 'power_law'
  for (let i = 0; i < n; i++) {
    const s = deals.sector[i]!
    const q0 = ws.dealQuarter[i]!
    if (q0 < 0) continue
    if (powerLaw) {
      entryPost[i] = deals.cheque[i]!
      entryOthers[i] = 0
      const m = drawPowerLawMultiple(streams.companies, companies.powerLaw) * ws.skill
      const hold = companies.powerLaw.holdingYears
      const t = q0 + Math.max(1, Math.round(hold.median * 4 * Math.exp(hold.sigma * streams.companies.normal())))
      if (t < H) ev.push(t, i, m > 0 ? ACQUIRED : FAILED, 0, deals.cheque[i]! * m, 0)
      // an exit after the horizon keeps the value it drew: the end-of-life sale prices it
      ws.drawnValue[i] = t < H ? Number.NaN : deals.cheque[i]! * m
      continue
    }
    const model = run.sectorModels[s]!
    const hazards = run.sectorHazards[s]!
    const r = hazards[deals.round[i]!]!.round
    const shift = factorsOn ? market.valuation[s * market.years + (q0 >> 2)]! : 0
    entryPost[i] =
      r.postMoney * effectAt(run.effects, s, q0, market.regime[q0]!, EFFECT.entryValuation) * Math.exp(model.entryValuationSigma * streams.deals.normal() + shift)
    entryOthers[i] = Math.max(0, r.dilution * entryPost[i]! - deals.cheque[i]!)
    openCapTable(ws.capTables, i, hazards, deals.round[i]!, entryPost[i]!, deals.cheque[i]!)
    // deal quality (返投 pools, selection, crowding out) and manager skill scale the stake a cheque buys: in the marks (deploy) and here in the shares that exits pay
    const buys = deals.quality[i]! * ws.skill
    if (buys !== 1) scaleEntryShare(ws.capTables, i, deals.round[i]!, buys)
    ctx.model = model
    ctx.hazards = hazards
    ctx.sector = s
    simulateCompany(ctx, streams.companies, i, deals.round[i]!, q0, entryPost[i]!, ev)
    // a redemption right falls due for the fund if the company has not listed by then
    if (buyBack.enabled && q0 + buyBackAfter < H) ev.push(q0 + buyBackAfter, i, BUYBACK, deals.round[i]!, streams.deals.uniform() < buyBack.recovery ? 1 : 0, 0)
  }
  if (rf) continueHoldings(run, rf, ws, streams.companies, streams.deals)
  sortEvents(ws, H)
  ws.path = market
  // the deal stream has drawn everything it draws for the portfolio; end-of-life draws come after
  ws.rng = streams.deals
  ws.salt = streams.salt
  runBooks(run, ws, out)
  if (run.yearSeries.length > 0) countProducing(run, ws, out)
}
