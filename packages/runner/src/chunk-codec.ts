import { promisify } from 'node:util'
import { deflateRaw, deflateRawSync, inflateRaw, inflateRawSync } from 'node:zlib'
import type { ChunkResult } from '@pcsim/engine'

/**
 * A chunk as bytes, for Redis: every typed array and every exact-sum partial as its raw IEEE-754
 * bytes (so -0, NaN and infinities, which JSON loses, arrive bit for bit), behind a small JSON
 * header that says where each one lies; the whole frame deflated (level 1: per-trial columns
 * such as counts and fan bins shrink a lot, so a chunk is about a third of its raw size).
 *
 *   byte 0: format version (1) · then deflate-raw of: u32 LE header length · header JSON · arrays
 */
const VERSION = 1
const LEVEL = 1

type Kind = 'f64' | 'u16' | 'u32'
type Typed = Float64Array | Uint16Array | Uint32Array

interface Layout {
  start: number
  end: number
  years: number
  cellCompanies: number[]
  values: string[]
  counts: string[]
  fan: number
  /** Number of metrics per LP class. */
  classes: number[]
  reinvestment: number
  /** Number of partials per cell / year. */
  cellInvested: number[]
  cellProceeds: number[]
  governmentCallSums: number[]
  yearSums?: number[]
  subFunds?: Layout[]
}

const make: Record<Kind, (b: ArrayBuffer) => Typed> = { f64: (b) => new Float64Array(b), u16: (b) => new Uint16Array(b), u32: (b) => new Uint32Array(b) }

/** Collects the arrays of a chunk in one canonical order (the decoder walks the same order). */
function layout(c: ChunkResult, out: Typed[]): Layout {
  const values = Object.keys(c.values) as Array<keyof ChunkResult['values']>
  const counts = Object.keys(c.counts) as Array<keyof ChunkResult['counts']>
  for (const k of values) out.push(c.values[k])
  for (const k of counts) out.push(c.counts[k])
  out.push(c.fan)
  for (const metrics of c.classes) out.push(...metrics)
  out.push(...c.reinvestment)
  for (const list of [...c.cellInvested, ...c.cellProceeds, ...c.governmentCallSums, ...(c.yearSums ?? [])]) out.push(Float64Array.from(list))
  return {
    start: c.start,
    end: c.end,
    years: c.years,
    cellCompanies: c.cellCompanies,
    values,
    counts,
    fan: c.fan.length,
    classes: c.classes.map((m) => m.length),
    reinvestment: c.reinvestment.length,
    cellInvested: c.cellInvested.map((p) => p.length),
    cellProceeds: c.cellProceeds.map((p) => p.length),
    governmentCallSums: c.governmentCallSums.map((p) => p.length),
    ...(c.yearSums ? { yearSums: c.yearSums.map((p) => p.length) } : {}),
    ...(c.subFunds ? { subFunds: c.subFunds.map((s) => layout(s, out)) } : {}),
  }
}

function pack(c: ChunkResult): Buffer {
  const arrays: Typed[] = []
  const header = Buffer.from(JSON.stringify(layout(c, arrays)))
  const size = Buffer.alloc(4)
  size.writeUInt32LE(header.length)
  return Buffer.concat([size, header, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))])
}

function unpack(frame: Buffer): ChunkResult {
  const headerLength = frame.readUInt32LE(0)
  const top = JSON.parse(frame.subarray(4, 4 + headerLength).toString('utf8')) as Layout
  let at = 4 + headerLength
  const n = (l: Layout) => l.end - l.start
  /** The next array; copied into its own buffer, so it is aligned and owns its memory. */
  const next = (kind: Kind, length: number): Typed => {
    const bytes = length * (kind === 'f64' ? 8 : kind === 'u16' ? 2 : 4)
    if (at + bytes > frame.length) throw new RangeError('a chunk from Redis is truncated')
    const copy = new ArrayBuffer(bytes)
    new Uint8Array(copy).set(frame.subarray(at, at + bytes))
    at += bytes
    return make[kind](copy)
  }
  const build = (l: Layout): ChunkResult => {
    const values = Object.fromEntries(l.values.map((k) => [k, next('f64', n(l))])) as ChunkResult['values']
    const counts = Object.fromEntries(l.counts.map((k) => [k, next('u16', n(l))])) as ChunkResult['counts']
    const fan = next('u32', l.fan) as Uint32Array
    const classes = l.classes.map((m) => Array.from({ length: m }, () => next('f64', n(l)) as Float64Array))
    const reinvestment = Array.from({ length: l.reinvestment }, () => next('f64', n(l)) as Float64Array)
    const partials = (lengths: number[]) => lengths.map((k) => Array.from(next('f64', k)))
    const cellInvested = partials(l.cellInvested)
    const cellProceeds = partials(l.cellProceeds)
    const governmentCallSums = partials(l.governmentCallSums)
    const yearSums = l.yearSums ? partials(l.yearSums) : undefined
    const subFunds = l.subFunds?.map(build)
    return {
      start: l.start,
      end: l.end,
      years: l.years,
      values,
      counts,
      fan,
      cellInvested,
      cellProceeds,
      classes,
      reinvestment,
      cellCompanies: l.cellCompanies,
      governmentCallSums,
      ...(subFunds ? { subFunds } : {}),
      ...(yearSums ? { yearSums } : {}),
    }
  }
  const chunk = build(top)
  if (at !== frame.length) throw new RangeError('a chunk from Redis has trailing bytes')
  return chunk
}

const deflate = promisify(deflateRaw)
const inflate = promisify(inflateRaw)

/** Encodes off the main thread (zlib runs on libuv's pool). */
export async function encodeChunk(c: ChunkResult): Promise<Buffer> {
  return Buffer.concat([Buffer.of(VERSION), await deflate(pack(c), { level: LEVEL })])
}

export async function decodeChunk(bytes: Buffer): Promise<ChunkResult> {
  if (bytes[0] !== VERSION) throw new RangeError(`a chunk from Redis has format ${bytes[0]}, this coordinator reads format ${VERSION} (run the same pcsim version everywhere)`)
  return unpack(await inflate(bytes.subarray(1)))
}

export function encodeChunkSync(c: ChunkResult): Buffer {
  return Buffer.concat([Buffer.of(VERSION), deflateRawSync(pack(c), { level: LEVEL })])
}

export function decodeChunkSync(bytes: Buffer): ChunkResult {
  if (bytes[0] !== VERSION) throw new RangeError(`a chunk from Redis has format ${bytes[0]}, this coordinator reads format ${VERSION}`)
  return unpack(inflateRawSync(bytes.subarray(1)))
}
