import type { TrialRecord } from '../../run/metric-ids.ts'
import type { ResolvedRun } from '../resolve.ts'
import type { TrialWorkspace } from '../workspace.ts'
import { netNav } from './net-nav.ts'

/** The quarter's cash flows, NAV and government calls; year-end fan-chart values; the snapshot at
 * the evaluation date. */
export function recordQuarter(run: ResolvedRun, ws: TrialWorkspace, q: number, out: TrialRecord): void {
  const s = ws.books
  const t = s.terms
  const years = t.years
  const { ledger } = ws
  const uniform = ledger.uniform
  ws.lpFlows[q] = s.lp - s.call
  ws.grossFlows[q] = s.proceedsQ - s.investQ
  ws.navByQuarter[q] = s.nav
  ws.investedByQuarter[q] = s.investQ
  ws.proceedsByQuarter[q] = s.proceedsQ
  out.years[4 * years + (q >> 2)]! += uniform ? s.call * run.governmentShare : ledger.governmentCalls(q)
  if (Number.isNaN(s.breakEven) && s.paidIn > 0 && s.lpDist >= s.paidIn) s.breakEven = (q + 1) / 4
  if ((q & 3) === 3 || s.last) {
    const y = q >> 2
    const lpNav = netNav(ws, t.american, s.nav, s.investedLive)
    const base = s.paidIn > 0 ? s.paidIn : 1
    out.years[y] = s.paidIn > 0 ? (s.lpDist + lpNav) / base : 1
    out.years[years + y] = s.lpDist / base
    out.years[2 * years + y] = s.nav / t.size
    out.years[3 * years + y] = (s.lpDist - s.paidIn) / t.size
  }
  const evalQ = run.evaluateAt
  if (evalQ !== null && q === evalQ - 1 && !s.last) {
    const snap = s.snap
    snap.at = q + 1
    snap.paidIn = s.paidIn
    snap.lpDist = s.lpDist
    snap.nav = s.nav
    snap.lpNav = netNav(ws, t.american, s.nav, s.investedLive)
    if (!uniform) ledger.previewClassValues(snap.lpNav, ws.classNav)
    snap.fees = s.fees
    snap.carry = s.gpCarry
    snap.gross = 0
    snap.invested = 0
    for (let c = 0; c < t.n; c++) {
      snap.gross += ws.proceeds[c]!
      snap.invested += ws.invested[c]!
    }
  }
}

/** Years after the fund ended repeat its last year; government calls become shares of the
 * government's commitments. */
export function finishYears(run: ResolvedRun, ws: TrialWorkspace, out: TrialRecord): void {
  const s = ws.books
  const { years, size } = s.terms
  const lastYear = (s.endQ - 1) >> 2
  for (let y = lastYear + 1; y < years; y++) for (let m = 0; m < 4; m++) out.years[m * years + y] = out.years[m * years + lastYear]!
  const gov = run.governmentShare * size
  for (let y = 0; y < years; y++) out.years[4 * years + y] = gov > 0 ? out.years[4 * years + y]! / gov : 0
}
