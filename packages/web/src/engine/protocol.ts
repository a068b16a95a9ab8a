import type { ChunkResult, RunResult, SimulationConfig } from '@pcsim/engine'

/** Messages the page sends to a simulation worker. */
export type WorkerRequest =
  | { id: number; kind: 'chunk'; config: SimulationConfig; start: number; end: number }
  | { id: number; kind: 'summarise'; config: SimulationConfig; chunks: ChunkResult[] }

/** A request before the pool gives it an id. */
export type WorkerTask = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never

/** Messages a simulation worker sends back. */
export type WorkerReply =
  | { id: number; kind: 'progress'; done: number }
  | { id: number; kind: 'chunk'; chunk: ChunkResult }
  | { id: number; kind: 'result'; result: RunResult }
  | { id: number; kind: 'error'; message: string }

/** The one method of a worker's global scope we use (comlink's Endpoint idea). */
export interface Endpoint {
  postMessage(message: WorkerReply, transfer?: Transferable[]): void
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null
}

/** ArrayBuffers of a chunk, to transfer instead of copy. */
export function chunkBuffers(chunk: ChunkResult): ArrayBuffer[] {
  const arrays = [...Object.values(chunk.values), ...Object.values(chunk.counts), chunk.fan]
  return arrays.map((a) => a.buffer as ArrayBuffer)
}
