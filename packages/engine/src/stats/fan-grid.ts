import type { YearMetric } from '../run/metric-ids.ts'

/** Fixed bins for fan charts: merging chunks adds integer counts, so any split gives the same chart.
 * Percentiles read from these bins are accurate to one bin width (0.01 of paid-in or commitments). */
export interface Grid {
  lo: number
  width: number
  bins: number
}

export const FAN_GRIDS: Record<YearMetric, Grid> = {
  netTvpi: { lo: 0, width: 0.01, bins: 1500 },
  dpi: { lo: 0, width: 0.01, bins: 1500 },
  nav: { lo: 0, width: 0.01, bins: 1500 },
  netCashFlow: { lo: -1.5, width: 0.01, bins: 1500 },
  governmentCalls: { lo: 0, width: 0.01, bins: 1500 },
}

/** Bin of `x`: 0 is underflow (and exactly `lo`, so a mass at the lower edge, such as a NAV of 0
 * after the fund's end or a year without calls, reads back as exactly `lo`), bins + 1 overflow. */
export function binOf(g: Grid, x: number): number {
  if (x <= g.lo) return 0
  const b = Math.floor((x - g.lo) / g.width)
  return b < 0 ? 0 : b >= g.bins ? g.bins + 1 : b + 1
}

/** Percentile from binned counts, interpolating within the bin (under/overflow clamp to the edges). */
export function binnedQuantile(g: Grid, counts: Uint32Array, offset: number, total: number, p: number): number {
  const target = p * total
  let acc = 0
  for (let b = 0; b < g.bins + 2; b++) {
    const c = counts[offset + b]!
    if (c > 0 && acc + c >= target) {
      if (b === 0) return g.lo
      if (b === g.bins + 1) return g.lo + g.bins * g.width
      const within = c > 0 ? (target - acc) / c : 0
      return g.lo + (b - 1 + within) * g.width
    }
    acc += c
  }
  return g.lo + g.bins * g.width
}
