import { setMaxListeners } from 'node:events'
import {
  alignForComparison,
  ChunkMerger,
  chunkRanges,
  comparisonFromChunks,
  summarise,
  summarisedColumns,
  type ChunkResult,
  type ComparisonResult,
  type RunResult,
  type SimulationConfig,
} from '@pcsim/engine'
import type { Executor } from './executor.ts'
import { resolvedRun } from './resolved-run.ts'

export interface RunWithOptions {
  /** Trials per chunk (default 5,000: docs/scale-out.md gives the figures behind it). */
  chunkSize?: number
  signal?: AbortSignal
  /** Trials finished so far, over all chunks (and all configs of a comparison). */
  onProgress?: (done: number, total: number) => void
}

export const DEFAULT_CHUNK_SIZE = 5_000

/** The smallest chunk of a run's tail (a few milliseconds of work: less would cost more in messages than it saves). */
export const MIN_TAIL_CHUNK = 250

/**
 * The chunks of a run on `lanes` threads: `size` trials each while plenty are left, then smaller
 * and smaller (a quarter of what is left per lane pair, down to MIN_TAIL_CHUNK), so the threads
 * finish together instead of one computing a whole last chunk while the others wait. On one lane,
 * chunkRanges. Any split gives the same numbers.
 */
export function chunkPlan(trials: number, size: number, lanes: number): Array<[number, number]> {
  if (lanes <= 1) return chunkRanges(trials, size)
  const most = Math.max(1, size)
  const least = Math.min(most, MIN_TAIL_CHUNK)
  const out: Array<[number, number]> = []
  for (let at = 0; at < trials; ) {
    const n = Math.min(trials - at, Math.max(least, Math.min(most, Math.ceil((trials - at) / (2 * lanes)))))
    out.push([at, at + n])
    at += n
  }
  return out
}

/** Runs every chunk of each config on the executor at once (it queues what it cannot run yet) and
 * merges each into its place as it arrives (so finished chunks are not all held at once), keeping
 * only the columns the summary reads: the same numbers whichever executor ran them, in whatever order. */
async function runChunks(executor: Executor, configs: SimulationConfig[], options: RunWithOptions): Promise<ChunkResult[]> {
  const size = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  // Threads on one machine start and stop together; Redis workers come and go, so their chunks stay whole.
  const lanes = executor.kind === 'thread-pool' ? executor.parallelism : 1
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
        // made when the first chunk is back: a config the engine cannot run fails on the executor, as before
        let merger: ChunkMerger | undefined
        await Promise.all(
          chunkPlan(config.run.trials, size, lanes).map(([start, end]) =>
            executor.runChunk({ config, start, end }, { signal: controller.signal, onProgress: (d) => report(`${k}:${start}`, d) }).then(
              (chunk) => {
                merger ??= new ChunkMerger(0, config.run.trials, summarisedColumns(resolvedRun(config)))
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
        if (!merger) throw new RangeError('a run needs at least one trial')
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
  return summarise(resolvedRun(config), merged!)
}

/** A comparison on common random numbers on any executor; identical to the engine's `compareConfigs`. */
export async function compareWith(executor: Executor, configs: SimulationConfig[], options: RunWithOptions = {}): Promise<ComparisonResult> {
  const aligned = alignForComparison(configs)
  const merged = await runChunks(executor, aligned, options)
  return comparisonFromChunks(aligned.map(resolvedRun), merged)
}
