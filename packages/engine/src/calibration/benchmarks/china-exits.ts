import type { CohortCompany } from '../../run/cohort.ts'
import type { EntryStageId } from '../../schema/ids.ts'
import { CHINA_ANGEL_PRESET, CHINA_VC_PRESET, chineseMarket, EXIT_ROUTES, exitRouteOf, MODELLED_EXIT_ROUTES, type ExitRoute } from '../adapters.ts'
import { replicateEstimate } from '../estimate.ts'
import { benchmarkConfig, cohortReplicates } from '../samples.ts'
import type { BenchmarkDefinition, CheckSpec } from '../types.ts'
import { check } from './check.ts'

/** Exit cases by route (清科 counts investors' exit cases; here, every exit event of a cohort). */
class ExitRoutes {
  counts = new Map<ExitRoute, number>(EXIT_ROUTES.map((r) => [r, 0]))
  total = 0
  visit(c: CohortCompany): void {
    for (let e = 0; e < c.events.length; e++) {
      const route = exitRouteOf(c.events, e)
      if (route === null) continue
      this.counts.set(route, this.counts.get(route)! + 1)
      this.total++
    }
  }
  share(route: ExitRoute): number {
    return this.total > 0 ? this.counts.get(route)! / this.total : Number.NaN
  }
}

function exitMix(id: string, title: string, stage: EntryStageId, preset: string, checks: Array<CheckSpec & { id: ExitRoute }>): BenchmarkDefinition {
  const missing = checks.filter((c) => !MODELLED_EXIT_ROUTES.has(c.id)).map((c) => c.id.replace('_', '-'))
  return {
    id,
    title,
    source: '[R54]',
    method: `${stage === 'seed' ? 'angel (seed)' : 'VC (stage A)'} cohort of generalist companies in the Chinese market (${preset} preset, default market), 10 years: share of exit cases by route`,
    ...(missing.length ? { limitation: `the engine has no ${missing.join(' or ')} exits yet (calibration/adapters.ts exitRouteOf)` } : {}),
    checks,
    measure(size) {
      const reps = cohortReplicates(benchmarkConfig(chineseMarket(preset)), { sector: 'generalist', stage, years: 10 }, size, `calibration/${id}`, () => new ExitRoutes())
      return checks.map((c) => replicateEstimate(reps.map((r) => r.visitor.share(c.id))))
    },
  }
}

const BAND = 'vendor case counts with shifting definitions (calibration.md §8)'
const route = (r: ExitRoute, title: string, published: number, halfWidth: number) =>
  ({ ...check(r, title, 'share', published, published - halfWidth, published + halfWidth, `${(100 * published).toFixed(1)}% ± ${(100 * halfWidth).toFixed(0)}pp: ${BAND}`), id: r })

export const chinaAngelExits = exitMix('cn-angel-exit-routes', 'China exit routes, angel market (清科 2020)', 'seed', CHINA_ANGEL_PRESET, [
  route('ipo', 'IPO share of exits', 0.186, 0.06),
  route('share_transfer', 'share-transfer share of exits', 0.475, 0.08),
  route('buy_back', 'buy-back share of exits', 0.217, 0.06),
])

export const chinaVcExits = exitMix('cn-vc-exit-routes', 'China exit routes, VC market (清科 2020)', 'early', CHINA_VC_PRESET, [
  route('ipo', 'IPO share of exits', 0.594, 0.08),
  route('share_transfer', 'share-transfer share of exits', 0.199, 0.06),
  route('buy_back', 'buy-back share of exits', 0.131, 0.05),
])
