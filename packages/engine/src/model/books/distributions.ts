import { clawbackExcess } from '../american-waterfall.ts'
import type { ResolvedRun } from '../resolve.ts'
import type { TrialWorkspace } from '../workspace.ts'
import { netNav } from './net-nav.ts'

/** Distributions: proceeds first clear fee arrears, then may be recycled (up to the cap, until the
 * recycling year); the rest, with cash released once nothing more can be invested (beyond what the
 * call policy keeps for the coming quarters' needs; all of it at the end), goes through the
 * waterfall (European or American with clawback) and the LP classes' terms. */
export function distributionsStep(run: ResolvedRun, ws: TrialWorkspace, q: number): void {
  const s = ws.books
  const t = s.terms
  const { fund } = run.config
  const { euro, ledger } = ws
  let distributable = s.proceedsQ
  const arrearsPaid = Math.min(distributable, s.feeArrears)
  s.feeArrears -= arrearsPaid
  distributable -= arrearsPaid
  if (q < run.recyclingEnd && s.recycled < t.recycleCap && distributable > 0) {
    const retain = Math.min(distributable, t.recycleCap - s.recycled)
    s.recycled += retain
    s.cash += retain
    s.reserveLeft += retain
    distributable -= retain
  }
  if ((q >= run.recyclingEnd - 1 && q >= run.followOnEnd - 1) || s.last) {
    // a policy that calls ahead keeps what the coming quarters need, and the rest of the planned fees
    // the commitments left cannot cover
    const keep = t.callPolicy === 0 ? 0 : Math.max(t.keepAhead[q]!, run.feesAhead[q + 1]! - s.unfunded)
    const release = s.last ? s.cash : Math.max(0, s.cash - keep)
    distributable += release
    s.reserveLeft = Math.max(0, s.reserveLeft - release)
    s.cash -= release
  }
  const call = s.call
  let lp: number
  let gp: number
  if (ledger.uniform) {
    euro.contribute(call)
    if (t.american) {
      s.carryOwed += s.carryQ
      gp = Math.min(s.carryOwed, distributable)
      s.carryOwed -= gp
      lp = distributable - gp
    } else {
      euro.distribute(distributable, ws.split)
      gp = ws.split.gp
      lp = ws.split.lp
    }
    if (s.last && fund.carry.clawback) {
      const back = clawbackExcess(s.gpCarry + gp, t.carryRate, s.totalDistributed + distributable, s.paidIn)
      gp -= back
      lp += back
    }
  } else {
    ledger.call(q, s.callInvest, call - s.callInvest)
    let dealCarry: number | null = null
    if (t.american) {
      s.carryOwed += s.carryQ * ledger.carryPayingOwn()
      dealCarry = s.carryOwed
    }
    gp = ledger.distribute(q, distributable, netNav(ws, t.american, s.nav, s.investedLive), dealCarry)
    const carryPart = ledger.lastCarry
    if (t.american) s.carryOwed = Math.max(0, s.carryOwed - carryPart)
    s.gpUpside += gp - carryPart
    gp = carryPart
    if (s.last && fund.carry.clawback) {
      const back = ledger.clawbackDue(s.gpCarry + gp)
      if (back > 0) {
        gp -= ledger.clawback(q, back)
        s.gpUpside += ledger.returnedToGp
      }
    }
    if (s.last) ledger.settleGuarantees(q, t.size)
    lp = distributable - gp - (s.gpUpside - s.gpUpsideBefore)
    s.gpUpsideBefore = s.gpUpside
  }
  s.distributable = distributable
  s.gp = gp
  s.lp = lp
  s.totalDistributed += distributable
  s.gpCarry += gp
  s.lpDist += lp
}
