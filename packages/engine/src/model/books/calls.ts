import type { TrialWorkspace } from '../workspace.ts'
import type { BooksState } from './state.ts'

const AHEAD = 1
const TRANCHES = 2

/** Calls: the quarter's cheques and fee are paid from the fund's cash first; the policy then sets the
 * call. Just in time: what is still needed. Ahead: that plus the projected needs of the next quarters,
 * less the cash held. Tranches: every tranche due by now, the next ones early when cash would fall
 * below the top-up level, and just in time beyond the tranches. Called cash not spent stays at the
 * fund (earning its yield); what neither covers is owed as fee arrears. */
export function callsStep(ws: TrialWorkspace, q: number): void {
  const s = ws.books
  const t = s.terms
  const needQ = s.investQ + s.feeQ
  let need = needQ
  const fromCash = Math.min(s.cash, need)
  s.cash -= fromCash
  need -= fromCash
  let call: number
  if (t.callPolicy === AHEAD) call = Math.min(s.unfunded, Math.max(0, need + t.keepAhead[q]! - s.cash))
  else if (t.callPolicy === TRANCHES) call = trancheCall(s, q, need)
  else call = Math.min(need, s.unfunded)
  const feeShare = ws.ledger.currentFeeShare()
  if (feeShare < 1 && feeShare > 0 && s.feeQ > 0) call = withinClassCommitments(s, call, need, needQ, feeShare)
  else s.unfunded -= call
  const pay = Math.min(call, need)
  need -= pay
  s.cash += call - pay
  s.feeArrears += need
  s.paidIn += call
  ws.calls[q] = call
  s.call = call
  s.callInvest = needQ > 0 ? (pay * s.investQ) / needQ + (call - pay) : call
  if (q === 7) s.calledAt2y = s.paidIn / t.size
}

/** Fee-paying classes pay the fee-exempt classes' share of the fund's commitments only as investment,
 * so each unit of fee called uses 1 ÷ (fee-paying share) of the commitments left: the call is cut
 * to what the commitments allow and the commitments left fall by what it uses. */
function withinClassCommitments(s: BooksState, call: number, need: number, needQ: number, feeShare: number): number {
  const extra = (c: number) => ((Math.min(c, need) * s.feeQ) / needQ) * (1 / feeShare - 1)
  let c = call
  const over = c + extra(c) - s.unfunded
  if (over > 0) c = Math.max(0, c - over)
  s.unfunded = Math.max(0, s.unfunded - c - extra(c))
  return c
}

function trancheCall(s: BooksState, q: number, need: number): number {
  const t = s.terms
  const K = t.trancheQuarter.length
  while (s.trancheNext < K && t.trancheQuarter[s.trancheNext]! <= q) s.trancheTarget = t.trancheCum[s.trancheNext++]!
  while (s.trancheNext < K && s.cash + Math.max(0, s.trancheTarget - s.paidIn) - need < t.topUp) s.trancheTarget = t.trancheCum[s.trancheNext++]!
  const call = Math.min(s.unfunded, Math.max(0, s.trancheTarget - s.paidIn))
  return call < need ? Math.min(s.unfunded, need) : call
}

/** Cash held at the fund (recycled proceeds and capital called ahead) earns its yield for the quarter. */
export function cashYieldStep(ws: TrialWorkspace): void {
  const s = ws.books
  const rate = s.terms.cashYieldQ
  if (!(rate > 0) || !(s.cash > 0)) return
  const income = s.cash * rate
  s.cash += income
  s.cashIncome += income
}
