import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { mergeChunks, resolveRun, runChunk, type ChunkResult } from '@pcsim/engine'
import { Job, Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { decodeChunk, encodeChunk, type EncodedChunk } from './chunk-codec.ts'
import { CancelledError, throwIfAborted, type ChunkJob, type ChunkOptions, type Executor } from './executor.ts'

export const DEFAULT_QUEUE = 'pcsim-chunks'
/** Trials a worker runs between checks for cancellation and lock renewals. */
const STEP = 1_000
const CANCEL_PREFIX = 'pcsim:cancel:'

export interface RedisOptions {
  url: string
  queue?: string
  /** How long a worker holds a chunk's lock; a killed worker's chunk is retried after about this. */
  lockMs?: number
  /** How often to check that queued chunks still exist in Redis (a restart without persistence loses them). */
  watchMs?: number
  /** How long Redis may be unreachable during a run before the run fails. */
  outageMs?: number
  attempts?: number
}

/** Error codes a Redis-backed run can fail with, each with a sentence saying what happened. */
export class RedisRunError extends Error {
  constructor(
    readonly code: 'PCSIM_ERR_REDIS_UNAVAILABLE' | 'PCSIM_ERR_CHUNK_LOST' | 'PCSIM_ERR_CHUNK_FAILED',
    message: string,
  ) {
    super(message)
  }
}

function connection(url: string) {
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    maxRetriesPerRequest: null,
  }
}

