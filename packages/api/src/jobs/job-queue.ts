import { randomUUID } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { alignForComparison, chunkRanges, ENGINE_VERSION, type ChunkResult, type SimulationConfig } from '@pcsim/engine'
import { RedisRunError, type Executor } from '@pcsim/runner'
import type { FastifyBaseLogger } from 'fastify'
import type { JobKind, JobStatus, RunsRepository } from '../db/runs-repository.ts'
import { ApiError, ERRORS, type ErrorCode } from '../errors.ts'
import type { SimulationPool } from './simulation-pool.ts'

/** What a job's work gets: the server's executor, the job's abort signal and a progress callback. */
export interface JobContext {
  executor: Executor
  chunkSize: number
  signal: AbortSignal
  /** `saved`: a chunk has just ended, so the count reaches the database now. */
  onProgress: (done: number, total: number, saved?: boolean) => void
}
/** A job's computation; its result is what GET returns as `result`. */
export type JobWork = (ctx: JobContext) => Promise<unknown>

/**
 * What a client asked for, already validated: one config for a run, 2-8 for a comparison (their
 * chunks and summary are the default work), or any other kind with its own `work` and `total`.
 */
export interface JobSpec {
  kind: JobKind
  name: string | null
  configs?: SimulationConfig[]
  work?: JobWork
  /** Trials the work will run in all (progress counts up to it); default trials × configs. */
  total?: number
  /** What GET returns as `config` (the parsed config, the comparison's items, a decision request). */
  storedConfig: unknown
  trials: number
  seed: string | number
  /** The submitting user (null or absent in the local mode). */
  owner?: string | null
}

export type JobEvent = { type: 'progress'; done: number; total: number } | { type: 'done' | 'failed' | 'cancelled'; id: string; status: JobStatus }
type Listener = (event: JobEvent) => void

interface LiveJob {
  id: string
  spec: JobSpec
  work: JobWork
  status: JobStatus
  total: number
  done: number
  controller: AbortController
  listeners: Set<Listener>
  lastEmit: number
  /** When progress was last written to the database (so a crash keeps the count). */
  lastSaved: number
  finished?: Promise<void>
}

export interface JobQueueOptions {
  pool: SimulationPool
  runs: RunsRepository
  chunkSize: number
  maxQueued: number
  concurrentJobs: number
  log: FastifyBaseLogger
  /** Minimum milliseconds between two progress events of one job. */
  progressIntervalMs?: number
}

const RETRY_AFTER_SECONDS = 5
/** Progress of a running job reaches the database at least this often, and whenever a chunk ends. */
const SAVE_PROGRESS_MS = 1_000

/** The code and sentence stored on a failed job: the executor's own code when it has one (Redis runs). */
function jobError(error: unknown): { code: ErrorCode; message: string } {
  const message = error instanceof Error ? error.message.slice(0, 500) : 'unknown error'
  if (error instanceof RedisRunError) return { code: error.code, message: `${ERRORS[error.code].message} ${message}` }
  return { code: 'PCSIM_ERR_SIMULATION_FAILED', message: `The simulation failed: ${message}` }
}

/**
 * The chunks of `configs` on the executor, a bounded number in flight (so that concurrent jobs
 * interleave), with progress summed over chunks; a job's `work` may call it for its own configs.
 * Returns each config's chunks.
 */
export async function runChunks(configs: SimulationConfig[], { executor, chunkSize, signal, onProgress }: JobContext): Promise<ChunkResult[][]> {
  const tasks = configs.flatMap((config, item) => chunkRanges(config.run.trials, chunkSize).map(([start, end]) => ({ config, item, start, end })))
  const total = tasks.reduce((n, t) => n + t.end - t.start, 0)
  const results: ChunkResult[][] = configs.map(() => [])
  const credited = new Array<number>(tasks.length).fill(0)
  let done = 0
  // Progress only grows per chunk: a chunk retried on another worker counts once.
  const credit = (t: number, d: number) => {
    if (d <= credited[t]!) return
    done += d - credited[t]!
    credited[t] = d
    onProgress(done, total, d === tasks[t]!.end - tasks[t]!.start)
  }
  let next = 0
  const lane = async () => {
    while (next < tasks.length && !signal.aborted) {
      const t = next++
      const task = tasks[t]!
      const chunk = await executor.runChunk({ config: task.config, start: task.start, end: task.end }, { signal, onProgress: (d) => credit(t, d) })
      credit(t, task.end - task.start)
      results[task.item]!.push(chunk)
    }
  }
  await Promise.all(Array.from({ length: Math.min(executor.parallelism, tasks.length) }, lane))
  signal.throwIfAborted()
  return results
}

