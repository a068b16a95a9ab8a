import { chunkRanges, compareConfigs, mergeChunks, resolveRun, runChunk, summarise, type ChunkResult, type ComparisonResult, type RunResult, type SimulationConfig } from '@pcsim/engine'
import type { Progress } from './progress.ts'

/** Trials per chunk: small enough for a smooth progress bar; results do not depend on it. */
export const CHUNK_TRIALS = 2_000

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve))

/** One run in chunks (resolveRun → runChunk per chunk → mergeChunks → summarise). */
export async function simulateRun(config: SimulationConfig, progress: Progress): Promise<RunResult> {
  const run = resolveRun(config)
  const chunks: ChunkResult[] = []
  let done = 0
  for (const [start, end] of chunkRanges(config.run.trials, CHUNK_TRIALS)) {
    chunks.push(runChunk(run, start, end, (d) => progress.update(done + d)))
    done += end - start
    await nextTick() // lets the bar redraw and Ctrl-C through between chunks
  }
  return summarise(run, mergeChunks(chunks))
}

/** The engine's compareConfigs (common random numbers); its progress counts trials across all configs. */
export function simulateComparison(configs: SimulationConfig[], progress: Progress): ComparisonResult {
  return compareConfigs(configs, { onProgress: (done) => progress.update(done) })
}
