import { useCallback, useRef, useState } from 'react'
import { DecideError, type DecideProgress, type RunTrials } from '@pcsim/engine/decide'
import { CancelledError } from '../../engine/worker-pool.ts'
import { browserTrials } from './browser-trials.ts'

export interface DecisionState<R> {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled'
  result: R | null
  progress: { done: number; total: number } | null
  error: DecideError | Error | null
}

const PRECHECK = new Error('precheck')
const refuse: RunTrials = () => Promise.reject(PRECHECK)

/** Runs the tool up to its first trials, so a bad expression, lever or space is reported here, before any request. */
async function precheck<R>(work: Work<R>, signal: AbortSignal): Promise<void> {
  try {
    await work(refuse, signal, () => undefined)
  } catch (e) {
    if (e !== PRECHECK) throw e
  }
}

type Work<R> = (run: RunTrials, signal: AbortSignal, onProgress: DecideProgress) => Promise<R>
/** The same job on the server; null when the server cannot take it. */
type ServerWork<R> = (signal: AbortSignal, onProgress: DecideProgress) => Promise<R | null>

/**
 * Runs one decision tool at a time, with progress and cancel: on the server when it is connected
 * (its executor: thread pool or BullMQ workers), else in this browser's engine workers. Both give
 * the same numbers.
 */
export function useDecision<R>(work: Work<R>, server?: ServerWork<R>) {
  const [state, setState] = useState<DecisionState<R>>({ status: 'idle', result: null, progress: null, error: null })
  const controller = useRef<AbortController | null>(null)
  const start = useCallback(() => {
    controller.current?.abort()
    const own = new AbortController()
    controller.current = own
    setState((s) => ({ ...s, status: 'running', progress: null, error: null }))
    let last = 0
    const onProgress = (done: number, total: number) => {
      const now = performance.now()
      if (controller.current === own && now - last > 100) {
        last = now
        setState((s) => ({ ...s, progress: { done, total } }))
      }
    }
    const job = async () => {
      if (server) {
        await precheck(work, own.signal)
        const r = await server(own.signal, onProgress)
        if (r !== null) return r
      }
      return work(browserTrials, own.signal, onProgress)
    }
    job().then(
      (result) => controller.current === own && setState({ status: 'done', result, progress: null, error: null }),
      (error: unknown) => {
        if (controller.current !== own) return
        const cancelled = error instanceof CancelledError || own.signal.aborted
        setState((s) => ({ ...s, status: cancelled ? 'cancelled' : 'error', progress: null, error: cancelled ? null : error instanceof Error ? error : new Error(String(error)) }))
      },
    )
  }, [work, server])
  const cancel = useCallback(() => controller.current?.abort(), [])
  return { state, start, cancel }
}
