import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/** scrypt cost (RFC 7914): N = 2^14, r = 8, p = 1 → 16 MiB and tens of milliseconds per check. */
const PARAMS = { N: 16_384, r: 8, p: 1 } as const
const KEY_LENGTH = 32
const MAX_MEMORY = 64 * 1024 * 1024

const derive = (secret: string, salt: Buffer, options: ScryptOptions, length: number) =>
  new Promise<Buffer>((resolve, reject) => scrypt(secret, salt, length, { ...options, maxmem: MAX_MEMORY }, (error, key) => (error ? reject(error) : resolve(key))))

/** "scrypt$N$r$p$<salt, base64url>$<key, base64url>": what the users file stores instead of a token. */
export async function hashToken(token: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(token, salt, PARAMS, KEY_LENGTH)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/

/** Why a stored hash is unusable, or undefined when it is well formed. */
export function hashProblem(stored: string): string | undefined {
  const m = FORMAT.exec(stored)
  if (!m) return 'is not "scrypt$N$r$p$salt$key" (make one with packages/api/src/users/hash-token.ts)'
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (N < 16_384 || (N & (N - 1)) !== 0 || r < 8 || p < 1 || 128 * N * r * p > MAX_MEMORY) return `has scrypt parameters below N=16384, r=8, p=1 or above ${MAX_MEMORY / 2 ** 20} MiB`
  return undefined
}

/** Whether `token` is the one `stored` was made from (constant-time comparison of the keys). */
export async function tokenMatches(token: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored)
  if (!m) return false
  const expected = Buffer.from(m[5]!, 'base64url')
  const key = await derive(token, Buffer.from(m[4]!, 'base64url'), { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) }, expected.length)
  return timingSafeEqual(key, expected)
}
