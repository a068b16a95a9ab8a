import type { TSchema } from './typebox.ts'
import { Value } from './typebox.ts'
import { makeIssue, type ConfigIssue } from '../issues.ts'
import { SimulationConfigSchema } from './config.ts'

/** A JSON Schema validation error as TypeBox and Ajv both report it. */
export interface SchemaError {
  keyword: string
  instancePath: string
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

/** A key as one JSON Pointer reference token (RFC 6901 §3: "~" → "~0", "/" → "~1"). */
const token = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1')

/** Catalogue key for "one of these JSON types" (the catalogues say it in each language). */
function typeCode(types: string[]): string {
  const set = new Set(types)
  if (set.size === 2 && set.has('string') && set.has('integer')) return 'string_or_integer'
  return types[0] ?? 'other'
}

/**
 * Schema errors as issues, one per field and problem: JSON Pointer path (after `prefix`), code and
 * the two sentences. anyOf/oneOf branches collapse into one issue. `root`, when given, lets a
 * non-integer number be told apart from a value of the wrong type.
 */
export function issuesFromSchemaErrors(errors: readonly SchemaError[], prefix = '', root?: unknown): ConfigIssue[] {
  const branchPaths = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath))
  const out: ConfigIssue[] = []
  const seen = new Set<string>()
  const push = (issue: ConfigIssue) => {
    const key = `${issue.path}|${issue.code}`
    if (seen.has(key)) return
    seen.add(key)
    out.push(issue)
  }
  for (const e of errors) {
    const path = prefix + e.instancePath
    if (branchPaths.has(e.instancePath) && e.keyword !== 'anyOf' && e.keyword !== 'oneOf') continue
    switch (e.keyword) {
      case 'required': {
        const fields = (e.params.requiredProperties as string[] | undefined) ?? [String(e.params.missingProperty)]
        for (const field of fields) push(makeIssue(`${path}/${token(field)}`, 'required', { field }))
        break
      }
      case 'additionalProperties': {
        const fields = (e.params.additionalProperties as string[] | string | undefined) ?? []
        for (const field of Array.isArray(fields) ? fields : [fields]) push(makeIssue(`${path}/${token(field)}`, 'unknown_field', { field }))
        break
      }
      case 'boolean':
        break
      case 'type': {
        const expected = String(e.params.type)
        const actual = root === undefined ? undefined : valueAt(root, e.instancePath)
        if (expected === 'integer' && typeof actual === 'number' && Number.isFinite(actual)) push(makeIssue(path, 'not_integer'))
        else push(makeIssue(path, 'invalid_type', { expected }))
        break
      }
      case 'anyOf':
      case 'oneOf': {
        const branches = errors.filter((b) => b.instancePath === e.instancePath && b !== e)
        const consts = branches.filter((b) => b.keyword === 'const').map((b) => String(b.params.allowedValue))
        if (consts.length > 0 && consts.length === branches.length) push(makeIssue(path, 'invalid_value', { allowed: consts.join(', ') }))
        else push(makeIssue(path, 'invalid_type', { expected: typeCode(branches.filter((b) => b.keyword === 'type').map((b) => String(b.params.type))) }))
        break
      }
      case 'enum':
        push(makeIssue(path, 'invalid_value', { allowed: ((e.params.allowedValues as unknown[]) ?? []).join(', ') }))
        break
      case 'const':
        push(makeIssue(path, 'invalid_value', { allowed: String(e.params.allowedValue) }))
        break
      case 'pattern':
      case 'format':
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

/** Issues of a value against any TypeBox schema. */
export function schemaIssuesFor(schema: TSchema, value: unknown, prefix = ''): ConfigIssue[] {
  return issuesFromSchemaErrors([...Value.Errors(schema, value)] as unknown as SchemaError[], prefix, value)
}

/** Issues of a value against the config schema. */
export const schemaIssues = (value: unknown): ConfigIssue[] => schemaIssuesFor(SimulationConfigSchema, value)

/** Value at a JSON Pointer, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  let cur: unknown = root
  for (const part of pointer.split('/').slice(1)) {
    if (typeof cur !== 'object' || cur === null) return undefined
    cur = (cur as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')]
  }
  return cur
}
