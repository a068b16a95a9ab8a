import type { MessagePort } from 'node:worker_threads'
import { runChunk, type ChunkResult } from '@pcsim/engine'
import type { ChunkJob } from '../executor.ts'
import { resolvedRun } from '../resolved-run.ts'

/** One chunk, a port for its progress and a flag (set to 1 by the caller) that stops it between trials. */
export type ChunkTask = ChunkJob & { port?: MessagePort; stop?: Int32Array }

/** Piscina task: one chunk; progress goes back through the port. */
export default function runChunkTask(task: ChunkTask): ChunkResult {
  const stopped = task.stop ? () => Atomics.load(task.stop!, 0) === 1 : undefined
  try {
    if (stopped?.()) throw new Error('the chunk was cancelled before it started')
    const chunk = runChunk(resolvedRun(task.config), task.start, task.end, task.port ? (done) => task.port!.postMessage(done) : undefined, 500, stopped)
    // copied, not moved (see lane.worker.ts)
    return chunk
  } finally {
    task.port?.close()
  }
}