/** Fails fast, with a clear message, when Redis cannot be reached. */
export async function assertRedisReachable(url: string, timeoutMs = 3_000): Promise<void> {
  const client = new Redis({ ...connection(url), lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    throw new RedisRunError('PCSIM_ERR_REDIS_UNAVAILABLE', `Redis is not reachable at ${redact(url)}: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    client.disconnect()
  }
}

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@')

/**
 * Chunks as BullMQ jobs on Redis, run by `pcsim worker` processes on any number of machines. Every
 * chunk is retried elsewhere if its worker dies (its lock expires) and counted once (its result is
 * the job's single return value). Results are merged by the caller in trial order, so they are
 * identical to a single-process run. While a chunk waits, the executor checks that its job still
 * exists; a Redis restart that lost it, or an outage longer than `outageMs`, fails the run with a
 * clear error instead of hanging.
 */
export class RedisExecutor implements Executor {
  readonly kind = 'redis'
  readonly parallelism = 64
  private readonly queue: Queue
  private readonly events: QueueEvents
  private readonly client: Redis
  private readonly waiting = new Map<string, { resolve: () => void; reject: (e: Error) => void; progress: (n: number) => void }>()

  private constructor(private readonly options: Required<RedisOptions>) {
    const conn = connection(options.url)
    this.queue = new Queue(options.queue, { connection: conn })
    this.events = new QueueEvents(options.queue, { connection: conn })
    this.client = new Redis(conn)
    for (const emitter of [this.queue, this.events, this.client]) (emitter as unknown as { on(e: string, f: () => void): void }).on('error', () => undefined)
    this.events.on('completed', ({ jobId }) => this.waiting.get(jobId)?.resolve())
    this.events.on('failed', ({ jobId, failedReason }) => {
      void this.failedIfFinal(jobId, failedReason)
    })
    this.events.on('progress', ({ jobId, data }) => this.waiting.get(jobId)?.progress(Number(data)))
  }

  static async create(options: RedisOptions): Promise<RedisExecutor> {
    await assertRedisReachable(options.url)
    const executor = new RedisExecutor({
      queue: DEFAULT_QUEUE,
      lockMs: 30_000,
      watchMs: 2_000,
      outageMs: 20_000,
      attempts: 3,
      ...options,
    })
    await executor.events.waitUntilReady()
    return executor
  }

  private async failedIfFinal(jobId: string, reason: string): Promise<void> {
    const job = await Job.fromId(this.queue, jobId).catch(() => undefined)
    const attempts = job?.opts.attempts ?? 1
    if (!job || job.attemptsMade >= attempts || reason.startsWith('cancelled'))
      this.waiting.get(jobId)?.reject(new RedisRunError('PCSIM_ERR_CHUNK_FAILED', `a chunk failed ${job?.attemptsMade ?? ''} times: ${reason}`))
  }

  async runChunk(job: ChunkJob, options: ChunkOptions = {}): Promise<ChunkResult> {
    throwIfAborted(options.signal)
    const added = await this.queue.add('chunk', job, {
      attempts: this.options.attempts,
      backoff: { type: 'fixed', delay: 500 },
      removeOnComplete: false,
      removeOnFail: { age: 3_600 },
    })
    const id = added.id!
    try {
      await this.waitFor(id, options)
      const done = await Job.fromId<ChunkJob, EncodedChunk>(this.queue, id)
      if (!done?.returnvalue) throw new RedisRunError('PCSIM_ERR_CHUNK_LOST', `the result of chunk ${job.start}-${job.end} is missing from Redis (was Redis restarted?)`)
      return decodeChunk(done.returnvalue)
    } finally {
      await Job.fromId(this.queue, id)
        .then((j) => j?.remove())
        .catch(() => undefined)
    }
  }

  private waitFor(id: string, options: ChunkOptions): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let outageSince = 0
      const finish = (error?: Error) => {
        clearInterval(watch)
        options.signal?.removeEventListener('abort', onAbort)
        this.waiting.delete(id)
        if (error) reject(error)
        else resolve()
      }
      const onAbort = () => {
        void this.cancel(id)
        finish(new CancelledError())
      }
      const watch = setInterval(() => {
        void this.queue
          .getJobState(id)
          .then((state) => {
            outageSince = 0
            if (state === 'unknown') finish(new RedisRunError('PCSIM_ERR_CHUNK_LOST', `chunk job ${id} disappeared from Redis (was Redis restarted without persistence?)`))
            else if (state === 'completed') finish()
          })
          .catch(() => {
            outageSince ||= Date.now()
            if (Date.now() - outageSince > this.options.outageMs)
              finish(new RedisRunError('PCSIM_ERR_REDIS_UNAVAILABLE', `lost contact with Redis for more than ${this.options.outageMs / 1000} s`))
          })
      }, this.options.watchMs)
      this.waiting.set(id, { resolve: () => finish(), reject: (e) => finish(e), progress: (n) => options.onProgress?.(n) })
      options.signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** Removes a waiting chunk, and flags a running one so its worker stops at the next step. */
  private async cancel(id: string): Promise<void> {
    await this.client.set(CANCEL_PREFIX + id, '1', 'EX', 3_600).catch(() => undefined)
    await Job.fromId(this.queue, id)
      .then((j) => j?.remove())
      .catch(() => undefined)
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.events.close(), this.queue.close()])
    this.client.disconnect()
  }
}

export interface WorkerHandle {
  close(): Promise<void>
}

/**
 * A worker: takes chunks from the queue and runs them with the engine, in steps of 1,000 trials,
 * reporting progress and checking for cancellation between steps (which also lets BullMQ renew the
 * chunk's lock). Several may run per machine and on any number of machines.
 */
export async function startWorker(options: RedisOptions & { concurrency?: number }): Promise<WorkerHandle> {
  await assertRedisReachable(options.url)
  const conn = connection(options.url)
  const client = new Redis(conn)
  client.on('error', () => undefined)
  const lockMs = options.lockMs ?? 30_000
  const worker = new Worker<ChunkJob, EncodedChunk>(
    options.queue ?? DEFAULT_QUEUE,
    async (job) => {
      const { config, start, end } = job.data
      const run = resolveRun(config)
      const parts: ChunkResult[] = []
      for (let a = start; a < end; a += STEP) {
        if (await client.get(CANCEL_PREFIX + job.id)) throw new UnrecoverableError('cancelled')
        const b = Math.min(end, a + STEP)
        parts.push(runChunk(run, a, b))
        await job.updateProgress(b - start)
        await yieldToLoop()
      }
      return encodeChunk(mergeChunks(parts))
    },
    { connection: conn, concurrency: options.concurrency ?? 1, lockDuration: lockMs, stalledInterval: lockMs, maxStalledCount: 3 },
  )
  worker.on('error', () => undefined)
  await worker.waitUntilReady()
  return {
    async close() {
      await worker.close()
      client.disconnect()
    },
  }
}
