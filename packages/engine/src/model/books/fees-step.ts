import type { ResolvedRun } from '../resolve.ts'
import type { TrialWorkspace } from '../workspace.ts'
import { NO_FEE } from './state.ts'

/** Fees: the quarter's management fee on its basis (paid-in as of the quarter's start), borne by the
 * fee-paying classes. Same arithmetic as `quarterFee`. */
export function feesStep(_run: ResolvedRun, ws: TrialWorkspace, q: number): void {
  const s = ws.books
  const f = s.terms.fees
  const b = f.basis[q]!
  const fee = b === NO_FEE ? 0 : f.rateQ[q]! * (b === 0 ? s.terms.size : b === 1 ? s.paidIn : b === 2 ? s.investedLive : s.nav)
  s.feeQ = fee * ws.ledger.currentFeeShare()
  s.fees += s.feeQ
}
