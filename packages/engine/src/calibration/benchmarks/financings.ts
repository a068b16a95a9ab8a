import { replicateEstimate } from '../estimate.ts'
import { benchmarkConfig, cohortReplicates } from '../samples.ts'
import type { CohortCompany } from '../../run/cohort.ts'
import type { BenchmarkDefinition, CalibrationSize } from '../types.ts'
import { check } from './check.ts'

/** A US seed cohort over a full cycle of the default regime-switching market, ~12 years. */
const fullCycle = (size: CalibrationSize, seed: string, visitor?: () => FinancingLog) =>
  cohortReplicates(benchmarkConfig({ template: 'us-vc-10y' }), { sector: 'generalist', stage: 'seed', years: 12 }, size, seed, visitor)

export const financingMultiples: BenchmarkDefinition = {
  id: 'b1-financing-multiples',
  title: 'Financing-level multiples (Correlation Ventures)',
  source: '[R20]',
  method:
    'seed cohort of generalist companies in the default regime-switching market (us-vc-10y), 12 years; every financing round valued at the company exit (stalled and alive companies at their mark), count- and dollar-weighted',
  checks: [
    check('below-1x', 'financings below 1×', 'share', 0.65, 0.6, 0.7, '65% ± 5pp (team band; the three CV windows give 50–65%)'),
    check('at-least-5x', 'financings at ≥5×', 'share', 0.1, 0.07, 0.13, '10% ± 3pp'),
    check('at-least-10x', 'financings at ≥10×', 'share', 0.04, 0.01, 0.07, '4% ± 3pp'),
    check('dollars-below-1x', 'dollars below 1×', 'share', 0.37, 0.32, 0.51, "CV's two dollar-weighted windows: 37% (2013–22) to 51% (2009–18), 5pp below"),
    check('dollars-at-least-10x', 'dollars at ≥10×', 'share', 0.04, 0, 0.04, 'published as an upper bound (<4%)'),
  ],
  measure(size) {
    const reps = fullCycle(size, 'calibration/b1').map((r) => r.result.financings)
    return [
      replicateEstimate(reps.map((f) => f.below1x)),
      replicateEstimate(reps.map((f) => f.atLeast5x)),
      replicateEstimate(reps.map((f) => f.atLeast10x)),
      replicateEstimate(reps.map((f) => f.dollarBelow1x)),
      replicateEstimate(reps.map((f) => f.dollarAtLeast10x)),
    ]
  },
}

/** Every financing of a cohort: its multiple and its new money. */
export class FinancingLog {
  multiple: number[] = []
  dollars: number[] = []
  visit(c: CohortCompany): void {
    for (let k = 0; k < c.financings; k++) {
      this.multiple.push(c.financingMultiple[k]!)
      this.dollars.push(c.financingDollars[k]!)
    }
  }

  /** Share of all proceeds (new money × multiple) produced by the top `share` of financings by multiple. */
  topShareOfProceeds(share: number): number {
    const n = this.multiple.length
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => this.multiple[b]! - this.multiple[a]!)
    const top = Math.round(share * n)
    let all = 0
    let best = 0
    order.forEach((i, rank) => {
      const proceeds = this.multiple[i]! * this.dollars[i]!
      all += proceeds
      if (rank < top) best += proceeds
    })
    return all > 0 ? best / all : Number.NaN
  }
}

export const gainConcentration: BenchmarkDefinition = {
  id: 'b5-gain-concentration',
  title: 'Concentration of gains (Horsley Bridge via a16z)',
  source: '[R21][R22]',
  method: 'the financings of benchmark 1 (seed cohort, default market, 12 years): share of all proceeds produced by the top 6% of financings ranked by multiple',
  checks: [check('top-6pct-share', 'proceeds from the top 6% of financings', 'share', 0.6, 0.5, 0.7, '~60% (secondary report, grade B); ±10pp derived')],
  measure(size) {
    const reps = fullCycle(size, 'calibration/b5', () => new FinancingLog())
    return [replicateEstimate(reps.map((r) => r.visitor.topShareOfProceeds(0.06)))]
  },
}
