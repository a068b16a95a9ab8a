import { Value } from 'typebox/value'
import { makeIssue, type ConfigIssue } from '../issues.ts'
import { SimulationConfigSchema } from './config.ts'

interface RawError {
  keyword: string
  instancePath: string
  schemaPath: string
  params: Record<string, unknown>
}

const LIMIT_CODES: Record<string, ConfigIssue['code']> = {
  minimum: 'too_small',
  exclusiveMinimum: 'too_small',
  maximum: 'too_big',
  exclusiveMaximum: 'too_big',
  minLength: 'too_short',
  maxLength: 'too_long',
  minItems: 'too_short',
  maxItems: 'too_many',
}


/** Schema errors as issues, one per field and problem; anyOf branches collapse into one issue. */
export function schemaIssues(value: unknown): ConfigIssue[] {
  const raw = [...Value.Errors(SimulationConfigSchema, value)] as unknown as RawError[]
  const anyOfPaths = new Set(raw.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath))
  const out: ConfigIssue[] = []
  const seen = new Set<string>()
  const push = (issue: ConfigIssue) => {
    const key = `${issue.path}|${issue.code}`
    if (seen.has(key)) return
    seen.add(key)
    out.push(issue)
  }
  for (const e of raw) {
    const path = e.instancePath
    if (anyOfPaths.has(path) && e.keyword !== 'anyOf') continue
    switch (e.keyword) {
      case 'required':
        for (const field of e.params.requiredProperties as string[]) push(makeIssue(`${path}/${field}`, 'required', { field }))
        break
      case 'additionalProperties':
        for (const field of e.params.additionalProperties as string[]) push(makeIssue(`${path}/${field}`, 'unknown_field', { field }))
        break
      case 'boolean':
        break
      case 'type': {
        const expected = String(e.params.type)
        const actual = valueAt(value, path)
        if (expected === 'integer' && typeof actual === 'number' && Number.isFinite(actual)) push(makeIssue(path, 'not_integer'))
        else push(makeIssue(path, 'invalid_type', { expected }))
        break
      }
      case 'enum':
        push(makeIssue(path, 'invalid_value', { allowed: (e.params.allowedValues as unknown[]).join(', ') }))
        break
      case 'const':
        push(makeIssue(path, 'invalid_value', { allowed: String(e.params.allowedValue) }))
        break
      case 'anyOf':
        push(makeIssue(path, 'invalid_type', { expected: 'string_or_integer' }))
        break
      case 'pattern':
        push(makeIssue(path, 'invalid_format'))
        break
      default: {
        const code = LIMIT_CODES[e.keyword]
        if (code) push(makeIssue(path, code, { limit: e.params.limit as number }))
        else push(makeIssue(path, 'invalid_value', { allowed: e.keyword }))
      }
    }
  }
  return out
}

/** Value at a JSON Pointer, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  let cur: unknown = root
  for (const part of pointer.split('/').slice(1)) {
    if (typeof cur !== 'object' || cur === null) return undefined
    cur = (cur as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')]
  }
  return cur
}
