import { normalCdf } from '../random/distributions.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { REGION_IDS } from '../schema/ids.ts'
import type { ReinvestmentPolicy } from '../schema/policy.ts'

/** Used when a config sets region pools but no `policy.reinvestment` (docs/government.md#regional-deal-pools). */
export const DEFAULT_REINVESTMENT_POLICY: ReinvestmentPolicy = {
  onShallowPool: 'lower_quality',
  // a fund backs about one in ten of the investable companies it looks at closely (docs/references.md#e1)
  selectivity: 0.1,
  // an assumption: the spread of log value a fund's ranking can tell apart among investable companies
  qualitySpread: 0.5,
  // assumptions (no published figure found): a relocation package of 15% of the cheque; one move in ten breaks the company
  relocationCost: 0.15,
  relocationRisk: 0.1,
}

export interface DealQuality {
  /** Multiplier on each deal's ownership for its price: 1 for a deal the fund would have made anyway. */
  quality: Float64Array
  /** Each deal's region after the policy (a missed deal keeps the region it would have had). */
  region: Int32Array
  /** What the requirement did to each deal (REINVEST_DEAL codes). */
  kind: Uint8Array
}

/** Codes of `DealQuality.kind`: untouched; moved into the region at the fund's usual standard;
 * further down the local pool; a relocation; left outside (requirement missed). */
export const REINVEST_DEAL = { none: 0, atStandard: 1, belowStandard: 2, relocated: 3, missed: 4 } as const

const phi = (z: number) => (Number.isFinite(z) ? Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) : 0)

/** z with P(Z > z) = top (bisection on the normal CDF; top in (0, 1]). */
function upperQuantile(top: number): number {
  if (top >= 1) return -Infinity
  if (top <= 0) return Infinity
  let lo = -10
  let hi = 10
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2
    if (1 - normalCdf(mid) > top) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/** Mean of a standard normal over the band between its top fractions a < b. */
export function bandMean(a: number, b: number): number {
  return (phi(upperQuantile(b)) - phi(upperQuantile(a))) / (b - a)
}

/**
 * The cost of meeting re-investment requirements from the regions' deal pools. Deals the fund would
 * have made in a region anyway (`natural`) are unchanged. Each deal the requirement moves into a
 * region (`required[i] ≠ natural[i]`) is the next company down that region's pool that year: while
 * the fund's local deals stay within its usual selectivity of the pool the deal is as good as the
 * region's companies (`quality`); beyond it, the policy decides:
 *  - lower_quality: the fund takes the next band of the pool; its value relative to a usual pick is
 *    exp(spread × (mean of the band − mean of the usual top share)); past the whole pool it misses;
 *  - relocate: a company moves in, at a cost (share of the cheque) and a risk (chance the move breaks
 *    it), both taken as their expected loss of value;
 *  - miss: the deal stays where it would have been and the requirement is not met.
 */
export function reinvestmentQuality(config: SimulationConfig, quarters: Int32Array, natural: Int32Array, required: Int32Array): DealQuality {
  const n = quarters.length
  const quality = new Float64Array(n).fill(1)
  const region = Int32Array.from(required)
  const kind = new Uint8Array(n)
  const pools = config.policy.regionPools
  if (!pools) return { quality, region, kind }
  const p = config.policy.reinvestment ?? DEFAULT_REINVESTMENT_POLICY
  const usual = bandMean(0, p.selectivity)
  REGION_IDS.forEach((id, r) => {
    const pool = pools[id]
    if (!pool) return
    const used = new Map<number, number>()
    // the region's natural deals come first in each year's pool
    for (let i = 0; i < n; i++) if (natural[i] === r && required[i] === r) used.set(quarters[i]! >> 2, (used.get(quarters[i]! >> 2) ?? 0) + 1)
    for (let i = 0; i < n; i++) {
      if (required[i] !== r || natural[i] === r) continue
      const y = quarters[i]! >> 2
      const before = used.get(y) ?? 0
      const a = before / pool.dealsPerYear
      const b = (before + 1) / pool.dealsPerYear
      if (b <= p.selectivity + 1e-12) {
        quality[i] = pool.quality
        kind[i] = REINVEST_DEAL.atStandard
        used.set(y, before + 1)
      } else if (p.onShallowPool === 'lower_quality' && b <= 1 + 1e-12) {
        quality[i] = pool.quality * Math.exp(p.qualitySpread * (bandMean(a, b) - usual))
        kind[i] = REINVEST_DEAL.belowStandard
        used.set(y, before + 1)
      } else if (p.onShallowPool === 'relocate') {
        quality[i] = (1 - p.relocationCost) * (1 - p.relocationRisk)
        kind[i] = REINVEST_DEAL.relocated
      } else {
        region[i] = natural[i]!
        kind[i] = REINVEST_DEAL.missed
      }
    }
  })
  return { quality, region, kind }
}


/**
 * Selection gain of the pipeline: the started deals are the reserved candidates with the best noisy
 * quality signal, so their log value is above a random pick by spread × accuracy × (mean of the top
 * `startRate` share of a standard normal). A deeper funnel (a lower start rate) selects harder. 1
 * when the pipeline or the selection is off.
 */
export function selectionGain(config: SimulationConfig): number {
  const p = config.strategy.pipeline
  if (!p.enabled || !p.selection || p.selection.signalAccuracy <= 0 || p.startRate <= 0) return 1
  return Math.exp(p.selection.qualitySpread * p.selection.signalAccuracy * bandMean(0, p.startRate))
}
