import { quarterFee } from '../fees.ts'
import type { ResolvedRun } from '../resolve.ts'
import type { TrialWorkspace } from '../workspace.ts'

/** Fees: the quarter's management fee on its basis (paid-in as of the quarter's start), borne by the
 * fee-paying classes. */
export function feesStep(run: ResolvedRun, ws: TrialWorkspace, q: number): void {
  const s = ws.books
  s.feeQ = quarterFee(run.config.fund, q, s.investedLive, s.nav, s.paidIn) * ws.ledger.currentFeeShare()
  s.fees += s.feeQ
}
