import { makeIssue, type ConfigIssue } from '@pcsim/engine'

interface ValidationError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a finite number',
  integer: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
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

const prefixed = (part: string, path: string) => (part ? `/${part}${path}` : path)

/**
 * Turns envelope schema errors (TypeBox or Ajv shape) into engine-style issues, so envelope and
 * config problems reach the caller in one format with both languages. `part` is "querystring",
 * "params" or "" for the body (body paths are JSON Pointers into the body itself).
 */
export function validationIssues(errors: ValidationError[], part = ''): ConfigIssue[] {
  const branchPaths = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath))
  const out: ConfigIssue[] = []
  const seen = new Set<string>()
  const push = (issue: ConfigIssue) => {
    const key = `${issue.path}|${issue.code}`
    if (!seen.has(key)) {
      seen.add(key)
      out.push(issue)
    }
  }
  for (const e of errors) {
    const path = prefixed(part, e.instancePath)
    if (branchPaths.has(e.instancePath) && e.keyword !== 'anyOf' && e.keyword !== 'oneOf') continue
    switch (e.keyword) {
      case 'required': {
        const fields = (e.params.requiredProperties as string[] | undefined) ?? [String(e.params.missingProperty)]
        for (const field of fields) push(makeIssue(`${path}/${field}`, 'required', { field }))
        break
      }
      case 'additionalProperties': {
        const fields = (e.params.additionalProperties as string[] | string | undefined) ?? []
        for (const field of Array.isArray(fields) ? fields : [fields]) push(makeIssue(`${path}/${field}`, 'unknown_field', { field }))
        break
      }
      case 'boolean':
        break
      case 'type': {
        const expected = String(e.params.type)
        push(makeIssue(path, 'invalid_type', { expected: TYPE_NAMES[expected] ?? expected }))
        break
      }
      case 'anyOf':
      case 'oneOf': {
        const branches = errors.filter((b) => b.instancePath === e.instancePath && b !== e)
        const consts = branches.filter((b) => b.keyword === 'const').map((b) => String(b.params.allowedValue))
        if (consts.length && consts.length === branches.length) push(makeIssue(path, 'invalid_value', { allowed: consts.join(', ') }))
        else {
          const types = [...new Set(branches.filter((b) => b.keyword === 'type').map((b) => TYPE_NAMES[String(b.params.type)] ?? String(b.params.type)))]
          push(makeIssue(path, 'invalid_type', { expected: types.length ? types.join(' or ') : 'another value' }))
        }
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
