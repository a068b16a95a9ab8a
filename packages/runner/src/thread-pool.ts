import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { MessageChannel } from 'node:worker_threads'
import type { ChunkResult } from '@pcsim/engine'
import type { Piscina } from 'piscina'
import { CancelledError, type ChunkJob, type ChunkOptions, type Executor } from './executor.ts'
import { workerEntry } from './worker-entry.ts'
import type { ChunkTask } from './workers/chunk.worker.ts'

/** piscina, loaded when the first pool starts: importing it costs ~0.1 s that `pcsim presets` and the
 * in-thread runs would otherwise pay. */
const loadPiscina = (): typeof Piscina => (createRequire(import.meta.url)('piscina') as typeof import('piscina')).Piscina

/** A pool of worker threads (piscina), sized to the machine by default; cancel is cooperative (below). */
export class ThreadPoolExecutor implements Executor {
  readonly kind = 'thread-pool'
  private readonly pool: Piscina
  private readonly inFlight = new Set<Promise<unknown>>()

  constructor(readonly parallelism = availableParallelism()) {
    const { filename, execArgv } = workerEntry(new URL('./workers/', import.meta.url), 'chunk')
    this.pool = new (loadPiscina())({ filename, execArgv, minThreads: parallelism, maxThreads: parallelism, idleTimeout: 30_000 })
  }

  /**
   * Cancel is cooperative: the signal raises a flag in shared memory that the worker reads between
   * trials, so the chunk ends within one trial and the worker thread lives on (terminating it cost
   * a new thread and a fresh engine import, seconds of CPU).
   */
  async runChunk(job: ChunkJob, options: ChunkOptions = {}): Promise<ChunkResult> {
    const { signal } = options
    if (signal?.aborted) throw new CancelledError()
    const { port1, port2 } = new MessageChannel()
    port1.on('message', (done: number) => options.onProgress?.(done))
    const stop = new Int32Array(new SharedArrayBuffer(4))
    const raise = () => Atomics.store(stop, 0, 1)
    signal?.addEventListener('abort', raise, { once: true })
    const task = this.pool.run({ ...job, port: port2, stop } satisfies ChunkTask, { transferList: [port2] })
    this.inFlight.add(task)
    try {
      return (await task) as ChunkResult
    } catch (error) {
      if (signal?.aborted) throw new CancelledError()
      throw error
    } finally {
      this.inFlight.delete(task)
      signal?.removeEventListener('abort', raise)
      port1.close()
    }
  }

  /** Lets running chunks answer first (a cancelled one stops within a trial): a worker's answer that
   * arrives after destroy() has dropped its task is an uncaught error in piscina. Waits at most 10 s. */
  async close(): Promise<void> {
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 10_000)
        timer.unref()
      })
      await Promise.race([Promise.allSettled([...this.inFlight]), limit])
      clearTimeout(timer)
    }
    await this.pool.destroy()
  }
}
