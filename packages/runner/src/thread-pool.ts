import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { MessageChannel } from 'node:worker_threads'
import type { ChunkResult } from '@pcsim/engine'
import { Piscina } from 'piscina'
import { CancelledError, type ChunkJob, type ChunkOptions, type Executor } from './executor.ts'
import type { ChunkTask } from './workers/chunk.worker.ts'

/** The worker file and how to start it: TypeScript through tsx's CommonJS hook in development
 * (tsx's ESM hooks do not reach worker threads on Node 20), built JavaScript otherwise. */
function workerEntry(): { filename: string; execArgv: string[] } {
  const source = import.meta.url.endsWith('.ts')
  const filename = fileURLToPath(new URL(`./workers/chunk.worker.${source ? 'ts' : 'js'}`, import.meta.url))
  if (!source) return { filename, execArgv: [] }
  const tsxCjs = createRequire(import.meta.url).resolve('tsx/cjs')
  return { filename, execArgv: ['--require', tsxCjs, '--conditions=@pcsim/source', '--disable-warning=ExperimentalWarning'] }
}

/** A pool of worker threads (piscina), sized to the machine by default; cancel terminates the task. */
export class ThreadPoolExecutor implements Executor {
  readonly kind = 'thread-pool'
  private readonly pool: Piscina

  constructor(readonly parallelism = availableParallelism()) {
    const { filename, execArgv } = workerEntry()
    this.pool = new Piscina({ filename, execArgv, minThreads: parallelism, maxThreads: parallelism, idleTimeout: 30_000 })
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
    try {
      return (await this.pool.run({ ...job, port: port2, stop } satisfies ChunkTask, { transferList: [port2] })) as ChunkResult
    } catch (error) {
      if (signal?.aborted) throw new CancelledError()
      throw error
    } finally {
      signal?.removeEventListener('abort', raise)
      port1.close()
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy()
  }
}
