import type { ChunkResult, SimulationConfig } from '@pcsim/engine'

/** A range of trials of one parsed config: the unit of work every executor runs. */
export interface ChunkJob {
  config: SimulationConfig
  start: number
  end: number
}

export interface ChunkOptions {
  signal?: AbortSignal
  /** Trials of this chunk finished so far. */
  onProgress?: (done: number) => void
}

/**
 * Where chunks run: in the calling thread, in a pool of worker threads, or on workers anywhere that
 * read a Redis queue. Whatever runs them, a chunk's numbers depend only on (config, start, end).
 */
export interface Executor {
  readonly kind: 'in-thread' | 'thread-pool' | 'redis'
  /** How many chunks it can run at once (for choosing chunk sizes). */
  readonly parallelism: number
  runChunk(job: ChunkJob, options?: ChunkOptions): Promise<ChunkResult>
  close(): Promise<void>
}

/** The error an executor throws when its signal aborts the work. */
export class CancelledError extends Error {
  readonly code = 'PCSIM_ERR_CANCELLED'
  constructor() {
    super('the run was cancelled')
  }
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError()
}
