import { resolveRun, runChunk, type ChunkResult } from '@pcsim/engine'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { throwIfAborted, type ChunkJob, type ChunkOptions, type Executor } from './executor.ts'
import { ThreadPoolExecutor } from './thread-pool.ts'

interface Waiting {
  job: ChunkJob
  options: ChunkOptions
  resolve: (c: ChunkResult) => void
  reject: (e: unknown) => void
}

/**
 * The calling thread plus a pool of `threads − 1` worker threads, each taking the next chunk when
 * it is free: on P cores, P threads compute, and the calling thread (otherwise idle while the pool
 * works) computes from the first moment, while the workers are still loading the engine. For
 * command-line runs, where nothing else needs the event loop for long (it is free between chunks).
 */
export class HybridExecutor implements Executor {
  readonly kind = 'thread-pool'
  readonly parallelism: number
  private readonly pool: ThreadPoolExecutor | undefined
  private readonly waiting: Waiting[] = []
  private mainBusy = false
  private poolBusy = 0
  /** Chunks started on each lane so far. */
  readonly started = { here: 0, pool: 0 }

  constructor(threads: number) {
    this.parallelism = Math.max(1, threads)
    this.pool = this.parallelism > 1 ? new ThreadPoolExecutor(this.parallelism - 1) : undefined
  }

  runChunk(job: ChunkJob, options: ChunkOptions = {}): Promise<ChunkResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, options, resolve, reject })
      this.dispatch()
    })
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      if (!this.mainBusy) {
        this.mainBusy = true
        this.started.here++
        void this.runHere(this.waiting.shift()!)
      } else if (this.pool && this.poolBusy < this.pool.parallelism) {
        this.poolBusy++
        this.started.pool++
        const w = this.waiting.shift()!
        this.pool.runChunk(w.job, w.options).then(w.resolve, w.reject).finally(() => {
          this.poolBusy--
          this.dispatch()
        })
      } else return
    }
  }

  private async runHere(w: Waiting): Promise<void> {
    try {
      await yieldToLoop() // lets progress, merging and signals in between chunks
      throwIfAborted(w.options.signal)
      w.resolve(runChunk(resolveRun(w.job.config), w.job.start, w.job.end, w.options.onProgress, 500))
    } catch (error) {
      w.reject(error)
    } finally {
      this.mainBusy = false
      this.dispatch()
    }
  }

  async close(): Promise<void> {
    await this.pool?.close()
  }
}
