import { randomUUID } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { ENGINE_VERSION } from '@pcsim/engine'
import type { RunTrials } from '@pcsim/engine/decide'
import { trialsOn } from '@pcsim/runner'
import type { FastifyBaseLogger } from 'fastify'
import { ApiError } from '../errors.ts'
import type { SimulationPool } from '../jobs/simulation-pool.ts'

export const DECISION_KINDS = ['sensitivity', 'solve', 'optimisation'] as const
export type DecisionKind = (typeof DECISION_KINDS)[number]
export type DecisionStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'

export type DecisionWork = (run: RunTrials, signal: AbortSignal, onProgress: (done: number, total: number) => void) => Promise<unknown>

export type DecisionEvent = { type: 'progress'; done: number; total: number } | { type: 'done' | 'failed' | 'cancelled'; id: string; status: DecisionStatus }

interface DecisionJob {
  id: string
  kind: DecisionKind
  name: string | null
  status: DecisionStatus
  request: unknown
  seed: string | number
  trials: number
  progress: { done: number; total: number }
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  result?: unknown
  error?: { code: string; message: string }
  controller: AbortController
  listeners: Set<(e: DecisionEvent) => void>
  work: DecisionWork
  lastEmit: number
  finished?: Promise<void>
}

export interface DecisionJobsOptions {
  pool: SimulationPool
  chunkSize: number
  maxQueued: number
  concurrentJobs: number
  log: FastifyBaseLogger
  progressIntervalMs?: number
  /** Finished jobs kept for reading (oldest dropped first). */
  keep?: number
}

const TERMINAL = new Set<DecisionStatus>(['done', 'failed', 'cancelled'])

/**
 * Sensitivity, solve and optimisation jobs: queued, run on the server's executor (the same thread
 * pool or Redis workers as runs), with progress events and cancel, like runs and comparisons.
 * They live in memory (the last `keep` finished ones), not in the runs table.
 */
export class DecisionJobs {
  private readonly jobs = new Map<string, DecisionJob>()
  private readonly waiting: DecisionJob[] = []
  private running = 0
  private accepting = true

  constructor(private readonly opts: DecisionJobsOptions) {}

  submit(kind: DecisionKind, spec: { name: string | null; request: unknown; seed: string | number; trials: number; total: number; work: DecisionWork }): string {
    if (!this.accepting) throw new ApiError('PCSIM_ERR_SHUTTING_DOWN', undefined, undefined, {}, { 'retry-after': '5' })
    const live = [...this.jobs.values()].filter((j) => !TERMINAL.has(j.status)).length
    if (live >= this.opts.maxQueued) throw new ApiError('PCSIM_ERR_QUEUE_FULL', `${live} decision jobs are queued or running (limit ${this.opts.maxQueued}); retry later.`, undefined, {}, { 'retry-after': '5' })
    const controller = new AbortController()
    setMaxListeners(0, controller.signal)
    const job: DecisionJob = {
      id: randomUUID(),
      kind,
      name: spec.name,
      status: 'queued',
      request: spec.request,
      seed: spec.seed,
      trials: spec.trials,
      progress: { done: 0, total: spec.total },
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      controller,
      listeners: new Set(),
      work: spec.work,
      lastEmit: 0,
    }
    this.jobs.set(job.id, job)
    this.waiting.push(job)
    this.pump()
    return job.id
  }

  view(id: string, kind: DecisionKind) {
    const j = this.jobs.get(id)
    if (!j || j.kind !== kind) return undefined
    return {
      id: j.id,
      kind: j.kind,
      status: j.status,
      progress: { ...j.progress },
      name: j.name,
      trials: j.trials,
      seed: j.seed,
      engineVersion: ENGINE_VERSION,
      createdAt: j.createdAt,
      startedAt: j.startedAt,
      finishedAt: j.finishedAt,
      ...(j.error && { error: j.error }),
      request: j.request,
      ...(j.result !== undefined && { result: j.result }),
    }
  }

  list(kind: DecisionKind, limit: number) {
    return [...this.jobs.values()]
      .filter((j) => j.kind === kind)
      .reverse()
      .slice(0, limit)
      .map((j) => ({ id: j.id, status: j.status, name: j.name, trials: j.trials, seed: j.seed, createdAt: j.createdAt, finishedAt: j.finishedAt }))
  }

  subscribe(id: string, listener: (e: DecisionEvent) => void): (() => void) | undefined {
    const j = this.jobs.get(id)
    if (!j || TERMINAL.has(j.status)) return undefined
    j.listeners.add(listener)
    return () => j.listeners.delete(listener)
  }

  /** Cancels a queued or running job; false when it has already finished. */
  cancel(id: string): boolean {
    const j = this.jobs.get(id)
    if (!j || TERMINAL.has(j.status)) return false
    this.end(j, 'cancelled')
    return true
  }

  async shutdown(): Promise<void> {
    this.accepting = false
    const running = [...this.jobs.values()].map((j) => j.finished).filter((p): p is Promise<void> => p !== undefined)
    for (const j of this.jobs.values()) if (!TERMINAL.has(j.status)) this.end(j, 'failed', { code: 'PCSIM_ERR_INTERRUPTED', message: 'The server stopped before this job finished; submit it again.' })
    await Promise.allSettled(running)
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

  private async execute(job: DecisionJob): Promise<void> {
    const signal = job.controller.signal
    try {
      job.status = 'running'
      job.startedAt = new Date().toISOString()
      const executor = await this.opts.pool.executor()
      signal.throwIfAborted()
      const result = await job.work(trialsOn(executor, this.opts.chunkSize), signal, (done, total) => {
        if (job.status !== 'running') return
        job.progress = { done: Math.max(job.progress.done, Math.min(done, total)), total: Math.max(total, job.progress.total) }
        this.emit(job, false)
      })
      if (job.status !== 'running') return
      job.result = result
      job.progress.done = job.progress.total
      job.status = 'done'
      job.finishedAt = new Date().toISOString()
      this.emit(job, true)
      this.finish(job)
    } catch (error) {
      if (job.status !== 'running') return
      this.opts.log.error({ err: error, jobId: job.id }, 'decision job failed')
      this.end(job, 'failed', { code: 'PCSIM_ERR_SIMULATION_FAILED', message: `The job failed: ${error instanceof Error ? error.message.slice(0, 500) : 'unknown error'}` })
    }
  }

  private end(job: DecisionJob, status: 'failed' | 'cancelled', error?: { code: string; message: string }): void {
    if (TERMINAL.has(job.status)) return
    job.status = status
    job.finishedAt = new Date().toISOString()
    if (error) job.error = error
    const queued = this.waiting.indexOf(job)
    if (queued >= 0) this.waiting.splice(queued, 1)
    job.controller.abort(new Error(status))
    this.finish(job)
  }

  private finish(job: DecisionJob): void {
    const event: DecisionEvent = { type: job.status as 'done', id: job.id, status: job.status }
    for (const l of job.listeners) l(event)
    job.listeners.clear()
    // Keep the most recent finished jobs only.
    const finished = [...this.jobs.values()].filter((j) => TERMINAL.has(j.status))
    for (const j of finished.slice(0, Math.max(0, finished.length - (this.opts.keep ?? 100)))) this.jobs.delete(j.id)
  }

  private emit(job: DecisionJob, force: boolean): void {
    const now = Date.now()
    if (!force && now - job.lastEmit < (this.opts.progressIntervalMs ?? 100)) return
    job.lastEmit = now
    const event: DecisionEvent = { type: 'progress', ...job.progress }
    for (const l of job.listeners) l(event)
  }
}
