import type { ChunkResult } from '@pcsim/engine'

/** A chunk as plain JSON: typed arrays as base64 of their bytes, so doubles travel bit for bit. */
export type EncodedChunk = Omit<ChunkResult, 'values' | 'counts' | 'fan' | 'classes' | 'reinvestment' | 'subFunds'> & {
  values: Record<string, string>
  counts: Record<string, string>
  fan: string
  classes: string[][]
  reinvestment: string[]
  subFunds?: EncodedChunk[]
}

const toBase64 = (a: Float64Array | Uint16Array | Uint32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64')

function fromBase64<T extends Float64Array | Uint16Array | Uint32Array>(text: string, make: (b: ArrayBuffer) => T): T {
  const bytes = Buffer.from(text, 'base64')
  const copy = new ArrayBuffer(bytes.byteLength)
  new Uint8Array(copy).set(bytes)
  return make(copy)
}

const mapValues = <A, B>(o: Record<string, A>, f: (a: A) => B): Record<string, B> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]))

export function encodeChunk(c: ChunkResult): EncodedChunk {
  return {
    ...c,
    values: mapValues(c.values, toBase64),
    counts: mapValues(c.counts, toBase64),
    fan: toBase64(c.fan),
    classes: c.classes.map((metrics) => metrics.map(toBase64)),
    reinvestment: c.reinvestment.map(toBase64),
    subFunds: c.subFunds?.map(encodeChunk),
  }
}

export function decodeChunk(e: EncodedChunk): ChunkResult {
  const f64 = (t: string) => fromBase64(t, (b) => new Float64Array(b))
  const { subFunds, ...rest } = e
  return {
    ...rest,
    values: mapValues(e.values, f64) as ChunkResult['values'],
    counts: mapValues(e.counts, (t) => fromBase64(t, (b) => new Uint16Array(b))) as ChunkResult['counts'],
    fan: fromBase64(e.fan, (b) => new Uint32Array(b)),
    classes: e.classes.map((metrics) => metrics.map(f64)),
    reinvestment: e.reinvestment.map(f64),
    ...(subFunds ? { subFunds: subFunds.map(decodeChunk) } : {}),
  }
}