/** A run's or comparison's work: the chunks, then the summary thread. */
function simulationWork(kind: JobKind, given: SimulationConfig[], pool: SimulationPool): JobWork {
  return async (ctx) => {
    // A comparison runs every config on the first one's seed and trials (common random numbers).
    const configs = kind === 'run' ? given : alignForComparison(given)
    const results = await runChunks(configs, ctx)
    return kind === 'run' ? await pool.summarise(configs[0]!, results[0]!, ctx.signal) : await pool.compare(configs, results, ctx.signal)
  }
}

/**
 * Jobs in memory while they are queued or running; SQLite holds every state change, so a job
 * read after it ends (or after a restart) comes from the database.
 */
export class JobQueue {
  private readonly live = new Map<string, LiveJob>()
  private readonly waiting: LiveJob[] = []
  private running = 0
  private accepting = true

  constructor(private readonly opts: JobQueueOptions) {}

  get active(): number {
    return this.live.size
  }

  /** Throws 503 (with Retry-After) when a new job would be refused: the queue is full or closing. */
  assertAccepting(): void {
    if (!this.accepting) throw new ApiError('PCSIM_ERR_SHUTTING_DOWN', undefined, undefined, {}, { 'retry-after': String(RETRY_AFTER_SECONDS) })
    if (this.live.size >= this.opts.maxQueued)
      throw new ApiError('PCSIM_ERR_QUEUE_FULL', `${this.live.size} jobs are queued or running (limit ${this.opts.maxQueued}); retry later.`, undefined, {}, {
        'retry-after': String(RETRY_AFTER_SECONDS),
      })
  }

  /** Stores the job as queued and schedules it; throws 503 when the queue is full or closing. */
  submit(spec: JobSpec): { id: string; createdAt: string } {
    this.assertAccepting()
    const id = randomUUID()
    const configs = spec.configs ?? []
    const work = spec.work ?? simulationWork(spec.kind, configs, this.opts.pool)
    const total = spec.total ?? spec.trials * configs.length
    const createdAt = this.opts.runs.insert({ id, kind: spec.kind, name: spec.name, config: spec.storedConfig, seed: spec.seed, trials: spec.trials, total, engineVersion: ENGINE_VERSION, owner: spec.owner })
    const controller = new AbortController()
    setMaxListeners(0, controller.signal) // every chunk in flight listens to it
    const job: LiveJob = { id, spec, work, status: 'queued', total, done: 0, controller, listeners: new Set(), lastEmit: 0, lastSaved: 0 }
    this.live.set(id, job)
    this.waiting.push(job)
    this.pump()
    return { id, createdAt }
  }

  progress(id: string): { done: number; total: number } | undefined {
    const job = this.live.get(id)
    return job && { done: job.done, total: job.total }
  }

  /** Listens to a live job; undefined if the job is not live (read its state from the database). */
  subscribe(id: string, listener: Listener): (() => void) | undefined {
    const job = this.live.get(id)
    if (!job) return undefined
    job.listeners.add(listener)
    return () => job.listeners.delete(listener)
  }

  /** Cancels a queued or running job; false if it is not live (finished or unknown). */
  cancel(id: string): boolean {
    const job = this.live.get(id)
    if (!job) return false
    this.end(job, 'cancelled', null)
    return true
  }

