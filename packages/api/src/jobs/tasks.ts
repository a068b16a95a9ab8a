import { comparisonFromChunks, mergeChunks, resolveRun, summarise, type ChunkResult, type ComparisonResult, type RunResult, type SimulationConfig } from '@pcsim/engine'

/**
 * Work the summary thread does, off the event loop: merging a job's chunks in trial order and
 * summarising them. Chunks themselves run on the runner's executor (threads or Redis workers).
 */
export type PoolTask =
  | { kind: 'ping' }
  | { kind: 'summarise'; config: SimulationConfig; chunks: ChunkResult[] }
  | { kind: 'compare'; configs: SimulationConfig[]; chunks: ChunkResult[][] }
  | { kind: 'reforecast'; actual: SimulationConfig; plan: SimulationConfig; chunks: [ChunkResult[], ChunkResult[]] }

/** A reforecast job's result: the run from today (`run`), the plan from day 0 (`plan`) and how they compare. */
export interface ReforecastResult {
  run: RunResult
  plan: RunResult
}

export function summariseTask(task: Extract<PoolTask, { kind: 'summarise' }>): RunResult {
  return summarise(resolveRun(task.config), mergeChunks(task.chunks))
}

/** The engine's comparison of aligned configs (same seed and trials) from their chunks. */
export function compareTask(task: Extract<PoolTask, { kind: 'compare' }>): ComparisonResult {
  return comparisonFromChunks(task.configs.map(resolveRun), task.chunks.map((c) => mergeChunks(c)))
}

/** Both runs of a reforecast (same seed and trials), summarised. */
export function reforecastTask(task: Extract<PoolTask, { kind: 'reforecast' }>): ReforecastResult {
  const run = summarise(resolveRun(task.actual), mergeChunks(task.chunks[0]))
  const plan = summarise(resolveRun(task.plan), mergeChunks(task.chunks[1]))
  return { run, plan }
}

/** The typed-array buffers of a chunk (and its sub-funds'), so the pool can move them instead of copying. */
export function chunkBuffers(chunk: ChunkResult): ArrayBuffer[] {
  const arrays = [...Object.values(chunk.values), ...Object.values(chunk.counts), chunk.fan, ...chunk.classes.flat(), ...chunk.reinvestment]
  return [...new Set([...arrays.map((a) => a.buffer as ArrayBuffer), ...(chunk.subFunds ?? []).flatMap(chunkBuffers)])]
}
