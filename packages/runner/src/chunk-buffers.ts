import type { ChunkResult } from '@pcsim/engine'

/** The typed-array buffers of a chunk (and of its sub-funds), each once: moved to the caller rather than copied. */
export function chunkBuffers(c: ChunkResult): ArrayBuffer[] {
  const arrays = [...Object.values(c.values), ...Object.values(c.counts), c.fan, ...c.classes.flat(), ...c.reinvestment]
  return [...new Set([...arrays.map((a) => a.buffer as ArrayBuffer), ...(c.subFunds ?? []).flatMap(chunkBuffers)])]
}
