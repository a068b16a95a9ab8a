import { ENGINE_VERSION, type SimulationConfig } from '@pcsim/engine'
import type { FundDraft } from '../fund-builder/draft.ts'

/** What a share link carries: the whole config (with its seed) and the stacked scenarios. */
interface SharedV1 {
  v: 1
  config: SimulationConfig
  picks: string[]
  /** Engine that made the link: another version may give other numbers for the same seed. */
  engine?: string
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

/** `#s=` + base64url(deflate-raw(JSON)). */
export async function encodeShare(draft: FundDraft): Promise<string> {
  const json = JSON.stringify({ v: 1, config: draft.config, picks: draft.picks, engine: ENGINE_VERSION } satisfies SharedV1)
  return PREFIX + toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw')))
}

/** The draft a share hash carries; null when the hash is not a share link; throws when it is broken. */
export async function decodeShare(hash: string): Promise<FundDraft | null> {
  return (await decodeShareLink(hash))?.draft ?? null
}

/** The draft and the engine version a share hash carries. */
export async function decodeShareLink(hash: string): Promise<{ draft: FundDraft; engine: string | null } | null> {
  if (!hash.startsWith(PREFIX)) return null
  const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'))
  const data = JSON.parse(new TextDecoder().decode(bytes)) as Partial<SharedV1>
  if (data.v !== 1 || typeof data.config !== 'object' || data.config === null) throw new Error('not a pcsim share link')
  const picks = Array.isArray(data.picks) ? data.picks.filter((p): p is string => typeof p === 'string') : []
  return { draft: { config: data.config, picks }, engine: typeof data.engine === 'string' ? data.engine : null }
}

export function shareUrl(hash: string): string {
  return `${location.origin}${location.pathname}${hash}`
}
