import type { TrialWorkspace } from '../workspace.ts'

/** Calls: the quarter's cheques and fee are paid from the fund's cash first, then called from
 * uncalled commitments; what neither covers is owed as fee arrears. */
export function callsStep(ws: TrialWorkspace, q: number): void {
  const s = ws.books
  let need = s.investQ + s.feeQ
  const fromCash = Math.min(s.cash, need)
  s.cash -= fromCash
  need -= fromCash
  const call = Math.min(need, s.unfunded)
  s.unfunded -= call
  need -= call
  s.feeArrears += need
  s.paidIn += call
  ws.calls[q] = call
  s.call = call
  s.callInvest = s.investQ + s.feeQ > 0 ? (call * s.investQ) / (s.investQ + s.feeQ) : 0
}
