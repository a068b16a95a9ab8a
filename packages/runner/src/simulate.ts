import { setMaxListeners } from 'node:events'
import {
  alignForComparison,
  ChunkMerger,
  chunkRanges,
  comparisonFromChunks,
  resolveRun,
  summarise,
  summarisedColumns,
  type ChunkResult,
  type ComparisonResult,
  type RunResult,
  type SimulationConfig,
} from '@pcsim/engine'
import type { Executor } from './executor.ts'

export interface RunWithOptions {
  /** Trials per chunk (default 5,000: docs/scale-out.md gives the figures behind it). */
  chunkSize?: number
  signal?: AbortSignal
  /** Trials finished so far, over all chunks (and all configs of a comparison). */
  onProgress?: (done: number, total: number) => void
}

export const DEFAULT_CHUNK_SIZE = 5_000

/** Runs every chunk of each config on the executor at once (it queues what it cannot run yet) and
 * merges each into its place as it arrives (so finished chunks are not all held at once), keeping
 * only the columns the summary reads: the same numbers whichever executor ran them, in whatever order. */
async function runChunks(executor: Executor, configs: SimulationConfig[], options: RunWithOptions): Promise<ChunkResult[]> {
  const size = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  const total = configs.reduce((a, c) => a + c.run.trials, 0)
  const done = new Map<string, number>()
  let sum = 0
  // Per chunk, progress only grows: a chunk retried elsewhere counts once, not once per attempt.
  const report = (key: string, d: number) => {
    const before = done.get(key) ?? 0
    if (d <= before) return
    sum += d - before
    done.set(key, d)
    options.onProgress?.(sum, total)
  }
  const controller = new AbortController()
  setMaxListeners(0, controller.signal) // every chunk in flight listens to it
  const abort = () => controller.abort()
  options.signal?.addEventListener('abort', abort, { once: true })
  if (options.signal?.aborted) controller.abort()
  try {
    return await Promise.all(
      configs.map(async (config, k) => {
        const merger = new ChunkMerger(0, config.run.trials, summarisedColumns(resolveRun(config)))
        await Promise.all(
          chunkRanges(config.run.trials, size).map(([start, end]) =>
            executor.runChunk({ config, start, end }, { signal: controller.signal, onProgress: (d) => report(`${k}:${start}`, d) }).then(
              (chunk) => {
                merger.add(chunk)
                report(`${k}:${start}`, end - start)
              },
              (error: unknown) => {
                controller.abort() // the other chunks stop: the run has failed
                throw error
              },
            ),
          ),
        )
        return merger.result()
      }),
    )
  } finally {
    options.signal?.removeEventListener('abort', abort)
  }
}

/** One run on any executor; identical to the engine's in-thread `runSimulation`. */
export async function runWith(executor: Executor, config: SimulationConfig, options: RunWithOptions = {}): Promise<RunResult> {
  const [merged] = await runChunks(executor, [config], options)
  return summarise(resolveRun(config), merged!)
}

/** A comparison on common random numbers on any executor; identical to the engine's `compareConfigs`. */
export async function compareWith(executor: Executor, configs: SimulationConfig[], options: RunWithOptions = {}): Promise<ComparisonResult> {
  const aligned = alignForComparison(configs)
  const merged = await runChunks(executor, aligned, options)
  return comparisonFromChunks(aligned.map(resolveRun), merged)
}
