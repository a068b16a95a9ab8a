import { makeIssue } from '@pcsim/engine'
import { ApiError } from '../errors.ts'

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype'])
export const MAX_BODY_DEPTH = 64

const escape = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1')

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes a body as UTF-8, refusing invalid bytes rather than replacing them with U+FFFD. */
export function decodeUtf8Body(body: Buffer): string {
  try {
    return utf8.decode(body)
  } catch {
    throw new ApiError('PCSIM_ERR_BAD_ENCODING', 'The body is not valid UTF-8; JSON must be sent as UTF-8 (RFC 8259 §8.1).')
  }
}

/**
 * Parses a JSON body and refuses prototype-pollution keys anywhere in it, naming the path.
 * JSON.parse keeps "__proto__" as an own property, so nothing is polluted before the check.
 * An empty body counts as no body.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'syntax error'
    throw new ApiError('PCSIM_ERR_BAD_JSON', `The body is not valid JSON: ${detail}`, [makeIssue('', 'invalid_json', { value: detail })])
  }
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }]
  while (stack.length) {
    const item = stack.pop()!
    if (typeof item.value !== 'object' || item.value === null) continue
    if (item.depth >= MAX_BODY_DEPTH)
      throw new ApiError('PCSIM_ERR_TOO_DEEP', `The body is nested deeper than ${MAX_BODY_DEPTH} levels at ${item.path}.`, [
        makeIssue(item.path, 'too_many', { limit: MAX_BODY_DEPTH }),
      ])
    for (const key of Object.keys(item.value)) {
      const path = `${item.path}/${escape(key)}`
      if (FORBIDDEN.has(key))
        throw new ApiError('PCSIM_ERR_FORBIDDEN_KEY', `The key "${key}" is not allowed (at ${path}).`, [makeIssue(path, 'prototype_key', { field: key })])
      stack.push({ value: (item.value as Record<string, unknown>)[key], path, depth: item.depth + 1 })
    }
  }
  return value
}
