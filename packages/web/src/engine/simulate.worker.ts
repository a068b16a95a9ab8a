import { mergeChunks, resolveRun, runChunk, summarise } from '@pcsim/engine'
import type { Endpoint, WorkerRequest } from './protocol.ts'

const scope = self as unknown as Endpoint
scope.onmessage = ({ data: r }: MessageEvent<WorkerRequest>) => {
  try {
    if (r.kind === 'summarise') return scope.postMessage({ id: r.id, kind: 'result', result: summarise(resolveRun(r.config), mergeChunks(r.chunks)) })
    const chunk = runChunk(resolveRun(r.config), r.start, r.end, (done) => scope.postMessage({ id: r.id, kind: 'progress', done }), 500)
    // copied, not transferred: a detached buffer makes V8 recompile the worker's whole trial loop
    scope.postMessage({ id: r.id, kind: 'chunk', chunk })
  } catch (e) {
    scope.postMessage({ id: r.id, kind: 'error', message: e instanceof Error ? e.message : String(e) })
  }
}
