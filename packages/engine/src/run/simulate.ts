import { resolveRun, type ResolvedRun } from '../model/resolve.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { ChunkMerger, runChunk, type ChunkResult, type MergeColumns, type ProgressCallback } from './chunk.ts'
import { summarise, summarisedColumns, type RunResult } from './summarise.ts'

/** Splits `trials` into `chunks` contiguous ranges of near-equal size. */
export function planChunks(trials: number, chunks: number): Array<[number, number]> {
  const k = Math.max(1, Math.min(trials, Math.floor(chunks)))
  return Array.from({ length: k }, (_, i) => [Math.floor((i * trials) / k), Math.floor(((i + 1) * trials) / k)] as [number, number])
}

/** Ranges of at most `size` trials. */
export function chunkRanges(trials: number, size: number): Array<[number, number]> {
  return planChunks(trials, Math.ceil(trials / Math.max(1, size)))
}

export interface RunOptions {
  /** Number of chunks to split the run into (results are identical for any value). */
  chunks?: number
  onProgress?: ProgressCallback
  /** The value columns to keep (default: all); results from the others are dropped as they merge. */
  columns?: MergeColumns
}

/** Runs a parsed config in the calling thread. */
export function runSimulation(config: SimulationConfig, options: RunOptions = {}): RunResult {
  const run = resolveRun(config)
  return summarise(run, runResolved(run, { ...options, columns: summarisedColumns(run) }))
}

export function runResolved(run: ResolvedRun, options: RunOptions = {}): ChunkResult {
  const trials = run.config.run.trials
  const ranges = planChunks(trials, options.chunks ?? Math.ceil(trials / 5000))
  const merger = new ChunkMerger(0, trials, options.columns)
  let done = 0
  for (const [a, b] of ranges) {
    merger.add(runChunk(run, a, b, options.onProgress ? (d) => options.onProgress!(done + d, trials) : undefined))
    done += b - a
  }
  return merger.result()
}
