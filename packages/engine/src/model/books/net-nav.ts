import type { TrialWorkspace } from '../workspace.ts'

/** LP share of NAV after the carry a sale at NAV would pay (deal-by-deal: carry on unrealised gains
 * above cost and carried-forward losses). */
export function netNav(ws: TrialWorkspace, american: boolean, nav: number, investedLive: number): number {
  if (nav <= 0) return 0
  if (american) return nav - Math.min(nav, ws.amer.carry * Math.max(0, nav - investedLive - ws.amer.lossCarryForward))
  if (!ws.ledger.uniform) return ws.ledger.netNav(nav)
  return ws.euro.preview(nav, ws.split).lp
}
