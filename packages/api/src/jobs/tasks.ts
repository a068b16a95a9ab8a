import { comparisonFromChunks, mergeChunks, planVsActual, resolveRun, summarise, type ChunkResult, type ComparisonResult, type PlanVsActual, type RunResult, type SimulationConfig } from '@pcsim/engine'

/**
 * Work the summary thread does, off the event loop: merging a job's chunks in trial order and
 * summarising them. Chunks themselves run on the runner's executor (threads or Redis workers).
 */
export type PoolTask =
  | { kind: 'ping' }
  | { kind: 'summarise'; config: SimulationConfig; chunks: ChunkResult[] }
  | { kind: 'compare'; configs: SimulationConfig[]; chunks: ChunkResult[][] }
  | { kind: 'reforecast'; configs: ReforecastConfigs; chunks: ChunkResult[][] }

/** A reforecast job's configs: the fund from its holdings, its plan from day 0, and the plan read at the reforecast date (null at day 0). */
export interface ReforecastConfigs {
  actual: SimulationConfig
  plan: SimulationConfig
  planToDate: SimulationConfig | null
}

/** A reforecast job's result: the run from today (`run`), the plan from day 0 (`plan`) and how they compare. */
export interface ReforecastResult {
  run: RunResult
  plan: RunResult
  planVsActual: PlanVsActual
}

/** The configs in the order the job runs them (and `chunks` holds their results). */
export const reforecastRuns = (c: ReforecastConfigs): SimulationConfig[] => [c.actual, c.plan, ...(c.planToDate ? [c.planToDate] : [])]

export function summariseTask(task: Extract<PoolTask, { kind: 'summarise' }>): RunResult {
  return summarise(resolveRun(task.config), mergeChunks(task.chunks))
}

/** The engine's comparison of aligned configs (same seed and trials) from their chunks. */
export function compareTask(task: Extract<PoolTask, { kind: 'compare' }>): ComparisonResult {
  return comparisonFromChunks(task.configs.map(resolveRun), task.chunks.map((c) => mergeChunks(c)))
}

/** The runs of a reforecast summarised, and the engine's plan against actual from them. */
export function reforecastTask(task: Extract<PoolTask, { kind: 'reforecast' }>): ReforecastResult {
  const [run, plan, planToDate = null] = reforecastRuns(task.configs).map((config, i) => summarise(resolveRun(config), mergeChunks(task.chunks[i]!)))
  const { actual, plan: planConfig } = task.configs
  return { run: run!, plan: plan!, planVsActual: planVsActual({ plan: planConfig, reforecast: actual.reforecast!, planResult: plan!, planToDate, reforecastResult: run! }) }
}

/** The typed-array buffers of a chunk (and its sub-funds'), so the pool can move them instead of copying. */
export function chunkBuffers(chunk: ChunkResult): ArrayBuffer[] {
  const arrays = [...Object.values(chunk.values), ...Object.values(chunk.counts), chunk.fan, ...chunk.classes.flat(), ...chunk.reinvestment]
  return [...new Set([...arrays.map((a) => a.buffer as ArrayBuffer), ...(chunk.subFunds ?? []).flatMap(chunkBuffers)])]
}
