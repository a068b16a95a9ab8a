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

/** Runs one decision tool at a time in the browser's workers, with progress and cancel. */
export function useDecision<R>(work: (run: RunTrials, signal: AbortSignal, onProgress: DecideProgress) => Promise<R>) {
  const [state, setState] = useState<DecisionState<R>>({ status: 'idle', result: null, progress: null, error: null })
  const controller = useRef<AbortController | null>(null)
  const start = useCallback(() => {
    controller.current?.abort()
    const own = new AbortController()
    controller.current = own
    setState((s) => ({ ...s, status: 'running', progress: null, error: null }))
    let last = 0
    work(browserTrials, own.signal, (done, total) => {
      const now = performance.now()
      if (controller.current === own && now - last > 100) {
        last = now
        setState((s) => ({ ...s, progress: { done, total } }))
      }
    }).then(
      (result) => controller.current === own && setState({ status: 'done', result, progress: null, error: null }),
      (error: unknown) => {
        if (controller.current !== own) return
        const cancelled = error instanceof CancelledError || own.signal.aborted
        setState((s) => ({ ...s, status: cancelled ? 'cancelled' : 'error', progress: null, error: cancelled ? null : error instanceof Error ? error : new Error(String(error)) }))
      },
    )
  }, [work])
  const cancel = useCallback(() => controller.current?.abort(), [])
  return { state, start, cancel }
}
