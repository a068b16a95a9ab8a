import { EngineError } from '../issues.ts'
import { resolveRun } from '../model/resolve.ts'
import { runChunk, type ChunkResult } from '../run/chunk.ts'
import { simulateCohort, type CohortCompany, type CohortOptions, type CohortResult } from '../run/cohort.ts'
import { parseConfig } from '../schema/parse-config.ts'
import type { SimulationConfig } from '../schema/config.ts'
import type { RegimeId } from '../schema/ids.ts'
import type { Shock } from '../schema/market.ts'
import type { CalibrationSize } from './types.ts'

/** A built-in config (template plus overrides); a rejected one is a bug in a benchmark definition. */
export function benchmarkConfig(input: Record<string, unknown>): SimulationConfig {
  const r = parseConfig(input)
  if (!r.ok) throw new EngineError('calibration_config', `calibration config rejected: ${r.issues.map((i) => `${i.path} ${i.code}`).join(', ')}`)
  return r.config
}

/** A market path of forced regimes, one spell after another from year 0: [['boom', 3], ['bust', 2]]. */
export function regimeSpells(spells: Array<[RegimeId, number]>): Shock[] {
  let from = 0
  return spells.map(([regime, years], i) => {
    const shock: Shock = { id: `spell-${i + 1}-${regime}`, fromYear: from, years, sectors: [], regime, effects: {}, indexDrift: 0 }
    from += years
    return shock
  })
}

export interface CohortReplicate<V> {
  result: CohortResult
  visitor: V
}

/**
 * `size.replicates` independent cohorts (own seeds, own market paths) sharing `size.companies`
 * between them; `visitor` (made fresh per replicate) sees every company.
 */
export function cohortReplicates<V extends { visit(c: CohortCompany): void } = { visit(c: CohortCompany): void }>(
  config: SimulationConfig,
  options: Omit<CohortOptions, 'companies' | 'onCompany'>,
  size: CalibrationSize,
  seed: string,
  visitor: () => V = () => ({ visit: () => {} }) as unknown as V,
): CohortReplicate<V>[] {
  const companies = Math.max(1, Math.round(size.companies / size.replicates))
  return Array.from({ length: size.replicates }, (_, k) => {
    const v = visitor()
    const result = simulateCohort({ ...config, run: { ...config.run, seed: `${seed}/${k}` } }, { ...options, companies, onCompany: (c) => v.visit(c) })
    return { result, visitor: v }
  })
}

/** `size.trials` trials of a fund config on a fixed seed, in the calling thread. */
export function fundTrials(config: SimulationConfig, size: CalibrationSize, seed: string): ChunkResult {
  const run = resolveRun({ ...config, run: { ...config.run, trials: size.trials, seed } })
  return runChunk(run, 0, size.trials)
}
