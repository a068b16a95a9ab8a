import type { MessagePort } from 'node:worker_threads'
import {
  compareChunks,
  mergeChunks,
  resolveRun,
  runChunk,
  summarise,
  type ChunkResult,
  type Comparison,
  type ComparisonResult,
  type RunResult,
  type SimulationConfig,
} from '@pcsim/engine'

/** Work a pool thread can do; everything here is plain engine calls, the same as in-thread. */
export type PoolTask =
  | { kind: 'ping' }
  | { kind: 'chunk'; config: SimulationConfig; start: number; end: number; port?: MessagePort; progressEvery?: number }
  | { kind: 'summarise'; config: SimulationConfig; chunks: ChunkResult[] }
  | { kind: 'compare'; configs: SimulationConfig[]; chunks: ChunkResult[][] }

export function runChunkTask(task: Extract<PoolTask, { kind: 'chunk' }>): ChunkResult {
  const run = resolveRun(task.config)
  const report = task.port ? (done: number) => task.port!.postMessage(done) : undefined
  try {
    return runChunk(run, task.start, task.end, report, task.progressEvery ?? 500)
  } finally {
    task.port?.close()
  }
}

export function summariseTask(task: Extract<PoolTask, { kind: 'summarise' }>): RunResult {
  return summarise(resolveRun(task.config), mergeChunks(task.chunks))
}

/** Same numbers as the engine's compareConfigs: every config already carries the same seed and trials. */
export function compareTask(task: Extract<PoolTask, { kind: 'compare' }>): ComparisonResult {
  const merged = task.chunks.map((c) => mergeChunks(c))
  const pairs: Comparison[] = []
  for (let i = 0; i < merged.length; i++) for (let j = i + 1; j < merged.length; j++) pairs.push(compareChunks(merged[i]!, merged[j]!, i, j))
  const first = task.configs[0]!
  return { seed: String(first.run.seed), trials: first.run.trials, runs: merged.map((m, i) => summarise(resolveRun(task.configs[i]!), m)), pairs }
}

/** The typed-array buffers of a chunk, so the pool can move them instead of copying. */
export function chunkBuffers(chunk: ChunkResult): ArrayBuffer[] {
  const arrays = [...Object.values(chunk.values), ...Object.values(chunk.counts), chunk.fan]
  return arrays.map((a) => a.buffer as ArrayBuffer)
}
