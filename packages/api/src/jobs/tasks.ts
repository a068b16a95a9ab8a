import { comparisonFromChunks, mergeChunks, resolveRun, summarise, type ChunkResult, type ComparisonResult, type RunResult, type SimulationConfig } from '@pcsim/engine'

/**
 * Work the summary thread does, off the event loop: merging a job's chunks in trial order and
 * summarising them. Chunks themselves run on the runner's executor (threads or Redis workers).
 */
export type PoolTask =
  | { kind: 'ping' }
  | { kind: 'summarise'; config: SimulationConfig; chunks: ChunkResult[] }
  | { kind: 'compare'; configs: SimulationConfig[]; chunks: ChunkResult[][] }

export function summariseTask(task: Extract<PoolTask, { kind: 'summarise' }>): RunResult {
  return summarise(resolveRun(task.config), mergeChunks(task.chunks))
}

/** The engine's comparison of aligned configs (same seed and trials) from their chunks. */
export function compareTask(task: Extract<PoolTask, { kind: 'compare' }>): ComparisonResult {
  return comparisonFromChunks(task.configs.map(resolveRun), task.chunks.map((c) => mergeChunks(c)))
}

/** The typed-array buffers of a chunk (and its sub-funds'), so the pool can move them instead of copying. */
export function chunkBuffers(chunk: ChunkResult): ArrayBuffer[] {
  const arrays = [...Object.values(chunk.values), ...Object.values(chunk.counts), chunk.fan, ...chunk.classes.flat(), ...chunk.reinvestment]
  return [...new Set([...arrays.map((a) => a.buffer as ArrayBuffer), ...(chunk.subFunds ?? []).flatMap(chunkBuffers)])]
}
