import { makeIssue, type ConfigIssue } from '../issues.ts'
import { FUND_TEMPLATES, findTemplate, REFERENCE_FUND } from '../presets/funds.ts'
import { PROFILE_EXITS } from '../presets/market-profiles.ts'
import { SCHEMA_VERSION, type SimulationConfig } from './config.ts'
import { fillFrom } from './fill.ts'
import { migrateConfig } from './migrations.ts'
import { ruleIssues } from './rules.ts'
import type { ParseResult } from './parse-result.ts'
import { schemaIssues } from './schema-issues.ts'

export type { ParseResult } from './parse-result.ts'

export const DEFAULT_TEMPLATE = 'us-vc-10y'

/** A config that names another market profile than its template's gets that profile's exit routes
 * (its own `market.exits` fields still win, as they are filled on top). */
function withMarketProfile(base: unknown, market: unknown): unknown {
  const profile = typeof market === 'object' && market !== null ? (market as { profile?: unknown }).profile : undefined
  const exits = typeof profile === 'string' && Object.hasOwn(PROFILE_EXITS, profile) ? PROFILE_EXITS[profile] : undefined
  return exits ? fillFrom(base, { market: { exits } }) : base
}
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
const MAX_DEPTH = 32

function guardIssues(value: unknown, path: string, depth: number, out: ConfigIssue[]): void {
  if (out.length > 20 || typeof value !== 'object' || value === null) return
  if (depth > MAX_DEPTH) {
    out.push(makeIssue(path, 'too_many', { limit: MAX_DEPTH }))
    return
  }
  for (const key of Object.keys(value)) {
    const p = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`
    if (FORBIDDEN_KEYS.has(key)) out.push(makeIssue(p, 'prototype_key', { field: key }))
    else guardIssues((value as Record<string, unknown>)[key], p, depth + 1, out)
  }
}

/**
 * The one way in for a config: migrates old versions, fills omitted fields from the named fund
 * template (`template`, default "us-vc-10y"), checks the schema and the cross-field rules. Never
 * throws; any problem comes back as issues with a JSON Pointer path, a code and two sentences.
 * @example parseConfig({ template: 'gov-angel-fund', run: { trials: 2000 } })
 */
export function parseConfig(input: unknown): ParseResult {
  try {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, issues: [makeIssue('', 'not_an_object')] }
    const guard: ConfigIssue[] = []
    guardIssues(input, '', 0, guard)
    if (guard.length) return { ok: false, issues: guard }
    const migrated = migrateConfig(input as Record<string, unknown>)
    if (!migrated.ok) return { ok: false, issues: [makeIssue('/schemaVersion', 'unsupported_version', { value: String(migrated.version), limit: SCHEMA_VERSION })] }
    const templateId = migrated.config.template ?? DEFAULT_TEMPLATE
    const template = typeof templateId === 'string' ? findTemplate(templateId) : undefined
    if (!template)
      return { ok: false, issues: [makeIssue('/template', 'unknown_template', { value: String(templateId), allowed: FUND_TEMPLATES.map((t) => t.id).join(', ') })] }
    const base = withMarketProfile(fillFrom(REFERENCE_FUND, template.patch), migrated.config.market)
    const filled = fillFrom(base, { ...migrated.config, template: template.id })
    const issues = schemaIssues(filled)
    if (issues.length) return { ok: false, issues }
    const config = filled as SimulationConfig
    const rules = ruleIssues(config, parseConfig)
    return rules.length ? { ok: false, issues: rules } : { ok: true, config }
  } catch (error) {
    return { ok: false, issues: [makeIssue('', 'invalid_value', { allowed: `a config the engine can read (${error instanceof Error ? error.message : 'internal error'})` })] }
  }
}
