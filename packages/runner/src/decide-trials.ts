import { setMaxListeners } from 'node:events'
import { appendColumns, type ChunkResult } from '@pcsim/engine'
import type { RunTrials } from '@pcsim/engine/decide'
import { CancelledError, type Executor } from './executor.ts'
import { DEFAULT_CHUNK_SIZE } from './simulate.ts'

/**
 * The decision tools' trial runner on any executor: trials [start, end) of every config, split
 * into chunks the executor runs at once (in this thread, a thread pool or BullMQ workers) and
 * merged in trial order, so the numbers are the same bit for bit whichever executor ran them.
 */
export function trialsOn(executor: Executor, chunkSize = DEFAULT_CHUNK_SIZE): RunTrials {
  return async (configs, start, end, options = {}) => {
    const controller = new AbortController()
    setMaxListeners(0, controller.signal)
    const outer = options.signal as AbortSignal | undefined
    const abort = () => controller.abort()
    outer?.addEventListener('abort', abort, { once: true })
    if (outer?.aborted) controller.abort()
    const done = new Map<string, number>()
    let sum = 0
    const report = (key: string, d: number) => {
      const before = done.get(key) ?? 0
      if (d <= before) return
      sum += d - before
      done.set(key, d)
      options.onProgress?.(sum)
    }
    const ranges: Array<[number, number]> = []
    for (let s = start; s < end; s += chunkSize) ranges.push([s, Math.min(end, s + chunkSize)])
    // Every chunk is awaited even after one fails, so none is still running when the caller
    // goes on (and, say, closes the executor); the first failure is then thrown.
    const tasks = configs.map((config, k) =>
      ranges.map(([s, e]) =>
        executor.runChunk({ config, start: s, end: e }, { signal: controller.signal, onProgress: (d) => report(`${k}:${s}`, d) }).then(
          (chunk) => {
            report(`${k}:${s}`, e - s)
            return chunk
          },
          (error: unknown) => {
            controller.abort()
            throw error
          },
        ),
      ),
    )
    try {
      const settled = await Promise.allSettled(tasks.flat())
      const failures = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown)
      // the failure that stopped the others, rather than one of the cancellations it caused
      if (failures.length) throw failures.find((e) => !(e instanceof CancelledError)) ?? failures[0]
      return tasks.map((_, k) => appendColumns(settled.slice(k * ranges.length, (k + 1) * ranges.length).map((r) => (r as PromiseFulfilledResult<ChunkResult>).value)))
    } finally {
      outer?.removeEventListener('abort', abort)
    }
  }
}
