import type { MessagePort } from 'node:worker_threads'
import { resolveRun, runChunk, type ChunkResult } from '@pcsim/engine'
import { Piscina } from 'piscina'
import type { ChunkJob } from '../executor.ts'

/** The typed-array buffers of a chunk (and of its sub-funds), moved to the caller rather than copied. */
function buffers(c: ChunkResult): ArrayBuffer[] {
  const arrays = [...Object.values(c.values), ...Object.values(c.counts), c.fan, ...c.classes.flat(), ...c.reinvestment]
  return [...arrays.map((a) => a.buffer as ArrayBuffer), ...(c.subFunds ?? []).flatMap(buffers)]
}

/** Piscina task: one chunk; progress goes back through the port. */
export default function runChunkTask(task: ChunkJob & { port?: MessagePort }): unknown {
  try {
    const chunk = runChunk(resolveRun(task.config), task.start, task.end, task.port ? (done) => task.port!.postMessage(done) : undefined, 500)
    return Piscina.move({ [Piscina.transferableSymbol]: [...new Set(buffers(chunk))], [Piscina.valueSymbol]: chunk } as never)
  } finally {
    task.port?.close()
  }
}
