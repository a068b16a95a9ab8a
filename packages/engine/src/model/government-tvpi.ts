import type { SimulationConfig } from '../schema/config.ts'
import { CLASS_METRICS, V, type TrialRecord } from '../run/metric-ids.ts'
import type { TrialWorkspace } from './workspace.ts'

/** Net TVPI of the government classes together: their TVPIs weighted by what each paid in (the
 * fund's own net TVPI when no class has terms, as every class then is the fund scaled). */
export function governmentTvpi(config: SimulationConfig, ws: TrialWorkspace, rec: TrialRecord): number {
  const { ledger } = ws
  if (ledger.uniform) return rec.values[V.netTvpi]!
  let paid = 0
  let value = 0
  config.lpClasses.forEach((c, k) => {
    if (c.kind !== 'government') return
    let p = 0
    for (let q = 0; q < rec.endQuarter; q++) p += ledger.calls[k]![q]!
    paid += p
    value += p * rec.classes[k * CLASS_METRICS.length]!
  })
  return paid > 0 ? value / paid : Number.NaN
}
