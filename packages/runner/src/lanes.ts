import { availableParallelism } from 'node:os'
import { setFlagsFromString } from 'node:v8'
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads'
import type { ChunkResult, SimulationConfig } from '@pcsim/engine'
import { workerEntry } from './worker-entry.ts'

/**
 * A chunk as the lanes see it. Jobs are numbered 0, 1, 2, … in the order they were submitted, and
 * every lane (each worker thread, and the calling thread of a HybridExecutor) takes the lowest
 * number nobody has taken yet from one shared counter (`next`): a lane never waits for another
 * thread to hand it work, so a worker goes on to its next chunk while the calling thread is busy
 * computing one of its own.
 */
export interface LaneJob {
  index: number
  /** The same number for every job of one config object: a worker resolves each config once. */
  key: number
  config: SimulationConfig
  start: number
  end: number
  /** Set to 1 by the caller to stop the chunk (before it starts, or between two trials). */
  stop: Int32Array
}

export type LaneReply =
  | { kind: 'progress'; index: number; done: number }
  | { kind: 'chunk'; index: number; chunk: ChunkResult }
  | { kind: 'error'; index: number; error: { name: string; message: string; stack?: string } }

/** What a lane worker receives at start. */
export interface LaneWorkerData {
  port: MessagePort
  next: Int32Array
}

/**
 * Whether `size` lanes beside the calling thread leave no core idle. V8 then compiles hot functions
 * on the thread that runs them rather than on a background thread: with every core computing, a
 * background compile waits for a core while its thread goes on in the slow tiers, and each worker
 * thread compiles the whole engine again. Measured on 2 cores (docs/speed.md): a 100,000-trial
 * `pcsim run` 3.17 → 3.09 s; a run in one thread is 0.1 s slower that way, so only lanes set it.
 */
export const compileOnComputingThreads = (size: number, cores = availableParallelism()): boolean => size > 0 && size + 1 >= cores

/**
 * `size` worker threads that take chunks from the shared counter. They start loading the engine at
 * once, so a caller can start them while it is still parsing its config (the CLI does). This
 * module does not load the engine itself.
 */
export class WorkerLanes {
  /** The number of the next job no lane has taken. */
  readonly next = new Int32Array(new SharedArrayBuffer(4))
  onReply: ((reply: LaneReply) => void) | undefined
  /** A worker thread died (an error it did not catch, or an exit before `close`). */
  onFailure: ((error: Error) => void) | undefined
  private readonly workers: Worker[] = []
  private readonly ports: MessagePort[] = []
  private closing = false

  constructor(readonly size: number) {
    // process-wide, for this isolate and the workers'; lanes serve one command-line job, which ends with the process
    if (compileOnComputingThreads(size)) setFlagsFromString('--no-concurrent-recompilation')
    const { filename, execArgv } = workerEntry(new URL('./workers/', import.meta.url), 'lane')
    for (let i = 0; i < size; i++) {
      const { port1, port2 } = new MessageChannel()
      const options = { execArgv, workerData: { port: port2, next: this.next } satisfies LaneWorkerData, transferList: [port2] }
      // TypeScript (development) loads through tsx's CommonJS hook, which only `require` reaches
      const worker = filename.endsWith('.ts') ? new Worker(`require(${JSON.stringify(filename)})`, { ...options, eval: true }) : new Worker(filename, options)
      port1.on('message', (reply: LaneReply) => this.onReply?.(reply))
      worker.on('error', (error) => this.fail(error))
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`a worker thread exited (code ${code}) before the run ended`))
      })
      this.workers.push(worker)
      this.ports.push(port1)
    }
  }

  /** Offers a job to every worker (whichever is free first takes it). */
  post(job: LaneJob): void {
    for (const port of this.ports) port.postMessage(job)
  }

  private fail(error: Error): void {
    if (this.closing) return
    this.onFailure?.(error)
  }

  private closed: Promise<void> | undefined

  /** Stops the threads (again: the same promise). */
  close(): Promise<void> {
    this.closing = true
    for (const port of this.ports) port.close()
    return (this.closed ??= Promise.all(this.workers.map((w) => w.terminate())).then(() => undefined))
  }
}
