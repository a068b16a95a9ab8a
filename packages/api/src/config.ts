import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { limits } from '@pcsim/engine'
import { executorFromEnv, ExecutorConfigError, type ExecutorChoice } from '@pcsim/runner'
import { UserDirectory } from './users/users.ts'
import { defaultAllowedHosts, parseAllowedHosts, type AllowedHosts } from './http/host-allow-list.ts'

/** Everything the server reads from the environment, validated once at start. */
export interface AppConfig {
  host: string
  port: number
  /** SQLite file, or ":memory:". */
  dbPath: string
  workers: number
  /**
   * Where chunks run: a pool of `workers` threads (default), `pcsim worker` processes reading
   * Redis when PCSIM_REDIS_URL is set, or in-thread (PCSIM_EXECUTOR); results are the same.
   */
  executor: ExecutorChoice
  chunkSize: number
  /** Jobs whose chunks run at the same time; the rest wait in order. */
  concurrentJobs: number
  bodyLimit: number
  maxTrials: number
  maxQueued: number
  rateLimit: number
  rateLimitJobs: number
  apiToken: string | undefined
  /** Named users (PCSIM_USERS_FILE); undefined = the one-person local mode. */
  users: UserDirectory | undefined
  corsOrigin: string | undefined
  /** Host header names the server answers for (DNS-rebinding guard). */
  allowedHosts: AllowedHosts
  logLevel: string
  shutdownGraceMs: number
  webDist: string
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`)
  }
}

type Env = Record<string, string | undefined>

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number between ${min} and ${max}, got "${raw}"`)
  const value = Number(raw.trim())
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`)
  return value
}

function text(env: Env, name: string): string | undefined {
  const raw = env[name]
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim()
}

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url))

/** Reads and checks the environment; throws a ConfigError naming the variable on a bad value. */
export function loadConfig(env: Env = process.env): AppConfig {
  const cores = availableParallelism()
  const workers = int(env, 'PCSIM_WORKERS', cores, 1, 256)
  const token = text(env, 'PCSIM_API_TOKEN')
  if (token !== undefined && token.length < 16) throw new ConfigError('PCSIM_API_TOKEN', 'must be at least 16 characters long')
  let executor: ExecutorChoice
  try {
    executor = { ...executorFromEnv(env), threads: workers }
  } catch (error) {
    if (error instanceof ExecutorConfigError) throw new ConfigError(error.variable, error.message.slice(error.variable.length + 2))
    throw error
  }
  const logLevel = text(env, 'PCSIM_LOG_LEVEL') ?? 'info'
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('PCSIM_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`)
  const usersFile = text(env, 'PCSIM_USERS_FILE')
  if (usersFile !== undefined && token !== undefined) throw new ConfigError('PCSIM_USERS_FILE', 'set either PCSIM_USERS_FILE (named users) or PCSIM_API_TOKEN (one shared token), not both')
  let users: UserDirectory | undefined
  try {
    users = usersFile === undefined ? undefined : UserDirectory.fromFile(usersFile)
  } catch (error) {
    throw new ConfigError('PCSIM_USERS_FILE', (error as Error).message)
  }
  const host = text(env, 'HOST') ?? '127.0.0.1'
  const hostsRaw = text(env, 'PCSIM_ALLOWED_HOSTS')
  let allowedHosts: AllowedHosts
  try {
    allowedHosts = hostsRaw === undefined ? defaultAllowedHosts(host) : parseAllowedHosts(hostsRaw, host)
  } catch (error) {
    throw new ConfigError('PCSIM_ALLOWED_HOSTS', (error as Error).message)
  }
  return {
    host,
    port: int(env, 'PORT', 3000, 0, 65535),
    dbPath: text(env, 'PCSIM_DB') ?? './data/pcsim.sqlite',
    workers,
    executor,
    chunkSize: int(env, 'PCSIM_CHUNK_SIZE', 5000, 100, 1_000_000),
    concurrentJobs: int(env, 'PCSIM_CONCURRENT_JOBS', workers, 1, 256),
    bodyLimit: int(env, 'PCSIM_BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024),
    maxTrials: int(env, 'PCSIM_MAX_TRIALS', 1_000_000, 1, limits.MAX_TRIALS),
    maxQueued: int(env, 'PCSIM_MAX_QUEUED', 16, 1, 10_000),
    rateLimit: int(env, 'PCSIM_RATE_LIMIT', 300, 1, 10_000_000),
    rateLimitJobs: int(env, 'PCSIM_RATE_LIMIT_JOBS', 30, 1, 10_000_000),
    apiToken: token,
    users,
    corsOrigin: text(env, 'PCSIM_CORS_ORIGIN'),
    allowedHosts,
    logLevel,
    shutdownGraceMs: int(env, 'PCSIM_SHUTDOWN_GRACE_MS', 5000, 0, 600_000),
    webDist: text(env, 'PCSIM_WEB_DIST') ?? DEFAULT_WEB_DIST,
  }
}
