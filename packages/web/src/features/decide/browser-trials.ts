import { appendColumns, type ChunkResult } from '@pcsim/engine'
import type { RunTrials } from '@pcsim/engine/decide'
import { CancelledError, WorkerPool } from '../../engine/worker-pool.ts'

const cores = Math.max(1, Math.min(2, globalThis.navigator?.hardwareConcurrency || 2))
const pool = new WorkerPool({ size: cores, terminateAfterMs: 0 })
const CHUNK = 2_000

/**
 * The decision tools' trials in this browser's engine workers: each config's range in chunks over
 * the workers, joined in trial order (the same numbers as any other executor). The tools' mathjs
 * expressions run here on the page; the workers only simulate.
 */
export const browserTrials: RunTrials = async (configs, start, end, options = {}) => {
  if (options.signal?.aborted) throw new CancelledError()
  const signal = options.signal as AbortSignal | undefined
  const onAbort = () => pool.cancel()
  signal?.addEventListener('abort', onAbort, { once: true })
  const done = new Map<string, number>()
  const report = (key: string, d: number) => {
    done.set(key, d)
    let sum = 0
    for (const v of done.values()) sum += v
    options.onProgress?.(sum)
  }
  try {
    return await Promise.all(
      configs.map(async (config, k) => {
        const parts: ChunkResult[] = []
        const tasks: Array<Promise<void>> = []
        for (let s = start; s < end; s += CHUNK) {
          const e = Math.min(end, s + CHUNK)
          tasks.push(
            pool.run({ kind: 'chunk', config, start: s, end: e }, [], (d) => report(`${k}:${s}`, d)).then((reply) => {
              if (reply.kind !== 'chunk') throw new Error(`unexpected reply ${reply.kind}`)
              report(`${k}:${s}`, e - s)
              parts.push(reply.chunk)
            }),
          )
        }
        await Promise.all(tasks)
        return appendColumns(parts)
      }),
    )
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
}
