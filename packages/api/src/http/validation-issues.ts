import { issuesFromSchemaErrors, type ConfigIssue, type SchemaError } from '@pcsim/engine'

/**
 * Turns envelope schema errors (TypeBox or Ajv shape) into engine-style issues, so envelope and
 * config problems reach the caller in one format with both languages. `part` is "querystring",
 * "params" or "" for the body (body paths are JSON Pointers into the body itself).
 */
export function validationIssues(errors: SchemaError[], part = ''): ConfigIssue[] {
  return issuesFromSchemaErrors(errors, part ? `/${part}` : '')
}
