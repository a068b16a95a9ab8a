import { availableParallelism } from 'node:os'
import type { WorkerLanes } from '@pcsim/runner/lanes'

/** `pcsim run --trials N` with N at least this starts its worker threads before the engine loads. */
export const EARLY_LANES_TRIALS = 20_000

/**
 * Worker threads for a run that will probably take the thread pool (the default executor above its
 * crossover: from about 24,000 trials of us-vc-10y), started before this thread loads the engine
 * and parses the config, so that the threads load the engine at the same time as this one instead
 * of while it computes. Only for `--trials` of EARLY_LANES_TRIALS or more on two or more threads,
 * with no executor chosen in the environment; when the run ends up in-thread they are stopped.
 */
export async function earlyLanes(trials: number | undefined, env: NodeJS.ProcessEnv = process.env): Promise<WorkerLanes | undefined> {
  if (trials === undefined || trials < EARLY_LANES_TRIALS) return undefined
  if (env.PCSIM_EXECUTOR?.trim() || env.PCSIM_REDIS_URL?.trim()) return undefined
  const threads = env.PCSIM_WORKERS?.trim() ? Number(env.PCSIM_WORKERS.trim()) : availableParallelism()
  if (!Number.isSafeInteger(threads) || threads < 2) return undefined
  const { WorkerLanes } = await import('@pcsim/runner/lanes')
  return new WorkerLanes(threads - 1)
}
