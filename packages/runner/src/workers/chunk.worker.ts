import type { MessagePort } from 'node:worker_threads'
import { resolveRun, runChunk } from '@pcsim/engine'
import { Piscina } from 'piscina'
import { chunkBuffers } from '../chunk-buffers.ts'
import type { ChunkJob } from '../executor.ts'

/** One chunk, a port for its progress and a flag (set to 1 by the caller) that stops it between trials. */
export type ChunkTask = ChunkJob & { port?: MessagePort; stop?: Int32Array }

/** Piscina task: one chunk; progress goes back through the port. */
export default function runChunkTask(task: ChunkTask): unknown {
  const stopped = task.stop ? () => Atomics.load(task.stop!, 0) === 1 : undefined
  try {
    if (stopped?.()) throw new Error('the chunk was cancelled before it started')
    const chunk = runChunk(resolveRun(task.config), task.start, task.end, task.port ? (done) => task.port!.postMessage(done) : undefined, 500, stopped)
    return Piscina.move({ [Piscina.transferableSymbol]: chunkBuffers(chunk), [Piscina.valueSymbol]: chunk } as never)
  } finally {
    task.port?.close()
  }
}
