import type { ComparisonResult, RunResult, SimulationConfig } from '@pcsim/engine'
import { choiceForTrials, compareWith, createExecutor, executorFromEnv, runWith, type Executor } from '@pcsim/runner'
import type { Progress } from './progress.ts'

/**
 * Runs `work` on the executor the environment chooses (a thread pool by default, in-thread for a
 * job of one chunk or with PCSIM_EXECUTOR=in-thread, Redis workers when PCSIM_REDIS_URL is set),
 * and always closes it. Results do not depend on the choice.
 */
export async function withExecutor<T>(trials: number, work: (executor: Executor, signal: AbortSignal) => Promise<T>): Promise<T> {
  const executor = await createExecutor(choiceForTrials(executorFromEnv(process.env), trials))
  // Ctrl-C (or SIGTERM) cancels the run on every worker before the process exits; another one
  // a second later exits at once. (A terminal's Ctrl-C reaches both bin/pcsim.mjs and this process,
  // and the bin forwards it: the same keypress arrives twice.)
  const controller = new AbortController()
  let first = 0
  const interrupt = () => {
    if (!first) {
      first = Date.now()
      controller.abort()
    } else if (Date.now() - first > SAME_SIGNAL_MS) process.exit(INTERRUPTED_EXIT)
  }
  process.on('SIGINT', interrupt)
  process.on('SIGTERM', interrupt)
  try {
    return await work(executor, controller.signal)
  } finally {
    process.off('SIGINT', interrupt)
    process.off('SIGTERM', interrupt)
    await executor.close()
  }
}

/** Exit code of a run stopped by SIGINT/SIGTERM (128 + SIGINT, as shells report it). */
export const INTERRUPTED_EXIT = 130
/** Signals closer together than this are one keypress delivered twice. */
export const SAME_SIGNAL_MS = 1_000

/** One run in chunks, merged in trial order; the progress bar counts trials over all chunks. */
export function simulateRun(config: SimulationConfig, progress: Progress): Promise<RunResult> {
  return withExecutor(config.run.trials, (executor, signal) => runWith(executor, config, { signal, onProgress: (done) => progress.update(done) }))
}

/** A comparison on common random numbers; progress counts trials across all configs. */
export function simulateComparison(configs: SimulationConfig[], progress: Progress): Promise<ComparisonResult> {
  return withExecutor(configs[0]!.run.trials * configs.length, (executor, signal) => compareWith(executor, configs, { signal, onProgress: (done) => progress.update(done) }))
}
