import { availableParallelism } from 'node:os'
import type { SimulationConfig } from '@pcsim/engine'
import { estimatedSeconds, poolPays } from './crossover.ts'
import type { Executor } from './executor.ts'
import { HybridExecutor } from './hybrid.ts'
import { InThreadExecutor } from './in-thread.ts'
import type { WorkerLanes } from './lanes.ts'
import { RedisExecutor, type RedisOptions } from './redis.ts'
import { DEFAULT_CHUNK_SIZE } from './simulate.ts'
import { ThreadPoolExecutor } from './thread-pool.ts'

export type ExecutorKind = Executor['kind']
export const EXECUTOR_KINDS: readonly ExecutorKind[] = ['in-thread', 'thread-pool', 'redis']

export interface ExecutorChoice {
  kind?: ExecutorKind
  redisUrl?: string
  threads?: number
  /** Thread pool only: the calling thread computes chunks too, next to `threads − 1` workers (HybridExecutor). */
  callerComputes?: boolean
  /** Tuning of the Redis executor (queue name, time limits). */
  redis?: Omit<RedisOptions, 'url'>
}

/** An environment variable with a bad value; `variable` names it. */
export class ExecutorConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`)
    this.name = 'ExecutorConfigError'
  }
}

/**
 * The executor the choice names: Redis when a URL is given, else a thread pool; `in-thread` on request.
 * `lanes`: worker threads started ahead (WorkerLanes); a HybridExecutor of the same size takes them
 * over, any other choice stops them.
 */
export async function createExecutor(choice: ExecutorChoice = {}, lanes?: WorkerLanes): Promise<Executor> {
  const kind = choice.kind ?? (choice.redisUrl ? 'redis' : 'thread-pool')
  const threads = choice.threads ?? availableParallelism()
  const adopted = kind === 'thread-pool' && choice.callerComputes && lanes?.size === threads - 1 ? lanes : undefined
  if (lanes && !adopted) await lanes.close()
  if (kind === 'in-thread') return new InThreadExecutor()
  if (kind === 'thread-pool') return choice.callerComputes ? new HybridExecutor(threads, adopted) : new ThreadPoolExecutor(threads)
  if (!choice.redisUrl) throw new ExecutorConfigError('PCSIM_REDIS_URL', 'the redis executor needs a Redis URL (redis://[:password@]host:port)')
  return RedisExecutor.create({ ...choice.redis, url: choice.redisUrl })
}

/**
 * The default choice for a job: when nothing was chosen explicitly (PCSIM_EXECUTOR,
 * PCSIM_REDIS_URL), in-thread unless the job's estimated single-thread time is past the crossover
 * where a thread pool pays for its start-up (crossover.ts), or it fits in one chunk; above it, the
 * calling thread computes next to the pool's workers (`callerComputes`). Results are the same either way.
 */
export function choiceForRun(choice: ExecutorChoice, configs: readonly SimulationConfig[], chunkSize = DEFAULT_CHUNK_SIZE): ExecutorChoice {
  if (choice.kind || choice.redisUrl) return choice
  const trials = configs.reduce((a, c) => a + c.run.trials, 0)
  if (trials > chunkSize && poolPays(estimatedSeconds(configs), choice.threads ?? availableParallelism())) return { ...choice, callerComputes: true }
  return { ...choice, kind: 'in-thread' }
}

/**
 * The default choice when only a trial count is known (the decision tools run many configs): in-thread
 * for a job of one chunk, else this thread computing next to the pool's workers.
 */
export function choiceForTrials(choice: ExecutorChoice, trials: number, chunkSize = DEFAULT_CHUNK_SIZE): ExecutorChoice {
  if (choice.kind || choice.redisUrl) return choice
  return trials > chunkSize ? { ...choice, callerComputes: true } : { ...choice, kind: 'in-thread' }
}

function positive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim()
  if (!raw) return undefined
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw new ExecutorConfigError(name, `must be a whole number ≥ 1 (got "${raw}")`)
  return n
}

/** The Redis URL from the environment, checked: redis:// or rediss://. */
export function redisUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.PCSIM_REDIS_URL?.trim()
  if (!url) return undefined
  checkRedisUrl(url, 'PCSIM_REDIS_URL')
  return url
}

export function checkRedisUrl(url: string, variable: string): void {
  let ok = false
  try {
    ok = ['redis:', 'rediss:'].includes(new URL(url).protocol)
  } catch {
    ok = false
  }
  if (!ok) throw new ExecutorConfigError(variable, 'must be a URL like redis://[:password@]host:6379[/db] (or rediss:// for TLS)')
}

/**
 * Reads the choice from the environment: PCSIM_EXECUTOR (in-thread | thread-pool | redis),
 * PCSIM_REDIS_URL, PCSIM_WORKERS (threads of the pool), PCSIM_REDIS_QUEUE,
 * PCSIM_REDIS_OUTAGE_MS and PCSIM_REDIS_NO_WORKER_MS.
 */
export function executorFromEnv(env: NodeJS.ProcessEnv = process.env): ExecutorChoice {
  const kind = env.PCSIM_EXECUTOR?.trim() as ExecutorKind | undefined
  if (kind && !EXECUTOR_KINDS.includes(kind)) throw new ExecutorConfigError('PCSIM_EXECUTOR', `must be in-thread, thread-pool or redis (got "${kind}")`)
  const redisUrl = redisUrlFromEnv(env)
  if (kind === 'redis' && !redisUrl) throw new ExecutorConfigError('PCSIM_REDIS_URL', 'PCSIM_EXECUTOR=redis needs PCSIM_REDIS_URL')
  const threads = positive(env, 'PCSIM_WORKERS')
  const queue = env.PCSIM_REDIS_QUEUE?.trim()
  const outageMs = positive(env, 'PCSIM_REDIS_OUTAGE_MS')
  const noWorkerMs = positive(env, 'PCSIM_REDIS_NO_WORKER_MS')
  const redis = { ...(queue ? { queue } : {}), ...(outageMs ? { outageMs } : {}), ...(noWorkerMs ? { noWorkerMs } : {}) }
  return { ...(kind ? { kind } : {}), ...(redisUrl ? { redisUrl } : {}), ...(threads ? { threads } : {}), ...(Object.keys(redis).length ? { redis } : {}) }
}

/** Worker settings from the environment: PCSIM_REDIS_LOCK_MS (how soon a dead worker's chunk is retried). */
export function workerLockFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  return positive(env, 'PCSIM_REDIS_LOCK_MS')
}
