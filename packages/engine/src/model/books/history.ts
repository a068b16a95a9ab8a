import { C, type TrialRecord } from '../../run/metric-ids.ts'
import { HOLDING_ACTIVE } from '../../reforecast/resolve-reforecast.ts'
import type { ResolvedRun } from '../resolve.ts'
import type { TrialWorkspace } from '../workspace.ts'
import { netNav } from './net-nav.ts'
import { ALIVE, GONE, REACHED } from './state.ts'

/** A reforecast's holdings in the books at the start of a trial: active ones alive at their last
 * post-money, exited and written-off ones gone with their proceeds; all counted as companies. A
 * fund already past its life is in the extension years the reforecast date implies. */
export function openHoldings(run: ResolvedRun, ws: TrialWorkspace, out: TrialRecord): void {
  const rf = run.reforecast!
  const s = ws.books
  const { deals } = run
  const counts = out.counts
  for (let i = 0; i < rf.holdings; i++) {
    const active = rf.status[i] === HOLDING_ACTIVE
    ws.state[i] = active ? ALIVE : GONE
    ws.own[i] = rf.ownership[i]!
    ws.mark[i] = rf.post[i]!
    ws.invested[i] = deals.cheque[i]!
    ws.costHeld[i] = deals.cheque[i]!
    ws.proceeds[i] = rf.proceeds[i]!
    ws.entryQuarter[i] = rf.entryQuarter[i]!
    counts[C.companies]!++
    counts[REACHED[deals.round[i]!]!]!++
    if (!active) counts[rf.countMetric[i]!]!++
    out.cellInvested[deals.cell[i]!]! += deals.cheque[i]!
    out.cellProceeds[deals.cell[i]!]! += rf.proceeds[i]!
    out.cellCompanies[deals.cell[i]!]! += 1
    if (rf.post[i]! >= s.terms.unicornAt) ws.unicorn[i] = 1
  }
  const A = rf.asOfQuarter
  // tranches due before the reforecast date were the actual calls
  const tq = s.terms.trancheQuarter
  while (s.trancheNext < tq.length && tq[s.trancheNext]! < A) s.trancheNext++
  if (A >= run.lifeQuarters) {
    s.extensions = Math.ceil((A + 1 - run.lifeQuarters) / 4)
    s.endQ = Math.min(run.horizon, run.lifeQuarters + 4 * s.extensions)
  }
}

/** A quarter of history: the reported calls, fees, distributions and carry (the same in every
 * trial) go to the LPs' and GP's flows as they were; the waterfall and the LP classes' ledger see
 * them so that the carry still to come starts from where the fund stands. The gross flows carry the
 * holdings' costs at entry and exit proceeds at exit; NAV is the last one reported. */
export function historyStep(run: ResolvedRun, ws: TrialWorkspace, q: number): void {
  const rf = run.reforecast!
  const s = ws.books
  const call = rf.calls[q]!
  const fee = rf.fees[q]!
  const lp = rf.distributions[q]!
  const gp = rf.carry[q]!
  s.call = call
  s.feeQ = fee
  s.fees += fee
  s.paidIn += call
  s.unfunded = Math.max(0, s.unfunded - call)
  s.callInvest = Math.max(0, call - fee)
  s.investQ = rf.investedAt[q]!
  s.proceedsQ = rf.proceedsAt[q]!
  const reported = rf.nav[q]!
  if (reported === reported) s.nav = reported
  if (ws.ledger.uniform) {
    ws.euro.contribute(call)
    ws.euro.distribute(lp + gp, ws.split)
  } else {
    ws.ledger.call(q, s.callInvest, call - s.callInvest)
    ws.ledger.distribute(q, lp + gp, netNav(ws, s.terms.american, s.nav, 0), null)
  }
  s.distributable = lp + gp
  s.lp = lp
  s.gp = gp
  s.totalDistributed += lp + gp
  s.gpCarry += gp
  s.lpDist += lp
  if (q === 7) s.calledAt2y = s.paidIn / s.terms.size
}

/** The reforecast date: the holdings' marks become the NAV, the cash left at the fund and the
 * proceeds already recycled carry over, and realised deals enter a deal-by-deal waterfall. */
export function enterHoldings(run: ResolvedRun, ws: TrialWorkspace, q: number): void {
  const rf = run.reforecast!
  const s = ws.books
  let nav = 0
  let live = 0
  for (let i = 0; i < rf.holdings; i++) {
    if (ws.state[i] === ALIVE) {
      nav += ws.own[i]! * ws.mark[i]!
      live += ws.costHeld[i]!
    } else if (s.terms.american) {
      if (rf.proceeds[i]! > 0) ws.amer.realise(rf.proceeds[i]!, ws.invested[i]!, (q - rf.entryQuarter[i]!) / 4)
      else ws.amer.writeOff(ws.invested[i]!)
    }
  }
  s.nav = nav
  s.investedLive = live
  s.cash = rf.cash
  s.recycled = rf.recycled
}
