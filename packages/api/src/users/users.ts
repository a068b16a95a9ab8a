import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { hashProblem, tokenMatches } from './token-hash.ts'

export type Role = 'admin' | 'user'

/** Who a request is from (only when users are configured). */
export interface User {
  name: string
  role: Role
}

interface Entry extends User {
  tokenHash: string
}

export const USER_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/

/** A token is "<user>.<secret>": the name says which stored hash to check, so one scrypt per check. */
export function newToken(name: string): string {
  return `${name}.${randomBytes(32).toString('base64url')}`
}

const CACHE_LIMIT = 1_000

/**
 * The users the server knows, from PCSIM_USERS_FILE: JSON `{"users":[{"name","role","tokenHash"}]}`.
 * Tokens are stored only as scrypt hashes. A token that checked out once is remembered (by its
 * SHA-256, in memory) so later requests skip scrypt.
 */
export class UserDirectory {
  private readonly byName: Map<string, Entry>
  private readonly verified = new Map<string, User>()

  constructor(entries: Entry[]) {
    this.byName = new Map(entries.map((e) => [e.name, e]))
  }

  get size(): number {
    return this.byName.size
  }

  /** Reads and checks a users file; throws an Error naming the problem (the caller names the variable). */
  static fromFile(path: string): UserDirectory {
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'))
    } catch (error) {
      throw new Error(`cannot read "${path}" as JSON: ${(error as Error).message}`)
    }
    const list = (raw as { users?: unknown })?.users
    if (!Array.isArray(list) || list.length === 0) throw new Error(`"${path}" must hold {"users": [...]} with at least one user`)
    const entries = list.map((u: unknown, i): Entry => {
      const { name, role, tokenHash, ...rest } = (u ?? {}) as Record<string, unknown>
      const at = `users[${i}]`
      if (Object.keys(rest).length) throw new Error(`${at}: unknown field "${Object.keys(rest)[0]}"`)
      if (typeof name !== 'string' || !USER_NAME.test(name)) throw new Error(`${at}.name must be 1-32 of a-z, 0-9, "_" and "-", starting with a letter or digit`)
      if (role !== 'admin' && role !== 'user') throw new Error(`${at}.role must be "admin" or "user"`)
      if (typeof tokenHash !== 'string') throw new Error(`${at}.tokenHash is missing (tokens are never stored in plain text)`)
      const problem = hashProblem(tokenHash)
      if (problem) throw new Error(`${at}.tokenHash ${problem}`)
      return { name, role, tokenHash }
    })
    const names = entries.map((e) => e.name)
    const twice = names.find((n, i) => names.indexOf(n) !== i)
    if (twice) throw new Error(`user "${twice}" is listed twice`)
    return new UserDirectory(entries)
  }

  /** The user a bearer token belongs to, or undefined. */
  async verify(token: string): Promise<User | undefined> {
    const digest = createHash('sha256').update(token).digest('base64url')
    const known = this.verified.get(digest)
    if (known) return known
    const dot = token.indexOf('.')
    const entry = dot > 0 ? this.byName.get(token.slice(0, dot)) : undefined
    if (!entry || !(await tokenMatches(token, entry.tokenHash))) return undefined
    const user = { name: entry.name, role: entry.role }
    if (this.verified.size >= CACHE_LIMIT) this.verified.delete(this.verified.keys().next().value!)
    this.verified.set(digest, user)
    return user
  }
}
