import { randomUUID } from 'node:crypto'
import { ENGINE_VERSION, type ChunkResult, type SimulationConfig } from '@pcsim/engine'
import type { ConnectionOptions, Job, Queue, QueueEvents } from 'bullmq'
import type { Redis, RedisOptions as IORedisOptions } from 'ioredis'
import { decodeChunk, encodeChunk } from './chunk-codec.ts'
import { CancelledError, throwIfAborted, type ChunkJob, type ChunkOptions, type Executor } from './executor.ts'
import { ThreadPoolExecutor } from './thread-pool.ts'

export const DEFAULT_QUEUE = 'pcsim-chunks'
/** Key prefixes next to BullMQ's own keys: a cancel flag and a chunk's encoded result, per job id. */
const CANCEL_PREFIX = 'pcsim:cancel:'
const RESULT_PREFIX = 'pcsim:result:'
/** Chunks whose state the coordinator checks per tick (all of them after a Redis restart). */
const POLL_BATCH = 16
/** Seconds a cancel flag or an unread result stays in Redis. */
const KEY_TTL_S = 3_600

export const REDIS_DEFAULTS = {
  queue: DEFAULT_QUEUE,
  lockMs: 30_000,
  watchMs: 1_000,
  outageMs: 20_000,
  noWorkerMs: 60_000,
  attempts: 3,
  parallelism: 64,
  connectTimeoutMs: 3_000,
}

export interface RedisOptions {
  /** redis://[user:password@]host[:port][/db], or rediss:// for TLS. */
  url: string
  queue?: string
  /** How often the coordinator checks that its chunks still exist and Redis still answers. */
  watchMs?: number
  /** How long Redis may be unreachable during a run before the run fails (PCSIM_ERR_REDIS_UNAVAILABLE). */
  outageMs?: number
  /** How long chunks may wait with no worker reading the queue before the run fails (PCSIM_ERR_NO_WORKERS). */
  noWorkerMs?: number
  /** Tries per chunk before the run fails (PCSIM_ERR_CHUNK_FAILED). */
  attempts?: number
  /** Chunks a job keeps in flight (the number of worker threads you expect, or more). */
  parallelism?: number
  connectTimeoutMs?: number
}

export type RedisErrorCode = 'PCSIM_ERR_REDIS_UNAVAILABLE' | 'PCSIM_ERR_CHUNK_LOST' | 'PCSIM_ERR_CHUNK_FAILED' | 'PCSIM_ERR_NO_WORKERS'

/** Error codes a Redis-backed run can fail with, each with a sentence saying what happened. */
export class RedisRunError extends Error {
  constructor(
    readonly code: RedisErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'RedisRunError'
  }
}

/** What a chunk job carries: the config, the trial range (the seed is in the config) and the engine version. */
interface ChunkJobData extends ChunkJob {
  engine: string
}

/**
 * BullMQ and ioredis, loaded on first use: importing them costs about a third of a second, which
 * every CLI command would otherwise pay.
 */
let libraries: Promise<{ bullmq: typeof import('bullmq'); ioredis: typeof import('ioredis') }> | undefined
export function redisLibraries() {
  libraries ??= Promise.all([import('bullmq'), import('ioredis')]).then(([bullmq, ioredis]) => ({ bullmq, ioredis }))
  return libraries
}

/** ioredis options for a redis:// or rediss:// URL. Reconnects quickly (at most 2 s apart). */
export function connection(url: string): IORedisOptions & { maxRetriesPerRequest: null } {
  const u = new URL(url)
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new TypeError(`a Redis URL starts with redis:// or rediss:// (got "${redact(url)}")`)
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(100 * times, 2_000),
  }
}

/** The URL with its password hidden, for messages and logs. */
export const redact = (url: string) => url.replace(/\/\/([^@/]*)@/, (_, auth: string) => `//${auth.includes(':') ? `${auth.split(':')[0]}:***` : '***'}@`)

