import type { MessagePort } from 'node:worker_threads'
import { resolveRun, runChunk, type ChunkResult } from '@pcsim/engine'
import { Piscina } from 'piscina'
import type { ChunkJob } from '../executor.ts'

/** The typed-array buffers of a chunk (and of its sub-funds), moved to the caller rather than copied. */
function buffers(c: ChunkResult): ArrayBuffer[] {
  const arrays = [...Object.values(c.values), ...Object.values(c.counts), c.fan, ...c.classes.flat(), ...c.reinvestment]
  return [...arrays.map((a) => a.buffer as ArrayBuffer), ...(c.subFunds ?? []).flatMap(buffers)]
}

/** One chunk, a port for its progress and a flag (set to 1 by the caller) that stops it between trials. */
export type ChunkTask = ChunkJob & { port?: MessagePort; stop?: Int32Array }

/** Piscina task: one chunk; progress goes back through the port. */
export default function runChunkTask(task: ChunkTask): unknown {
  const stopped = task.stop ? () => Atomics.load(task.stop!, 0) === 1 : undefined
  try {
    if (stopped?.()) throw new Error('the chunk was cancelled before it started')
    const chunk = runChunk(resolveRun(task.config), task.start, task.end, task.port ? (done) => task.port!.postMessage(done) : undefined, 500, stopped)
    return Piscina.move({ [Piscina.transferableSymbol]: [...new Set(buffers(chunk))], [Piscina.valueSymbol]: chunk } as never)
  } finally {
    task.port?.close()
  }
}
