import type { Split } from './european-waterfall.ts'
import type { LpLedger } from './lp-ledger.ts'

/** Running totals of a mother fund whose own LP classes carry terms (reset per trial). */
export interface MotherLedgerState {
  upside: number
  upsideBefore: number
  carry: number
}

/**
 * One quarter of a mother fund's books through its LP ledger, as a direct fund's books run theirs
 * (model/books/distributions.ts): the quarter's calls (sub-fund calls and co-investment pro rata to
 * ownership, fees to the fee-paying classes), then what came back through carry and the classes'
 * terms; in the last quarter the clawback and the cash guarantees. Writes the LP and GP parts to `split`.
 */
export function motherLedgerQuarter(ledger: LpLedger, s: MotherLedgerState, q: number, invest: number, fee: number, distributable: number, nav: number, last: boolean, clawback: boolean, size: number, split: Split): void {
  ledger.call(q, invest, fee)
  let gp = ledger.distribute(q, distributable, ledger.netNav(nav), null)
  const carryPart = ledger.lastCarry
  s.upside += gp - carryPart
  gp = carryPart
  if (last && clawback) {
    const back = ledger.clawbackDue(s.carry + gp)
    if (back > 0) {
      gp -= ledger.clawback(q, back)
      s.upside += ledger.returnedToGp
    }
  }
  if (last) ledger.settleGuarantees(q, size)
  split.gp = gp
  split.lp = distributable - gp - (s.upside - s.upsideBefore)
  s.upsideBefore = s.upside
  s.carry += gp
}
