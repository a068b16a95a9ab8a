import { call, isUnauthorized, OfflineError } from '../../api/client.ts'
import { followEvents, onAbortDelete } from '../../api/jobs.ts'
import type { JobCreated, JobStatus } from '../../api/types.ts'

export type DecisionPath = 'sensitivities' | 'solves' | 'optimisations'

/**
 * Runs a decision job on the server (POST /api/<path>, progress from its event stream, the result
 * from GET); cancelling the signal deletes the job. Null when the server cannot take it (offline,
 * or it wants a token this tab has not got): the caller then runs it in the browser.
 */
export async function onServer<R>(path: DecisionPath, body: unknown, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<R | null> {
  let created: JobCreated
  try {
    created = await call<JobCreated>('POST', `/${path}`, body)
  } catch (e) {
    if (e instanceof OfflineError || isUnauthorized(e)) return null
    throw e
  }
  const self = `/${path}/${encodeURIComponent(created.id)}`
  const poll = () => call<{ status: JobStatus; progress?: { done: number; total: number }; error?: unknown; result?: R }>('GET', self)
  const hooks = { signal, onProgress }
  const detach = onAbortDelete(hooks, () => call('DELETE', self))
  try {
    await followEvents(`/api${self}/events`, poll, hooks)
    const final = await poll()
    if (final.result === undefined) throw new Error('the server returned no result')
    return final.result
  } finally {
    detach()
  }
}
