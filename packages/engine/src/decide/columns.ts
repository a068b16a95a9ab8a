import type { ChunkResult } from '../run/chunk.ts'

/** The per-trial columns of a range of trials: all the decision tools read off a run. */
export type TrialColumns = Pick<ChunkResult, 'start' | 'end' | 'values' | 'counts' | 'classes'>

/**
 * Joins the columns of contiguous trial ranges, in trial order. Only the per-trial columns: far
 * cheaper than `mergeChunks` (no fan bins or exact sums), which the tools never read.
 */
export function appendColumns(parts: readonly TrialColumns[]): TrialColumns {
  if (parts.length === 0) throw new RangeError('appendColumns needs at least one part')
  const sorted = [...parts].sort((a, b) => a.start - b.start)
  if (sorted.length === 1) return sorted[0]!
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.start !== sorted[i - 1]!.end) throw new RangeError(`trial ranges are not contiguous at ${sorted[i - 1]!.end}`)
  const first = sorted[0]!
  const start = first.start
  const n = sorted[sorted.length - 1]!.end - start
  const join = <T extends Float64Array | Uint16Array>(pick: (c: TrialColumns) => T, make: (n: number) => T): T => {
    const out = make(n)
    for (const c of sorted) out.set(pick(c), c.start - start)
    return out
  }
  const values = Object.fromEntries(Object.keys(first.values).map((k) => [k, join((c) => c.values[k as keyof ChunkResult['values']], (m) => new Float64Array(m))])) as ChunkResult['values']
  const counts = Object.fromEntries(Object.keys(first.counts).map((k) => [k, join((c) => c.counts[k as keyof ChunkResult['counts']], (m) => new Uint16Array(m))])) as ChunkResult['counts']
  const classes = first.classes.map((metrics, k) => metrics.map((_, mi) => join((c) => c.classes[k]![mi]!, (m) => new Float64Array(m))))
  return { start, end: start + n, values, counts, classes }
}
