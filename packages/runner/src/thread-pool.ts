import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { MessageChannel } from 'node:worker_threads'
import type { ChunkResult } from '@pcsim/engine'
import type { Piscina } from 'piscina'
import { CancelledError, type ChunkJob, type ChunkOptions, type Executor } from './executor.ts'

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
/** piscina, loaded when the first pool starts: importing it costs ~0.1 s that `pcsim presets` and the
 * in-thread runs would otherwise pay. */
const loadPiscina = (): typeof Piscina => (createRequire(import.meta.url)('piscina') as typeof import('piscina')).Piscina

export class ThreadPoolExecutor implements Executor {
  readonly kind = 'thread-pool'
  private readonly pool: Piscina

  constructor(readonly parallelism = availableParallelism()) {
    const { filename, execArgv } = workerEntry()
    this.pool = new (loadPiscina())({ filename, execArgv, minThreads: parallelism, maxThreads: parallelism, idleTimeout: 30_000 })
  }

  async runChunk(job: ChunkJob, options: ChunkOptions = {}): Promise<ChunkResult> {
    const { port1, port2 } = new MessageChannel()
    port1.on('message', (done: number) => options.onProgress?.(done))
    try {
      return (await this.pool.run({ ...job, port: port2 }, { transferList: [port2], ...(options.signal ? { signal: options.signal } : {}) })) as ChunkResult
    } catch (error) {
      if (options.signal?.aborted) throw new CancelledError()
      throw error
    } finally {
      port1.close()
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy()
  }
}
