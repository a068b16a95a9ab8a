import { resolveRun, runChunk, type ChunkResult, type ResolvedRun, type SimulationConfig } from '@pcsim/engine'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { throwIfAborted, type ChunkJob, type ChunkOptions, type Executor } from './executor.ts'

/** Runs chunks one after another in the calling thread (tests, small runs, the browser's model). */
export class InThreadExecutor implements Executor {
  readonly kind = 'in-thread'
  readonly parallelism = 1
  private queue: Promise<unknown> = Promise.resolve()
  /** Each config object is resolved once, not once per chunk. */
  private readonly runs = new WeakMap<SimulationConfig, ResolvedRun>()

  runChunk(job: ChunkJob, options: ChunkOptions = {}): Promise<ChunkResult> {
    const next = this.queue.then(async () => {
      await yieldToLoop()
      throwIfAborted(options.signal)
      let run = this.runs.get(job.config)
      if (!run) this.runs.set(job.config, (run = resolveRun(job.config)))
      return runChunk(run, job.start, job.end, options.onProgress, 500)
    })
    this.queue = next.catch(() => undefined)
    return next
  }

  async close(): Promise<void> {
    await this.queue
  }
}
