import { fundProceeds } from '../cap-table.ts'
import type { ResolvedRun } from '../resolve.ts'
import type { TrialWorkspace } from '../workspace.ts'

/** The fund's proceeds from a sale or listing of company c for `value`: through the company's
 * preference stack in the lifecycle model; `asCommon` (ownership × value) in power-law mode or
 * when no round carries a preference. */
export function exitProceeds(run: ResolvedRun, ws: TrialWorkspace, c: number, asCommon: number, value: number): number {
  // a reforecast holding may carry preference terms of its own
  const own = run.reforecast ? run.reforecast.terms[c] : undefined
  if (run.config.companies.model === 'power_law' || (!run.dealTerms.preferred && !own)) return asCommon
  return fundProceeds(ws.capTables, own ?? run.dealTerms.stack, c, value)
}
