import type { ComparisonResult, RunResult, SimulationConfig } from '@pcsim/engine'
import { choiceForRun, choiceForTrials, compareWith, createExecutor, executorFromEnv, runWith, type Executor, type WorkerLanes } from '@pcsim/runner'
import { INTERRUPTED_EXIT } from './exit-codes.ts'
import type { Progress } from './progress.ts'

/**
 * Runs `work` on the executor the environment chooses (by default a thread pool when the job is
 * big enough for one to pay, else in-thread; for a bare trial count (decision tools), the pool when
 * it spans more than one chunk; PCSIM_EXECUTOR chooses explicitly, Redis workers when
 * PCSIM_REDIS_URL is set), and always closes it. Results do not depend on the choice. `lanes`:
 * worker threads started ahead (early-lanes.ts), taken over by a thread pool of their size or stopped.
 */
export async function withExecutor<T>(jobs: readonly SimulationConfig[] | number, work: (executor: Executor, signal: AbortSignal) => Promise<T>, lanes?: WorkerLanes): Promise<T> {
  const env = executorFromEnv(process.env)
  const executor = await createExecutor(typeof jobs === 'number' ? choiceForTrials(env, jobs) : choiceForRun(env, jobs), lanes)
  // Ctrl-C (or SIGTERM) cancels the run on every worker before the process exits; another one
  // a second later exits at once (signals closer together count as one keypress).
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

/** Signals closer together than this are one keypress delivered twice. */
export const SAME_SIGNAL_MS = 1_000

/** One run in chunks, merged in trial order; the progress bar counts trials over all chunks. */
export function simulateRun(config: SimulationConfig, progress: Progress, lanes?: WorkerLanes): Promise<RunResult> {
  return withExecutor([config], (executor, signal) => runWith(executor, config, { signal, onProgress: (done) => progress.update(done) }), lanes)
}

/** A comparison on common random numbers; progress counts trials across all configs. */
export function simulateComparison(configs: SimulationConfig[], progress: Progress): Promise<ComparisonResult> {
  return withExecutor(configs, (executor, signal) => compareWith(executor, configs, { signal, onProgress: (done) => progress.update(done) }))
}