  /**
   * Stops taking jobs, fails the queued ones at once, lets running ones finish for up to
   * `graceMs`, then interrupts them. Every job ends in a terminal state in the database.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.accepting = false
    const interrupted = { code: 'PCSIM_ERR_INTERRUPTED', message: ERRORS.PCSIM_ERR_INTERRUPTED.message }
    for (const job of this.waiting.splice(0)) this.end(job, 'failed', interrupted)
    const running = () => [...this.live.values()].map((j) => j.finished).filter((p): p is Promise<void> => p !== undefined)
    if (graceMs > 0 && this.live.size) {
      let timer: NodeJS.Timeout | undefined
      await Promise.race([Promise.allSettled(running()), new Promise((r) => (timer = setTimeout(r, graceMs)))])
      clearTimeout(timer)
    }
    const left = running()
    for (const job of [...this.live.values()]) this.end(job, 'failed', interrupted)
    await Promise.allSettled(left)
  }

  private pump(): void {
    while (this.accepting && this.running < this.opts.concurrentJobs && this.waiting.length) {
      const job = this.waiting.shift()!
      this.running++
      job.finished = this.execute(job).finally(() => {
        this.running--
        this.pump()
      })
    }
  }

  private async execute(job: LiveJob): Promise<void> {
    const { pool, runs, chunkSize, log } = this.opts
    const signal = job.controller.signal
    try {
      job.status = 'running'
      runs.markRunning(job.id)
      const executor = await pool.executor()
      signal.throwIfAborted()
      const onProgress = (done: number, total: number, saved = false) => {
        if (job.status !== 'running') return
        // a tool may find more work as it goes (a solve's last bisection steps): the total only grows
        job.total = Math.max(job.total, total)
        const next = Math.min(Math.max(job.done, done), job.total)
        if (next === job.done) return
        job.done = next
        this.emitProgress(job, false)
        this.saveProgress(job, saved)
      }
      const result = await job.work({ executor, chunkSize, signal, onProgress }).catch((error: unknown) => {
        job.controller.abort(error)
        throw error
      })
      signal.throwIfAborted()
      if (job.status !== 'running') return
      runs.markDone(job.id, result)
      job.done = job.total
      job.status = 'done'
      this.emitProgress(job, true)
      this.finish(job)
    } catch (error) {
      if (job.status !== 'running') return // cancelled or interrupted: already recorded
      log.error({ err: error, jobId: job.id }, 'simulation job failed')
      this.end(job, 'failed', jobError(error))
    }
  }

  /** Records a terminal state for a live job (first caller wins) and aborts its chunks. */
  private end(job: LiveJob, status: 'failed' | 'cancelled', error: { code: string; message: string } | null): void {
    if (!this.live.has(job.id)) return
    job.status = status
    const queued = this.waiting.indexOf(job)
    if (queued >= 0) this.waiting.splice(queued, 1)
    try {
      this.opts.runs.markEnded(job.id, status, error, job.done)
    } catch (dbError) {
      this.opts.log.error({ err: dbError, jobId: job.id }, 'could not record the end of a job')
    }
    job.controller.abort(new Error(status))
    this.finish(job)
  }

  private finish(job: LiveJob): void {
    this.live.delete(job.id)
    const event: JobEvent = { type: job.status as 'done' | 'failed' | 'cancelled', id: job.id, status: job.status }
    for (const listener of job.listeners) listener(event)
    job.listeners.clear()
  }

  private saveProgress(job: LiveJob, force: boolean): void {
    const now = Date.now()
    if (!force && now - job.lastSaved < SAVE_PROGRESS_MS) return
    job.lastSaved = now
    try {
      this.opts.runs.saveProgress(job.id, job.done)
    } catch (dbError) {
      this.opts.log.warn({ err: dbError, jobId: job.id }, 'could not record the progress of a job')
    }
  }

  private emitProgress(job: LiveJob, force: boolean): void {
    const now = Date.now()
    if (!force && now - job.lastEmit < (this.opts.progressIntervalMs ?? 100)) return
    job.lastEmit = now
    const event: JobEvent = { type: 'progress', done: job.done, total: job.total }
    for (const listener of job.listeners) listener(event)
  }
}
