import { makeIssue, type ConfigIssue } from '../issues.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { ReforecastSchema, type Reforecast } from '../schema/reforecast.ts'
import { schemaIssuesFor } from '../schema/schema-issues.ts'
import { reforecastIssues } from './holdings-rules.ts'

/** A problem with a holdings file: its JSON Pointer path into the file and, for CSV, where the cell is. */
export interface HoldingsIssue extends ConfigIssue {
  row?: number
  column?: number
}

export type HoldingsParseResult = { ok: true; reforecast: Reforecast } | { ok: false; issues: HoldingsIssue[] }

/**
 * Reads a holdings file's JSON value (the `reforecast` field of a config: fundStart, asOf, regime?,
 * holdings { companies, cashFlows }): schema, then the cross-field rules, and with `config` the
 * rules that need the fund (commitments, life, company model). Never throws.
 */
export function parseHoldingsJson(value: unknown, config?: SimulationConfig): HoldingsParseResult {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, issues: [makeIssue('', 'holdings_not_an_object')] }
    const schema = schemaIssuesFor(ReforecastSchema, value)
    if (schema.length) return { ok: false, issues: schema }
    const reforecast = value as Reforecast
    const rules = reforecastIssues(reforecast, config)
    return rules.length ? { ok: false, issues: rules } : { ok: true, reforecast }
  } catch (error) {
    return { ok: false, issues: [makeIssue('', 'invalid_value', { allowed: `holdings the engine can read (${error instanceof Error ? error.message : 'internal error'})` })] }
  }
}

/** The config with a reforecast attached (the field every executor carries). */
export const withReforecast = (config: SimulationConfig, reforecast: Reforecast): SimulationConfig => ({ ...config, reforecast })
