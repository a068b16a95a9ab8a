import { ACQUIRED, LISTED } from '../../model/events.ts'
import { CALM_MARKET } from '../../presets/market-defaults.ts'
import type { CohortCompany } from '../../run/cohort.ts'
import { ROUND_IDS } from '../../schema/ids.ts'
import { replicateEstimate } from '../estimate.ts'
import { benchmarkConfig, cohortReplicates } from '../samples.ts'
import type { BenchmarkDefinition } from '../types.ts'
import { check } from './check.ts'

const FILING = ROUND_IDS.indexOf('late')

/** Biotech stages are clinical gates (A = Phase I … late = filing): a sale or listing out of filing is an approval. */
class Approvals {
  companies = 0
  approved = 0
  years = 0
  visit(c: CohortCompany): void {
    this.companies++
    const ev = c.events
    const last = ev.length - 1
    if (last < 0) return
    const type = ev.type[last]
    if ((type === ACQUIRED || type === LISTED) && ev.round[last] === FILING) {
      this.approved++
      this.years += ev.quarter[last]! / 4
    }
  }
}

export const drugPipeline: BenchmarkDefinition = {
  id: 'b9-drug-pipeline',
  title: 'Drug pipeline (BIO/Informa/QLS 2021)',
  source: '[R41][R42][R44]',
  method: 'biotech companies entering at Phase I (stage A), calm normal market, 25 years: approval = sale or listing out of the filing stage',
  limitation: 'sector sub-types (hematology 23.9%, urology 3.6%) are not modelled and not checked',
  checks: [
    check('loa', 'likelihood of approval from Phase I', 'share', 0.079, 0.067, 0.096, 'Citeline 2014–23 6.7% to BIO 2006–15 9.6%'),
    check('phase-2-to-3', 'Phase II → III', 'share', 0.289, 0.26, 0.32, '28.9% (BIO 2006–15: 30.7%), ±3pp'),
    check('years-to-approval', 'mean years Phase I → approval', 'years', 10.5, 9.5, 11.5, '10.5 y; by area 9.2 (allergy) to 10.3 (oncology): ±1 y'),
  ],
  measure(size) {
    const reps = cohortReplicates(benchmarkConfig({ market: CALM_MARKET }), { sector: 'biotech', stage: 'early', years: 25 }, size, 'calibration/b9', () => new Approvals())
    return [
      replicateEstimate(reps.map((r) => r.visitor.approved / r.visitor.companies)),
      replicateEstimate(reps.map((r) => r.result.reached.c / r.result.reached.b)),
      replicateEstimate(reps.map((r) => (r.visitor.approved > 0 ? r.visitor.years / r.visitor.approved : Number.NaN))),
    ]
  },
}