/** Fails fast, with a clear message, when Redis cannot be reached (refused, timed out, bad password). */
export async function assertRedisReachable(url: string, timeoutMs = REDIS_DEFAULTS.connectTimeoutMs): Promise<void> {
  const { Redis } = (await redisLibraries()).ioredis
  const client = new Redis({ ...connection(url), lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs })
  client.on('error', () => undefined)
  try {
    await withTimeout(
      (async () => {
        await client.connect()
        await client.ping()
      })(),
      timeoutMs + 500,
      () => new Error(`no answer within ${timeoutMs / 1000} s`),
    )
  } catch (error) {
    throw new RedisRunError('PCSIM_ERR_REDIS_UNAVAILABLE', `Redis is not reachable at ${redact(url)}: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    client.disconnect()
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(error()), ms)))]).finally(() => clearTimeout(timer))
}

const quiet = (emitter: unknown) => (emitter as { on(event: string, f: () => void): void }).on('error', () => undefined)

/**
 * Throws unless the config survives JSON unchanged (finite numbers, no -0, plain objects and
 * arrays), since a worker sees it only through JSON and must run exactly the same config.
 */
export function assertJsonSafe(value: unknown, path = ''): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || value === undefined) return
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw new TypeError(`the config cannot be sent to Redis workers: ${path || '/'} is ${Object.is(value, -0) ? '-0' : value}`)
    return
  }
  if (Array.isArray(value)) return value.forEach((v, i) => assertJsonSafe(v, `${path}/${i}`))
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) assertJsonSafe(v, `${path}/${k}`)
    return
  }
  throw new TypeError(`the config cannot be sent to Redis workers: ${path || '/'} is not plain JSON`)
}

interface Pending {
  id: string
  job: ChunkJob
  added: boolean
  fetching: boolean
  progress: (done: number) => void
  settle: (error: Error | null, result?: ChunkResult) => void
}

/**
 * Chunks as BullMQ jobs on Redis, run by `pcsim worker` processes on any number of machines.
 *
 * - A chunk is retried elsewhere if its worker dies (its lock expires and BullMQ moves it back to
 *   the queue) and counted once: the coordinator reads one result per chunk, and any worker that
 *   runs it writes the same bytes.
 * - Results travel in their own key (not as BullMQ return values, which BullMQ also copies into its
 *   event stream), and are merged by the caller in trial order, so they equal a single-process run.
 * - The coordinator watches its chunks: a Redis restart that lost them fails the run with
 *   PCSIM_ERR_CHUNK_LOST, an outage longer than `outageMs` with PCSIM_ERR_REDIS_UNAVAILABLE, a
 *   queue nobody reads for `noWorkerMs` with PCSIM_ERR_NO_WORKERS; it never waits silently.
 * - Cancel removes waiting chunks and sets a flag that makes a worker abort a running one.
 */
export class RedisExecutor implements Executor {
  readonly kind = 'redis'
  readonly parallelism: number
  private readonly queue: Queue<ChunkJobData>
  private readonly events: QueueEvents
  private readonly client: Redis
  private readonly pending = new Map<string, Pending>()
  private readonly background = new Set<Promise<unknown>>()
  private readonly watchTimer: NodeJS.Timeout
  private lastContact = Date.now()
  private noWorkersSince = 0
  private cursor = 0
  private runId = ''
  private polling = false
  private closed = false

  private constructor(
    private readonly options: Required<RedisOptions>,
    { bullmq, ioredis }: Awaited<ReturnType<typeof redisLibraries>>,
  ) {
    const conn = connection(options.url)
    this.parallelism = options.parallelism
    this.queue = new bullmq.Queue<ChunkJobData>(options.queue, { connection: conn as ConnectionOptions })
    this.events = new bullmq.QueueEvents(options.queue, { connection: conn as ConnectionOptions })
    this.client = new ioredis.Redis(conn)
    for (const emitter of [this.queue, this.events, this.client]) quiet(emitter)
    this.events.on('completed', ({ jobId }) => this.completed(jobId))
    this.events.on('failed', ({ jobId }) => this.track(this.checkFailed(jobId)))
    this.events.on('progress', ({ jobId, data }) => this.pending.get(jobId)?.progress(Number(data)))
    this.watchTimer = setInterval(() => this.watch(), options.watchMs)
  }

  /** Connects (failing fast with PCSIM_ERR_REDIS_UNAVAILABLE when Redis is not reachable). */
  static async create(options: RedisOptions): Promise<RedisExecutor> {
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<RedisOptions>
    const { lockMs: _unused, ...defaults } = REDIS_DEFAULTS
    const full: Required<RedisOptions> = { ...defaults, ...given, url: options.url }
    await assertRedisReachable(full.url, full.connectTimeoutMs)
    const executor = new RedisExecutor(full, await redisLibraries())
    try {
      await withTimeout(Promise.all([executor.events.waitUntilReady(), executor.queue.waitUntilReady()]), full.outageMs, () =>
        new RedisRunError('PCSIM_ERR_REDIS_UNAVAILABLE', `Redis at ${redact(full.url)} did not become ready`),
      )
    } catch (error) {
      await executor.close()
      throw error
    }
    return executor
  }

  runChunk(job: ChunkJob, options: ChunkOptions = {}): Promise<ChunkResult> {
    try {
      throwIfAborted(options.signal)
      if (this.closed) throw new Error('the Redis executor is closed')
      assertJsonSafe(job.config)
    } catch (error) {
      return Promise.reject(error)
    }
    const id = randomUUID()
    const { signal } = options
    return new Promise<ChunkResult>((resolve, reject) => {
      const onAbort = () => {
        this.track(this.cancel(id))
        entry.settle(new CancelledError())
      }
      const entry: Pending = {
        id,
        job,
        added: false,
        fetching: false,
        progress: (done) => options.onProgress?.(done),
        settle: (error, result) => {
          if (!this.pending.delete(id)) return
          signal?.removeEventListener('abort', onAbort)
          if (error) reject(error)
          else resolve(result!)
        },
      }
      // Registered before the job exists, so no event about it can be missed.
      this.pending.set(id, entry)
      signal?.addEventListener('abort', onAbort, { once: true })
      const data: ChunkJobData = { config: job.config, start: job.start, end: job.end, engine: ENGINE_VERSION }
      withTimeout(
        this.queue.add('chunk', data, {
          jobId: id,
          attempts: this.options.attempts,
          backoff: { type: 'fixed', delay: 500 },
          removeOnComplete: true,
          removeOnFail: { age: KEY_TTL_S },
        }),
        this.options.outageMs,
        () => new RedisRunError('PCSIM_ERR_REDIS_UNAVAILABLE', `could not queue a chunk: no answer from Redis at ${redact(this.options.url)} for ${this.options.outageMs / 1000} s`),
      ).then(
        () => {
          entry.added = true
          if (signal?.aborted) onAbort()
        },
        (error: unknown) => entry.settle(error instanceof RedisRunError ? error : new RedisRunError('PCSIM_ERR_REDIS_UNAVAILABLE', `could not queue a chunk: ${String(error)}`)),
      )
    })
  }

  private track(p: Promise<unknown>): void {
    const q = p.catch(() => undefined).finally(() => this.background.delete(q))
    this.background.add(q)
  }

  /** A chunk finished: read its result once, then delete it. */
  private completed(id: string): void {
    const entry = this.pending.get(id)
    if (!entry || entry.fetching) return
    entry.fetching = true
    this.track(this.fetchResult(entry))
  }

  private async fetchResult(entry: Pending): Promise<void> {
    const key = RESULT_PREFIX + entry.id
    try {
      const bytes = await this.client.getBuffer(key)
      if (bytes === null) {
        entry.settle(new RedisRunError('PCSIM_ERR_CHUNK_LOST', `the result of trials ${entry.job.start}-${entry.job.end} is missing from Redis (was Redis restarted without its data?)`))
        return
      }
      const chunk = await decodeChunk(bytes)
      if (chunk.start !== entry.job.start || chunk.end !== entry.job.end) throw new Error(`a worker returned trials ${chunk.start}-${chunk.end} for chunk ${entry.job.start}-${entry.job.end}`)
      entry.progress(entry.job.end - entry.job.start)
      entry.settle(null, chunk)
      await this.client.del(key)
    } catch (error) {
      entry.settle(error instanceof Error ? error : new Error(String(error)))
    }
  }

  /** A chunk failed: the run fails only when BullMQ will not try it again. */
  private async checkFailed(id: string): Promise<void> {
    const entry = this.pending.get(id)
    if (!entry) return
    const job = await this.queue.getJob(id)
    if (!job) return
    const state = await job.getState()
    if (state === 'failed') this.failed(entry, job)
  }

  private failed(entry: Pending, job: Job<ChunkJobData>): void {
    const reason = job.failedReason || 'unknown reason'
    entry.settle(
      new RedisRunError('PCSIM_ERR_CHUNK_FAILED', `trials ${entry.job.start}-${entry.job.end} failed ${job.attemptsMade} time(s) on the workers: ${reason}`),
    )
  }

  /**
   * Every `watchMs`, while chunks are pending: whether Redis answers (else, after `outageMs`, the
   * run fails), whether it restarted (then every chunk is checked: a restart without its data lost
   * them), the state of a few chunks in turn (a backstop for events missed while reconnecting), and
   * whether any worker reads the queue (else, after `noWorkerMs`, the run fails).
   */
  private watch(): void {
    if (this.pending.size === 0) {
      this.lastContact = Date.now()
      this.noWorkersSince = 0
      return
    }
    if (Date.now() - this.lastContact > this.options.outageMs) {
      this.failAll(new RedisRunError('PCSIM_ERR_REDIS_UNAVAILABLE', `lost contact with Redis at ${redact(this.options.url)} for more than ${this.options.outageMs / 1000} s`))
      return
    }
    if (this.polling) return
    this.polling = true
    this.track(this.poll().finally(() => (this.polling = false)))
  }

  private async poll(): Promise<void> {
    // Contact, and Redis's run id: a new one means Redis restarted (and may have lost the chunks).
    const info = await this.client.info('server').catch(async (error: unknown) => {
      if (!/unknown command|NOPERM|disabled/i.test(String(error))) throw error
      await this.client.ping()
      return ''
    })
    this.lastContact = Date.now()
    const runId = /run_id:(\w+)/.exec(info)?.[1] ?? ''
    const restarted = this.runId !== '' && runId !== this.runId
    this.runId = runId
    // Every chunk after a restart; otherwise a few per tick in turn, as a backstop for events
    // missed while reconnecting, so the cost does not grow with the number of chunks in flight.
    const entries = [...this.pending.values()].filter((e) => e.added && !e.fetching)
    let batch = entries
    if (!restarted && entries.length > POLL_BATCH) {
      const from = this.cursor % entries.length
      batch = [...entries.slice(from), ...entries.slice(0, from)].slice(0, POLL_BATCH)
      this.cursor = from + POLL_BATCH
    }
    let waiting = false
    await Promise.all(
      batch.map(async (entry) => {
        const state = await this.queue.getJobState(entry.id)
        if (state === 'completed' || state === 'unknown') {
          // removeOnComplete deletes a finished job: its result key tells finished from lost.
          if (state === 'unknown' && !(await this.client.exists(RESULT_PREFIX + entry.id))) {
            entry.settle(new RedisRunError('PCSIM_ERR_CHUNK_LOST', `trials ${entry.job.start}-${entry.job.end} disappeared from Redis (was Redis restarted without its data?)`))
            return
          }
          this.completed(entry.id)
        } else if (state === 'failed') {
          const job = await this.queue.getJob(entry.id)
          if (job) this.failed(entry, job)
        } else waiting = true
      }),
    )
    if (!waiting) return
    const workers = await this.queue.getWorkersCount().catch(() => -1) // -1: CLIENT LIST not allowed here
    if (workers !== 0) this.noWorkersSince = 0
    else if (!this.noWorkersSince) this.noWorkersSince = Date.now()
    else if (Date.now() - this.noWorkersSince > this.options.noWorkerMs)
      this.failAll(
        new RedisRunError(
          'PCSIM_ERR_NO_WORKERS',
          `no worker has read queue "${this.options.queue}" at ${redact(this.options.url)} for ${this.options.noWorkerMs / 1000} s; start one with: pcsim worker --redis <url>`,
        ),
      )
  }

  private failAll(error: Error): void {
    for (const entry of [...this.pending.values()]) {
      if (entry.added) this.track(this.cancel(entry.id))
      entry.settle(error)
    }
  }

  /** Flags a chunk so a worker running it stops, then removes it if it is still waiting. */
  private async cancel(id: string): Promise<void> {
    await withTimeout(
      (async () => {
        await this.client.set(CANCEL_PREFIX + id, '1', 'EX', KEY_TTL_S)
        const removed = await this.queue.remove(id).catch(() => 0) // 0 while a worker holds the chunk's lock
        await this.client.del(RESULT_PREFIX + id, ...(removed ? [CANCEL_PREFIX + id] : []))
      })(),
      5_000,
      () => new Error('timeout'),
    )
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    clearInterval(this.watchTimer)
    this.failAll(new Error('the Redis executor was closed'))
    await Promise.allSettled([...this.background])
    await Promise.allSettled([this.events.close(), this.queue.close()])
    this.client.disconnect()
  }
}

export interface WorkerOptions {
  url: string
  queue?: string
  /** Chunks run at once, each on its own thread (default 1). */
  concurrency?: number
  /** How long a worker holds a chunk's lock; a killed worker's chunk is retried after about this. */
  lockMs?: number
  /** How often a running chunk reports progress and checks its cancel flag. */
  pollMs?: number
  /** Shown as the job's `processedBy` in Redis (e.g. host:pid), to see which worker ran a chunk. */
  name?: string
  /** What runs the chunks (default: a pool of `concurrency` worker threads). */
  executor?: Executor
  /** Notable events, for a log: the connection to Redis lost or back, a chunk that failed. */
  onEvent?: (event: WorkerEvent) => void
}

export type WorkerEvent =
  | { type: 'disconnected'; message: string }
  | { type: 'reconnected' }
  | { type: 'chunk-failed'; start: number; end: number; attempt: number; message: string }

export interface WorkerHandle {
  readonly concurrency: number
  /** Stops taking chunks; waits for running ones unless `force`. */
  close(force?: boolean): Promise<void>
}

/**
 * A worker: takes chunks from the queue and runs them on its own threads, so its event loop stays
 * free to renew the chunks' locks, report progress and watch for cancellation. Several may run per
 * machine and on any number of machines.
 */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  await assertRedisReachable(options.url)
  const { Redis } = (await redisLibraries()).ioredis
  const { Worker, UnrecoverableError } = (await redisLibraries()).bullmq
  const conn = connection(options.url)
  const concurrency = options.concurrency ?? 1
  const lockMs = options.lockMs ?? REDIS_DEFAULTS.lockMs
  const pollMs = options.pollMs ?? 250
  const emit = options.onEvent ?? (() => undefined)
  const executor = options.executor ?? new ThreadPoolExecutor(concurrency)
  const client = new Redis(conn)
  quiet(client)

  const worker = new Worker<ChunkJobData, { bytes: number }>(
    options.queue ?? DEFAULT_QUEUE,
    async (job) => {
      const { config, start, end, engine } = job.data
      if (engine !== ENGINE_VERSION)
        throw new UnrecoverableError(`engine version mismatch: the run needs engine ${engine}, this worker has ${ENGINE_VERSION}; run the same version everywhere`)
      const cancelKey = CANCEL_PREFIX + job.id
      if (await client.exists(cancelKey)) throw new UnrecoverableError('cancelled')
      const controller = new AbortController()
      let latest = 0
      let sent = 0
      const timer = setInterval(() => {
        client.exists(cancelKey).then((n) => n && controller.abort(), () => undefined)
        if (latest > sent) {
          sent = latest
          job.updateProgress(latest).catch(() => undefined)
        }
      }, pollMs)
      try {
        const chunk = await executor.runChunk({ config: config as SimulationConfig, start, end }, { signal: controller.signal, onProgress: (d) => (latest = d) })
        if (await client.exists(cancelKey)) throw new UnrecoverableError('cancelled')
        const bytes = await encodeChunk(chunk)
        await client.set(RESULT_PREFIX + job.id, bytes, 'EX', KEY_TTL_S)
        return { bytes: bytes.length }
      } catch (error) {
        if (controller.signal.aborted) throw new UnrecoverableError('cancelled')
        throw error
      } finally {
        clearInterval(timer)
      }
    },
    {
      connection: conn as ConnectionOptions,
      concurrency,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: 3,
      ...(options.name ? { name: options.name } : {}),
    },
  )
  let connected = true
  worker.on('error', (error) => {
    if (!connected) return
    connected = false
    emit({ type: 'disconnected', message: error.message })
  })
  client.on('ready', () => {
    if (connected) return
    connected = true
    emit({ type: 'reconnected' })
  })
  worker.on('failed', (job, error) => {
    if (job && error.message !== 'cancelled') emit({ type: 'chunk-failed', start: job.data.start, end: job.data.end, attempt: job.attemptsMade, message: error.message })
  })
  await worker.waitUntilReady()
  let closing: Promise<void> | undefined
  return {
    concurrency,
    close(force = false) {
      closing ??= (async () => {
        await worker.close(force)
        await executor.close()
        client.disconnect()
      })()
      return closing
    },
  }
}
