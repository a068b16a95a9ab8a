import { runChunk, type ChunkResult } from '@pcsim/engine'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { throwIfAborted, type ChunkJob, type ChunkOptions, type Executor } from './executor.ts'
import { resolvedRun } from './resolved-run.ts'

/** Runs chunks one after another in the calling thread (tests, small runs, the browser's model). */
export class InThreadExecutor implements Executor {
  readonly kind = 'in-thread'
  readonly parallelism = 1
  private queue: Promise<unknown> = Promise.resolve()

  runChunk(job: ChunkJob, options: ChunkOptions = {}): Promise<ChunkResult> {
    const next = this.queue.then(async () => {
      await yieldToLoop()
      throwIfAborted(options.signal)
      return runChunk(resolvedRun(job.config), job.start, job.end, options.onProgress, 500)
    })
    this.queue = next.catch(() => undefined)
    return next
  }

  async close(): Promise<void> {
    await this.queue
  }
}
