import { runChunk } from '../run/chunk.ts'
import type { TrialColumns } from './columns.ts'
import { resolveRun } from '../model/resolve.ts'
import type { SimulationConfig } from '../schema/config.ts'

/** What the tools read of an AbortSignal (the engine has no DOM or Node types). */
export interface AbortLike {
  readonly aborted: boolean
}

export interface TrialsOptions {
  signal?: AbortLike
  /** Trials finished so far in this call, over all its configs. */
  onProgress?: (done: number) => void
}

/**
 * Runs trials [start, end) of each config and returns one merged chunk per config. The decision
 * tools only ever ask for trial ranges through this, so whatever runs them (this thread, a thread
 * pool, BullMQ workers) they see the same numbers: a chunk depends only on (config, start, end).
 */
export type RunTrials = (configs: SimulationConfig[], start: number, end: number, options?: TrialsOptions) => Promise<TrialColumns[]>

export class DecideCancelledError extends Error {
  readonly code = 'PCSIM_ERR_CANCELLED'
  constructor() {
    super('the run was cancelled')
  }
}

/** The in-thread runner (for tests, the browser and small jobs); it checks for cancellation between configs. */
export const runTrialsInThread: RunTrials = async (configs, start, end, options = {}) => {
  const out: TrialColumns[] = []
  for (let i = 0; i < configs.length; i++) {
    if (options.signal?.aborted) throw new DecideCancelledError()
    out.push(runChunk(resolveRun(configs[i]!), start, end))
    options.onProgress?.((i + 1) * (end - start))
    await Promise.resolve()
  }
  return out
}

/** Same seed and trial count as the base: every variant sees the base run's random numbers. */
export const onSeed = (config: SimulationConfig, seed: string | number, trials: number): SimulationConfig => ({
  ...config,
  run: { ...config.run, seed, trials },
})

