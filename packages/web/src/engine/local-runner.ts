import { alignForComparison, chunkRanges, compareChunks, mergeChunks, type ChunkResult, type ComparisonResult, type RunResult, type SimulationConfig } from '@pcsim/engine'
import { chunkBuffers } from './protocol.ts'
import { CancelledError, type WorkerPool } from './worker-pool.ts'

export interface RunHooks {
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

/** Trials [from, to) of one config in chunks of at most `size`, spread over the pool's workers. */
async function runRange(pool: WorkerPool, config: SimulationConfig, from: number, to: number, size: number, hooks: RunHooks, offset = 0, total = to - from): Promise<ChunkResult[]> {
  const ranges = chunkRanges(to - from, size).map(([a, b]) => [from + a, from + b] as const)
  const done = new Array<number>(ranges.length).fill(0)
  const report = () => hooks.onProgress?.(offset + done.reduce((a, b) => a + b, 0), total)
  const tasks = ranges.map(([start, end], i) =>
    pool.run({ kind: 'chunk', config, start, end }, [], (d) => ((done[i] = d), report())).then((reply) => {
      if (reply.kind !== 'chunk') throw new Error(`unexpected reply ${reply.kind}`)
      return reply.chunk
    }),
  )
  return Promise.all(tasks)
}

/** One chunk per worker for small runs, chunks of ≤ 25k trials (progress steps) for big ones. */
function runChunks(pool: WorkerPool, config: SimulationConfig, hooks: RunHooks, offset = 0, total = config.run.trials): Promise<ChunkResult[]> {
  const trials = config.run.trials
  return runRange(pool, config, 0, trials, Math.min(Math.ceil(trials / pool.size), 25_000), hooks, offset, total)
}

async function summariseIn(pool: WorkerPool, config: SimulationConfig, chunks: ChunkResult[], transfer = true): Promise<RunResult> {
  const reply = await pool.run({ kind: 'summarise', config, chunks }, transfer ? chunks.flatMap(chunkBuffers) : [])
  if (reply.kind !== 'result') throw new Error(`unexpected reply ${reply.kind}`)
  return reply.result
}

function guard<T>(pool: WorkerPool, hooks: RunHooks, work: () => Promise<T>): Promise<T> {
  if (hooks.signal?.aborted) return Promise.reject(new CancelledError())
  const onAbort = () => pool.cancel()
  hooks.signal?.addEventListener('abort', onAbort, { once: true })
  return work().finally(() => hooks.signal?.removeEventListener('abort', onAbort))
}

/** The engine's result for `config`, computed in this browser's workers. */
export function runLocal(pool: WorkerPool, config: SimulationConfig, hooks: RunHooks = {}): Promise<RunResult> {
  return guard(pool, hooks, async () => summariseIn(pool, config, await runChunks(pool, config, hooks)))
}

/**
 * A quick result on trials [0, first), handed to `onPartial`, then the result on all of
 * config.run.trials. The first trials are not rerun: any split gives the engine's same numbers.
 */
export function runProgressive(pool: WorkerPool, config: SimulationConfig, first: number, onPartial: (r: RunResult) => void, hooks: RunHooks = {}): Promise<RunResult> {
  return guard(pool, hooks, async () => {
    const total = config.run.trials
    const n = Math.min(first, total)
    const head = await runRange(pool, config, 0, n, Math.ceil(n / pool.size), hooks)
    if (n >= total) return summariseIn(pool, config, head)
    onPartial(await summariseIn(pool, { ...config, run: { ...config.run, trials: n } }, head, false))
    // let the page draw the quick result before the refinement takes both cores
    await afterNextPaint()
    const tail = await runRange(pool, config, n, total, REFINE_CHUNK, hooks)
    return summariseIn(pool, config, [...head, ...tail])
  })
}

const afterNextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))

/** Refinement chunks stay short so a newer preview never waits long for a stale one. */
const REFINE_CHUNK = 500

/**
 * Same as the engine's compareConfigs (common random numbers: one seed and trial count for all),
 * with the trials spread over the pool and progress reported.
 */
export function compareLocal(pool: WorkerPool, configs: SimulationConfig[], hooks: RunHooks = {}): Promise<ComparisonResult> {
  return guard(pool, hooks, async () => {
    const aligned = alignForComparison(configs)
    const { seed, trials } = aligned[0]!.run
    const merged: ChunkResult[] = []
    for (const [i, c] of aligned.entries()) merged.push(mergeChunks(await runChunks(pool, c, hooks, i * trials, trials * aligned.length)))
    const pairs = []
    for (let i = 0; i < merged.length; i++) for (let j = i + 1; j < merged.length; j++) pairs.push(compareChunks(merged[i]!, merged[j]!, i, j))
    const runs = await Promise.all(aligned.map((c, i) => summariseIn(pool, c, [merged[i]!])))
    return { seed: String(seed), trials, runs, pairs }
  })
}

/** Per-trial values of every metric (the engine's chunk values, trials in order) for `config`. */
export function runTrialValues(pool: WorkerPool, config: SimulationConfig, hooks: RunHooks = {}): Promise<Record<string, Float64Array>> {
  return guard(pool, hooks, async () => mergeChunks(await runChunks(pool, config, hooks)).values)
}
