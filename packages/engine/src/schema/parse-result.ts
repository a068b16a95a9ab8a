import type { ConfigIssue } from '../issues.ts'
import type { SimulationConfig } from './config.ts'

export type ParseResult = { ok: true; config: SimulationConfig } | { ok: false; issues: ConfigIssue[] }

/** How a rule that must read another config (a sub-fund's) parses it. */
export type ParseFn = (input: unknown) => ParseResult
