import type { ChunkResult, ComparisonResult, RunResult, SimulationConfig } from '@pcsim/engine'
import { createExecutor, workerEntry as runnerWorkerEntry, type Executor, type ExecutorChoice } from '@pcsim/runner'
import { Piscina } from 'piscina'
import { chunkBuffers, type PoolTask, type ReforecastConfigs, type ReforecastResult } from './tasks.ts'

/** Where one of the server's workers lives and how to start it (see @pcsim/runner's workerEntry). */
export const workerEntry = (name = 'simulate') => runnerWorkerEntry(new URL('../workers/', import.meta.url), name)

/**
 * The server's simulation capacity. Chunks run on an `Executor` from @pcsim/runner, chosen by the
 * environment (a thread pool by default, Redis workers when PCSIM_REDIS_URL is set); the job
 * queue does not know which. Merging and summarising run on one extra thread, off the event loop.
 */
export class SimulationPool {
  private readonly summaries: Piscina
  private executorPromise: Promise<Executor> | undefined
  private closed = false

  constructor(private readonly choice: ExecutorChoice) {
    const { filename, execArgv } = workerEntry()
    this.summaries = new Piscina({ filename, execArgv, minThreads: 1, maxThreads: 1, idleTimeout: 60_000 })
  }

  get kind(): Executor['kind'] {
    return this.choice.kind ?? (this.choice.redisUrl ? 'redis' : 'thread-pool')
  }

  /**
   * The executor, created on first use. If creating it fails (Redis unreachable), the next call
   * tries again, so a server started before Redis recovers once Redis is up.
   */
  executor(): Promise<Executor> {
    if (this.closed) return Promise.reject(new Error('the simulation pool is closed'))
    this.executorPromise ??= createExecutor(this.choice).catch((error: unknown) => {
      this.executorPromise = undefined
      throw error
    })
    return this.executorPromise
  }

  /** Loads the engine in the summary thread and creates the executor; rejects if either fails. */
  async ping(): Promise<string> {
    const [version] = await Promise.all([this.summaries.run({ kind: 'ping' } satisfies PoolTask) as Promise<string>, this.executor()])
    return version
  }

  summarise(config: SimulationConfig, chunks: ChunkResult[], signal: AbortSignal): Promise<RunResult> {
    const task: PoolTask = { kind: 'summarise', config, chunks }
    return this.summaries.run(task, { signal, transferList: chunks.flatMap(chunkBuffers) }) as Promise<RunResult>
  }

  compare(configs: SimulationConfig[], chunks: ChunkResult[][], signal: AbortSignal): Promise<ComparisonResult> {
    const task: PoolTask = { kind: 'compare', configs, chunks }
    return this.summaries.run(task, { signal, transferList: chunks.flat().flatMap(chunkBuffers) }) as Promise<ComparisonResult>
  }

  /** A reforecast's result from the chunks of its runs (jobs/tasks.ts `reforecastRuns` order): the runs summarised and the plan against actual. */
  reforecast(configs: ReforecastConfigs, chunks: ChunkResult[][], signal: AbortSignal): Promise<ReforecastResult> {
    const task: PoolTask = { kind: 'reforecast', configs, chunks }
    return this.summaries.run(task, { signal, transferList: chunks.flat().flatMap(chunkBuffers) }) as Promise<ReforecastResult>
  }

  async close(): Promise<void> {
    this.closed = true
    const executor = await this.executorPromise?.catch(() => undefined)
    await Promise.allSettled([this.summaries.destroy(), executor?.close()])
  }
}
