import { isIP } from 'node:net'
import { hostname as machineName, networkInterfaces } from 'node:os'

/** Hosts a request may name; `any` turns the check off (a proxy in front checks instead). */
export type AllowedHosts = { any: true } | { any: false; names: ReadonlySet<string> }

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]'])
export const LOCAL_NAMES = ['localhost', '127.0.0.1', '::1']

const normalise = (name: string) => name.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '')

/** True for a DNS name (RFC 1123 labels) or an IPv4/IPv6 address. */
export function isHostName(name: string): boolean {
  const n = normalise(name)
  if (isIP(n)) return true
  return n.length > 0 && n.length <= 253 && n.split('.').every((label) => LABEL.test(label))
}

/**
 * The default list: the localhost names, and the address the server binds to; when it binds to
 * every interface, each interface's address and the machine's name as well.
 */
export function defaultAllowedHosts(bind: string): AllowedHosts {
  const names = new Set(LOCAL_NAMES)
  const host = normalise(bind)
  if (WILDCARD_BINDS.has(bind.trim()) || host === '::' || host === '0.0.0.0') {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(normalise(a.address.split('%')[0]!))
    names.add(normalise(machineName()))
  } else names.add(host)
  return { any: false, names }
}

/** "*", or comma-separated host names / addresses added to the default list; throws a message naming a bad entry. */
export function parseAllowedHosts(raw: string, bind: string): AllowedHosts {
  if (raw.trim() === '*') return { any: true }
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean)
  const bad = entries.find((e) => !isHostName(e))
  if (bad !== undefined || entries.length === 0) throw new Error(`must be "*" or comma-separated host names or IP addresses (no ports), got "${bad ?? raw}"`)
  const base = defaultAllowedHosts(bind)
  return { any: false, names: new Set([...(base.any ? [] : base.names), ...entries.map(normalise)]) }
}

/** The host name of a Host header without its port ("[::1]:3000" → "::1"); undefined if it is malformed. */
export function hostOfHeader(header: string | undefined): string | undefined {
  if (!header) return undefined
  const h = header.trim()
  const name = h.startsWith('[') ? h.slice(1, h.indexOf(']')) : h.split(':')[0]!
  if (!h.startsWith('[') && h.split(':').length > 2) return undefined
  return isHostName(name) ? normalise(name) : undefined
}

/** Whether a request naming `header` as its Host is for this server (names under .localhost always are). */
export function hostAllowed(allowed: AllowedHosts, header: string | undefined): boolean {
  if (allowed.any) return true
  const name = hostOfHeader(header)
  return name !== undefined && (allowed.names.has(name) || name.endsWith('.localhost'))
}
