import type { FanPoint } from '@pcsim/engine'

/** Fund-year milestones of the median path: the J-curve's low and break-even, DPI reaching 1×. */
export function fanMilestones(netCashFlow: FanPoint[], dpi: FanPoint[]): { low: number; lowValue: number; breakEven: number; dpiOne: number } {
  const med = netCashFlow.map((p) => p.p50)
  const low = med.reduce((best, x, i) => (x < med[best]! ? i : best), 0)
  const breakEven = netCashFlow.findIndex((p, i) => i > low && p.p50 >= 0)
  return { low, lowValue: med[low] ?? 0, breakEven, dpiOne: dpi.findIndex((p) => p.p50 >= 1) }
}
