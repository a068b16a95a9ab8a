import { runChunk, type ChunkResult, type SimulationConfig } from '@pcsim/engine'
import { CancelledError, type ChunkJob, type ChunkOptions, type Executor } from './executor.ts'
import { WorkerLanes, type LaneReply } from './lanes.ts'
import { resolvedRun } from './resolved-run.ts'

interface Pending {
  job: ChunkJob
  options: ChunkOptions
  stop: Int32Array
  resolve: (c: ChunkResult) => void
  reject: (e: unknown) => void
  cleanup: () => void
}

/**
 * The calling thread plus `threads − 1` worker threads (WorkerLanes), each taking the next chunk
 * from one shared counter when it is free: on P cores, P threads compute, the calling thread from
 * the first moment (while the workers are still loading the engine), and no worker ever waits for
 * the calling thread to hand it work. For command-line runs, where nothing else needs the event
 * loop for long (it turns between the calling thread's chunks: progress, merging, signals).
 */
export class HybridExecutor implements Executor {
  readonly kind = 'thread-pool'
  readonly parallelism: number
  private readonly lanes: WorkerLanes | undefined
  private readonly next: Int32Array
  private readonly pending = new Map<number, Pending>()
  private submitted = 0
  private mainScheduled = false
  private failure: Error | undefined
  private readonly keys = new WeakMap<SimulationConfig, number>()
  /** Chunks run on each lane so far. */
  readonly started = { here: 0, pool: 0 }

  /** `lanes`: worker threads started earlier (`threads − 1` of them, see WorkerLanes); else it starts its own. */
  constructor(threads: number, lanes?: WorkerLanes) {
    this.parallelism = lanes ? lanes.size + 1 : Math.max(1, threads)
    this.lanes = lanes ?? (this.parallelism > 1 ? new WorkerLanes(this.parallelism - 1) : undefined)
    this.next = this.lanes?.next ?? new Int32Array(new SharedArrayBuffer(4))
    if (this.lanes) {
      this.lanes.onReply = (r) => this.reply(r)
      this.lanes.onFailure = (e) => this.fail(e)
    }
  }

  runChunk(job: ChunkJob, options: ChunkOptions = {}): Promise<ChunkResult> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      const index = this.submitted++
      const stop = new Int32Array(new SharedArrayBuffer(4))
      const raise = () => Atomics.store(stop, 0, 1)
      const { signal } = options
      if (signal?.aborted) raise()
      signal?.addEventListener('abort', raise, { once: true })
      this.pending.set(index, { job, options, stop, resolve, reject, cleanup: () => signal?.removeEventListener('abort', raise) })
      this.lanes?.post({ index, key: this.keyOf(job.config), config: job.config, start: job.start, end: job.end, stop })
      this.wakeMain()
    })
  }

  /** Chunks some thread has taken so far (the shared counter). */
  get taken(): number {
    return Atomics.load(this.next, 0)
  }

  private keyOf(config: SimulationConfig): number {
    let key = this.keys.get(config)
    if (key === undefined) this.keys.set(config, (key = this.submitted))
    return key
  }

  /** The calling thread's lane: one chunk, then the event loop turns before it takes the next. */
  private wakeMain(): void {
    if (this.mainScheduled) return
    this.mainScheduled = true
    setImmediate(() => {
      this.mainScheduled = false
      this.runHere()
    })
  }

  private take(): number | undefined {
    for (;;) {
      const i = Atomics.load(this.next, 0)
      if (i >= this.submitted) return undefined
      if (Atomics.compareExchange(this.next, 0, i, i + 1) === i) return i
    }
  }

  private runHere(): void {
    const index = this.take()
    if (index === undefined) return
    const p = this.pending.get(index)
    if (p) {
      this.started.here++
      try {
        if (Atomics.load(p.stop, 0) === 1) throw new CancelledError()
        this.settle(index, runChunk(resolvedRun(p.job.config), p.job.start, p.job.end, p.options.onProgress, 500))
      } catch (error) {
        this.settle(index, undefined, Atomics.load(p.stop, 0) === 1 ? new CancelledError() : error)
      }
    }
    this.wakeMain()
  }

  private reply(r: LaneReply): void {
    const p = this.pending.get(r.index)
    if (!p) return
    if (r.kind === 'progress') return p.options.onProgress?.(r.done)
    this.started.pool++
    if (r.kind === 'chunk') return this.settle(r.index, r.chunk)
    const error = Object.assign(new Error(r.error.message), { name: r.error.name, ...(r.error.stack ? { stack: r.error.stack } : {}) })
    this.settle(r.index, undefined, Atomics.load(p.stop, 0) === 1 ? new CancelledError() : error)
  }

  private settle(index: number, chunk: ChunkResult | undefined, error?: unknown): void {
    const p = this.pending.get(index)
    if (!p) return
    this.pending.delete(index)
    p.cleanup()
    if (error === undefined) p.resolve(chunk!)
    else p.reject(error)
  }

  /** A worker thread died: every chunk not yet back fails with its error, and so does any new one. */
  private fail(error: Error): void {
    this.failure ??= error
    for (const index of [...this.pending.keys()]) this.settle(index, undefined, error)
  }

  /** Lets chunks in flight answer first (a cancelled one stops within a trial); waits at most 10 s. */
  async close(): Promise<void> {
    if (this.pending.size > 0) {
      for (const p of this.pending.values()) Atomics.store(p.stop, 0, 1)
      const deadline = Date.now() + 10_000
      while (this.pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
    }
    await this.lanes?.close()
  }
}
