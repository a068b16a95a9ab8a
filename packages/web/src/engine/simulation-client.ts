import { CancelledError } from './worker-pool.ts'
import type { RunHooks } from './local-runner.ts'

export type SimStatus = 'idle' | 'waiting' | 'running' | 'done' | 'error' | 'cancelled'
export type RunSource = 'browser' | 'server'

export interface SimSnapshot<R> {
  status: SimStatus
  /** Last finished result (kept while a newer run is on its way). */
  result: R | null
  source: RunSource | null
  progress: { done: number; total: number } | null
  error: unknown
  /** Increases with every finished run. */
  seq: number
  /** Milliseconds from the request to the first result (partial or final) of the last run. */
  ms: number | null
  /** The result shown is a quick partial one; the full one is on its way. */
  partial: boolean
}

export type RunnerHooks<R> = Required<RunHooks> & { onPartial(result: R): void }
export type Runner<I, R> = (input: I, hooks: RunnerHooks<R>) => Promise<{ result: R; source: RunSource }>

export interface SimulationClient<I, R> {
  subscribe(listener: () => void): () => void
  getSnapshot(): SimSnapshot<R>
  /** Starts a run for `input` after the debounce; a newer request cancels an older one. */
  request(input: I): void
  cancel(): void
  /** Forgets the result (e.g. after the config changed and the old result no longer applies). */
  reset(): void
}

const isCancel = (e: unknown) => e instanceof CancelledError || (e instanceof DOMException && e.name === 'AbortError')

/** A framework-free store around a runner: subscribe/getSnapshot for useSyncExternalStore. */
export function createSimulationClient<I, R>(runner: Runner<I, R>, options: { debounceMs?: number } = {}): SimulationClient<I, R> {
  const listeners = new Set<() => void>()
  let snapshot: SimSnapshot<R> = { status: 'idle', result: null, source: null, progress: null, error: null, seq: 0, ms: null, partial: false }
  let timer: ReturnType<typeof setTimeout> | undefined
  let controller: AbortController | null = null
  const set = (patch: Partial<SimSnapshot<R>>) => {
    snapshot = { ...snapshot, ...patch }
    for (const l of listeners) l()
  }
  const stop = () => {
    clearTimeout(timer)
    controller?.abort()
    controller = null
  }
  const start = (input: I, requestedAt: number) => {
    const own = new AbortController()
    controller = own
    performance.mark('pcsim:run-start')
    set({ status: 'running', progress: null, error: null })
    const onProgress = (done: number, total: number) => {
      if (controller === own) set({ progress: { done, total } })
    }
    let firstMs: number | null = null
    const onPartial = (result: R) => {
      if (controller !== own) return
      firstMs = performance.now() - requestedAt
      performance.mark('pcsim:first-result')
      set({ result, source: 'browser', seq: snapshot.seq + 1, ms: firstMs, partial: true })
    }
    runner(input, { onProgress, onPartial, signal: own.signal }).then(
      ({ result, source }) => {
        if (controller !== own) return
        controller = null
        set({ status: 'done', result, source, seq: snapshot.seq + 1, ms: firstMs ?? performance.now() - requestedAt, progress: null, partial: false })
      },
      (error: unknown) => {
        if (controller !== own) return
        controller = null
        set(isCancel(error) || own.signal.aborted ? { status: 'cancelled', progress: null } : { status: 'error', error, progress: null })
      },
    )
  }
  return {
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: () => snapshot,
    request(input) {
      const requestedAt = performance.now()
      // idle: start at once; busy (a drag): cancel and wait for the input to settle
      const busy = controller !== null || snapshot.status === 'waiting'
      stop()
      const wait = busy ? (options.debounceMs ?? 0) : 0
      if (wait <= 0) return start(input, requestedAt)
      set({ status: 'waiting' })
      timer = setTimeout(() => start(input, requestedAt), wait)
    },
    cancel() {
      const active = controller !== null || snapshot.status === 'waiting'
      stop()
      if (active) set({ status: 'cancelled', progress: null })
    },
    reset() {
      stop()
      set({ status: 'idle', result: null, source: null, progress: null, error: null, ms: null, partial: false })
    },
  }
}
