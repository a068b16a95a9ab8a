import { mergeChunks, resolveRun, runChunk, summarise } from '@pcsim/engine'
import { chunkBuffers, type Endpoint, type WorkerRequest } from './protocol.ts'

const scope = self as unknown as Endpoint
scope.onmessage = ({ data: r }: MessageEvent<WorkerRequest>) => {
  try {
    if (r.kind === 'summarise') return scope.postMessage({ id: r.id, kind: 'result', result: summarise(resolveRun(r.config), mergeChunks(r.chunks)) })
    const chunk = runChunk(resolveRun(r.config), r.start, r.end, (done) => scope.postMessage({ id: r.id, kind: 'progress', done }), 500)
    scope.postMessage({ id: r.id, kind: 'chunk', chunk }, chunkBuffers(chunk))
  } catch (e) {
    scope.postMessage({ id: r.id, kind: 'error', message: e instanceof Error ? e.message : String(e) })
  }
}
