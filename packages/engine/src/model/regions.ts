import type { SimulationConfig } from '../schema/config.ts'
import { REGION_IDS, type RegionId } from '../schema/ids.ts'

export interface ReinvestmentRequirement {
  classIndex: number
  regions: RegionId[]
  /** Capital that must go to companies in `regions`, millions. */
  required: number
}

/** Each class's local re-investment (返投) requirement in capital terms. */
export function reinvestmentRequirements(config: SimulationConfig): ReinvestmentRequirement[] {
  const out: ReinvestmentRequirement[] = []
  config.lpClasses.forEach((c, classIndex) => {
    const r = c.terms?.localReinvestment
    if (r && r.multiple > 0) out.push({ classIndex, regions: [...r.regions], required: r.multiple * c.share * config.fund.size })
  })
  return out
}

/**
 * Target share of initial capital per region: the strategy's region weights, raised where a
 * re-investment requirement needs more (its capital over the planned deployment, split evenly over
 * its regions), then the other regions scaled down to make room. Null when the requirements cannot
 * all fit in the planned deployment.
 */
export function regionTargets(config: SimulationConfig, plannedDeployment: number): number[] | null {
  const weights = REGION_IDS.map((r) => config.strategy.regionWeights[r] ?? 0)
  const floor = REGION_IDS.map(() => 0)
  for (const req of reinvestmentRequirements(config)) for (const r of req.regions) floor[REGION_IDS.indexOf(r)]! += req.required / req.regions.length / plannedDeployment
  const fixed = floor.reduce((a, b) => a + b, 0)
  if (fixed > 1 + 1e-9) return null
  const raised = weights.map((w, i) => Math.max(w, floor[i]!))
  const freeWeight = raised.reduce((a, w, i) => a + (w > floor[i]! ? w - floor[i]! : 0), 0)
  const room = 1 - fixed
  return raised.map((w, i) => floor[i]! + (freeWeight > 0 && w > floor[i]! ? ((w - floor[i]!) * room) / freeWeight : 0))
}

/** Assigns a region to each deal in order, always to the region furthest below its capital target. */
export function assignRegions(cheques: number[], targets: number[]): Int32Array {
  const total = cheques.reduce((a, b) => a + b, 0)
  const assigned = targets.map(() => 0)
  const out = new Int32Array(cheques.length)
  cheques.forEach((cheque, i) => {
    let best = 0
    let bestGap = -Infinity
    targets.forEach((t, r) => {
      const gap = t * total - assigned[r]!
      if (t > 0 && gap > bestGap + 1e-12) {
        best = r
        bestGap = gap
      }
    })
    out[i] = best
    assigned[best]! += cheque
  })
  return out
}
