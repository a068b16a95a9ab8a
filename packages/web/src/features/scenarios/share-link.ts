import { ENGINE_VERSION, type SimulationConfig } from '@pcsim/engine'
import type { FundDraft } from '../fund-builder/draft.ts'

/** The run a link's sender was looking at: its trials and seed, and the server's id for it. */
export interface SharedRun {
  trials: number
  seed: string | number
  /** Id of the stored run on the sender's server (GET /api/runs/:id), when the server ran it. */
  id?: string
}

/** What a share link carries: the whole config (with its seed) and the stacked scenarios. */
interface SharedV1 {
  v: 1
  config: SimulationConfig
  picks: string[]
  /** Engine that made the link: another version may give other numbers for the same seed. */
  engine?: string
  /** Set when the sender was looking at a full run rather than the live preview. */
  run?: SharedRun
}

const PREFIX = '#s='

const toBase64Url = (bytes: Uint8Array) => {
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}
const fromBase64Url = (text: string) => {
  const bin = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
  return Uint8Array.from(bin, (c) => c.charCodeAt(0))
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream)
  return new Uint8Array(await new Response(out).arrayBuffer())
}

/** `#s=` + base64url(deflate-raw(JSON)); `run` when the sender sees a full run. */
export async function encodeShare(draft: FundDraft, run?: SharedRun): Promise<string> {
  const json = JSON.stringify({ v: 1, config: draft.config, picks: draft.picks, engine: ENGINE_VERSION, ...(run ? { run } : {}) } satisfies SharedV1)
  return PREFIX + toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw')))
}

/** The draft a share hash carries; null when the hash is not a share link; throws when it is broken. */
export async function decodeShare(hash: string): Promise<FundDraft | null> {
  return (await decodeShareLink(hash))?.draft ?? null
}

const asRun = (x: unknown): SharedRun | null => {
  if (typeof x !== 'object' || x === null) return null
  const r = x as Partial<SharedRun>
  if (typeof r.trials !== 'number' || !Number.isInteger(r.trials) || r.trials < 1) return null
  if (typeof r.seed !== 'string' && typeof r.seed !== 'number') return null
  return { trials: r.trials, seed: r.seed, ...(typeof r.id === 'string' ? { id: r.id } : {}) }
}

/** The draft, the engine version and the full run (if any) a share hash carries. */
export async function decodeShareLink(hash: string): Promise<{ draft: FundDraft; engine: string | null; run: SharedRun | null } | null> {
  if (!hash.startsWith(PREFIX)) return null
  const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'))
  const data = JSON.parse(new TextDecoder().decode(bytes)) as Partial<SharedV1>
  if (data.v !== 1 || typeof data.config !== 'object' || data.config === null) throw new Error('not a pcsim share link')
  const picks = Array.isArray(data.picks) ? data.picks.filter((p): p is string => typeof p === 'string') : []
  return { draft: { config: data.config, picks }, engine: typeof data.engine === 'string' ? data.engine : null, run: asRun(data.run) }
}

export function shareUrl(hash: string): string {
  return `${location.origin}${location.pathname}${hash}`
}
