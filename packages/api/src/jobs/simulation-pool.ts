import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { MessageChannel } from 'node:worker_threads'
import type { ChunkResult, ComparisonResult, RunResult, SimulationConfig } from '@pcsim/engine'
import { Piscina } from 'piscina'
import { chunkBuffers, type PoolTask } from './tasks.ts'

/**
 * Where the worker lives and how to start it. Under tsx (dev, tests) the worker is TypeScript:
 * tsx's ESM hooks do not reach worker threads on node 20, its CommonJS hook does (STACK.md §4),
 * and the engine is resolved from source through the @pcsim/source condition. Built JS needs neither.
 */
function workerEntry(): { filename: string; execArgv: string[] } {
  const source = import.meta.url.endsWith('.ts')
  const filename = fileURLToPath(new URL(`../workers/simulate.worker.${source ? 'ts' : 'js'}`, import.meta.url))
  if (!source) return { filename, execArgv: [] }
  const tsxCjs = createRequire(import.meta.url).resolve('tsx/cjs')
  return { filename, execArgv: ['--require', tsxCjs, '--conditions=@pcsim/source', '--disable-warning=ExperimentalWarning'] }
}

/** A fixed-size piscina pool that runs engine chunks off the event loop. */
export class SimulationPool {
  private readonly pool: Piscina
  constructor(readonly threads: number) {
    const { filename, execArgv } = workerEntry()
    this.pool = new Piscina({ filename, execArgv, minThreads: threads, maxThreads: threads, idleTimeout: 60_000, concurrentTasksPerWorker: 1 })
  }

  /** Loads the engine in a worker; rejects if workers cannot start. */
  async ping(): Promise<string> {
    return (await this.pool.run({ kind: 'ping' } satisfies PoolTask)) as string
  }

  /** Runs trials [start, end); `onProgress` gets the trials done so far within this chunk. */
  async runChunk(config: SimulationConfig, start: number, end: number, signal: AbortSignal, onProgress: (done: number) => void): Promise<ChunkResult> {
    const { port1, port2 } = new MessageChannel()
    port1.on('message', (done: number) => onProgress(done))
    try {
      const task: PoolTask = { kind: 'chunk', config, start, end, port: port2 }
      return (await this.pool.run(task, { signal, transferList: [port2] })) as ChunkResult
    } finally {
      port1.close()
    }
  }

  summarise(config: SimulationConfig, chunks: ChunkResult[], signal: AbortSignal): Promise<RunResult> {
    const task: PoolTask = { kind: 'summarise', config, chunks }
    return this.pool.run(task, { signal, transferList: chunks.flatMap(chunkBuffers) }) as Promise<RunResult>
  }

  compare(configs: SimulationConfig[], chunks: ChunkResult[][], signal: AbortSignal): Promise<ComparisonResult> {
    const task: PoolTask = { kind: 'compare', configs, chunks }
    return this.pool.run(task, { signal, transferList: chunks.flat().flatMap(chunkBuffers) }) as Promise<ComparisonResult>
  }

  get queued(): number {
    return this.pool.queueSize
  }

  async close(): Promise<void> {
    await this.pool.destroy()
  }
}
