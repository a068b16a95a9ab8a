import type { ComparisonResult, RunResult } from '@pcsim/engine'
import type { RunHooks } from '../engine/local-runner.ts'
import { CancelledError } from '../engine/worker-pool.ts'
import { api, ApiError } from './client.ts'
import type { ComparisonRequest, JobCreated, JobStatus, ReforecastRequest, ReforecastResult, RunRequest } from './types.ts'

type Hooks = Required<RunHooks>
type JobBody<R> = { status: JobStatus; progress?: { done: number; total: number }; error?: unknown; result?: R }
type Poll = () => Promise<JobBody<unknown>>

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls a job until it ends (used when the event stream is missing or drops). */
async function pollJob(poll: Poll, hooks: Hooks): Promise<void> {
  for (;;) {
    if (hooks.signal.aborted) throw new CancelledError()
    const s = await poll()
    if (s.progress) hooks.onProgress(s.progress.done, s.progress.total)
    if (s.status === 'done') return
    if (s.status === 'cancelled') throw new CancelledError()
    if (s.status === 'failed') throw new ApiError(500, { code: 'PCSIM_ERR_RUN_FAILED', message: typeof s.error === 'string' ? s.error : 'the run failed' })
    await sleep(250)
  }
}

/** Follows a job's server-sent events (`progress`, then `done`, `failed` or `cancelled`). */
export function followEvents(url: string, poll: Poll, hooks: Hooks): Promise<void> {
  return new Promise((resolve, reject) => {
    const source = new EventSource(url)
    const end = (fn: () => void) => {
      source.close()
      hooks.signal.removeEventListener('abort', onAbort)
      fn()
    }
    const onAbort = () => end(() => reject(new CancelledError()))
    hooks.signal.addEventListener('abort', onAbort, { once: true })
    source.addEventListener('progress', (e) => {
      const p = JSON.parse((e as MessageEvent<string>).data) as { done: number; total: number }
      hooks.onProgress(p.done, p.total)
    })
    source.addEventListener('done', () => end(resolve))
    source.addEventListener('cancelled', () => end(() => reject(new CancelledError())))
    source.addEventListener('failed', (e) => {
      const data = (e as MessageEvent<string>).data
      end(() => reject(new ApiError(500, { code: 'PCSIM_ERR_RUN_FAILED', message: data || 'the run failed' })))
    })
    // the stream dropped (or the server has no stream): fall back to polling
    source.onerror = () => end(() => pollJob(poll, hooks).then(resolve, reject))
  })
}

export function onAbortDelete(hooks: Hooks, remove: () => Promise<unknown>): () => void {
  const f = () => void remove().catch(() => undefined)
  hooks.signal.addEventListener('abort', f, { once: true })
  return () => hooks.signal.removeEventListener('abort', f)
}

/** Follows a created job (events if offered, else polling) and returns its result. */
async function jobResult<R>(created: JobCreated, job: { poll: () => Promise<JobBody<R>>; cancel: () => Promise<unknown>; eventsUrl: string }, hooks: Hooks): Promise<R> {
  const detach = onAbortDelete(hooks, job.cancel)
  try {
    await followEvents(created.links?.events ?? job.eventsUrl, job.poll, hooks)
    const final = await job.poll()
    if (!final.result) throw new ApiError(500, { message: 'the server returned no result' })
    return final.result
  } finally {
    detach()
  }
}

/** POST /api/runs, progress from the event stream, the result (and the run's id) from GET /api/runs/:id. */
export async function runOnServer(body: RunRequest, hooks: Hooks): Promise<{ id: string; result: RunResult }> {
  const created = await api.createRun(body)
  const result = await jobResult(created, { poll: () => api.getRun(created.id), cancel: () => api.cancelRun(created.id), eventsUrl: api.runEventsUrl(created.id) }, hooks)
  return { id: created.id, result }
}

/** A finished run's stored result (GET /api/runs/:id), or null when the server has none (or no such run). */
export async function storedRun(id: string): Promise<RunResult | null> {
  try {
    const s = await api.getRun(id)
    return s.status === 'done' && s.result ? s.result : null
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 410)) return null
    throw e
  }
}

/** POST /api/comparisons, then follow it (events if offered, else polling) to its result. */
export async function compareOnServer(body: ComparisonRequest, hooks: Hooks): Promise<ComparisonResult> {
  const created = await api.createComparison(body)
  return jobResult(created, { poll: () => api.getComparison(created.id), cancel: () => api.cancelComparison(created.id), eventsUrl: `/api/comparisons/${encodeURIComponent(created.id)}/events` }, hooks)
}

/** POST /api/reforecasts, then follow it (events, else polling) to its result. */
export async function reforecastOnServer(body: ReforecastRequest, hooks: Hooks): Promise<ReforecastResult> {
  const created = await api.createReforecast(body)
  return jobResult(created, { poll: () => api.getReforecast(created.id), cancel: () => api.cancelReforecast(created.id), eventsUrl: api.reforecastEventsUrl(created.id) }, hooks)
}
