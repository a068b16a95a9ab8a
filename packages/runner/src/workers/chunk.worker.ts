import type { MessagePort } from 'node:worker_threads'
import { resolveRun, runChunk } from '@pcsim/engine'
import type { ChunkJob } from '../executor.ts'

/** Piscina task: one chunk; progress goes back through the port. */
export default function runChunkTask(task: ChunkJob & { port?: MessagePort }) {
  try {
    return runChunk(resolveRun(task.config), task.start, task.end, task.port ? (done) => task.port!.postMessage(done) : undefined, 500)
  } finally {
    task.port?.close()
  }
}
