import { availableParallelism } from 'node:os'
import type { Executor } from './executor.ts'
import { InThreadExecutor } from './in-thread.ts'
import { RedisExecutor } from './redis.ts'
import { ThreadPoolExecutor } from './thread-pool.ts'

export type ExecutorKind = Executor['kind']

export interface ExecutorChoice {
  kind?: ExecutorKind
  redisUrl?: string
  threads?: number
}

/** The executor configuration names: Redis when a URL is given, else a thread pool; `in-thread` on request. */
export function createExecutor(choice: ExecutorChoice = {}): Promise<Executor> {
  const kind = choice.kind ?? (choice.redisUrl ? 'redis' : 'thread-pool')
  if (kind === 'in-thread') return Promise.resolve(new InThreadExecutor())
  if (kind === 'thread-pool') return Promise.resolve(new ThreadPoolExecutor(choice.threads ?? availableParallelism()))
  if (!choice.redisUrl) throw new Error('the redis executor needs a Redis URL (PCSIM_REDIS_URL)')
  return RedisExecutor.create({ url: choice.redisUrl })
}

/** Reads the choice from the environment: PCSIM_EXECUTOR, PCSIM_REDIS_URL, PCSIM_WORKERS. */
export function executorFromEnv(env: NodeJS.ProcessEnv = process.env): ExecutorChoice {
  const kind = env.PCSIM_EXECUTOR as ExecutorKind | undefined
  if (kind && !['in-thread', 'thread-pool', 'redis'].includes(kind)) throw new Error(`PCSIM_EXECUTOR must be in-thread, thread-pool or redis (got "${kind}")`)
  const threads = env.PCSIM_WORKERS ? Number(env.PCSIM_WORKERS) : undefined
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new Error(`PCSIM_WORKERS must be a whole number ≥ 1 (got "${env.PCSIM_WORKERS}")`)
  return { ...(kind ? { kind } : {}), ...(env.PCSIM_REDIS_URL ? { redisUrl: env.PCSIM_REDIS_URL } : {}), ...(threads ? { threads } : {}) }
}
