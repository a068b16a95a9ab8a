import type { ComparisonResult, RunResult } from '@pcsim/engine'
import type { RunHooks } from '../engine/local-runner.ts'
import { CancelledError } from '../engine/worker-pool.ts'
import { api, ApiError } from './client.ts'
import type { ComparisonRequest, JobStatus, RunRequest } from './types.ts'

type Hooks = Required<RunHooks>
type Poll = () => Promise<{ status: JobStatus; progress?: { done: number; total: number }; error?: unknown }>

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

/** POST /api/runs, progress from the event stream, the result (and the run's id) from GET /api/runs/:id. */
export async function runOnServer(body: RunRequest, hooks: Hooks): Promise<{ id: string; result: RunResult }> {
  const created = await api.createRun(body)
  const poll = () => api.getRun(created.id)
  const detach = onAbortDelete(hooks, () => api.cancelRun(created.id))
  try {
    await followEvents(created.links?.events ?? api.runEventsUrl(created.id), poll, hooks)
    const final = await poll()
    if (!final.result) throw new ApiError(500, { message: 'the server returned no result' })
    return { id: created.id, result: final.result }
  } finally {
    detach()
  }
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
  const poll = () => api.getComparison(created.id)
  const detach = onAbortDelete(hooks, () => api.cancelComparison(created.id))
  try {
    if (created.links?.events) await followEvents(created.links.events, poll, hooks)
    else await pollJob(poll, hooks)
    const final = await poll()
    if (!final.result) throw new ApiError(500, { message: 'the server returned no result' })
    return final.result
  } finally {
    detach()
  }
}
