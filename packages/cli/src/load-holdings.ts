import { readFileSync } from 'node:fs'
import { parseHoldingsCsv, parseHoldingsJson, type Reforecast, type SimulationConfig } from '@pcsim/engine'
import { fileIssue, UserInputError } from './issues.ts'
import { jsonIssue } from './load-config.ts'

/** A file is CSV when it says so by its extension, or, without a .json one, does not open as JSON. */
const isCsv = (file: string, text: string): boolean => /\.csv$/i.test(file) || (!/\.json$/i.test(file) && !/^\s*[{[]/.test(text))

/**
 * Reads a holdings file (JSON or CSV, docs/reforecast.md) and checks it against the fund's config;
 * `asOf` replaces the file's reforecast date. Throws UserInputError with every issue (CSV issues
 * name their row and column).
 */
export function loadHoldings(file: string, plan: SimulationConfig, asOf?: string): Reforecast {
  let text: string
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    throw new UserInputError(file, [fileIssue('unreadable_file', error)])
  }
  if (isCsv(file, text)) {
    const parsed = parseHoldingsCsv(text, plan, asOf === undefined ? {} : { asOf })
    if (!parsed.ok) throw new UserInputError(file, parsed.issues)
    return parsed.reforecast
  }
  let raw: unknown
  try {
    raw = JSON.parse(text) as unknown
  } catch (error) {
    throw new UserInputError(file, [jsonIssue(text, error)])
  }
  if (asOf !== undefined && typeof raw === 'object' && raw !== null && !Array.isArray(raw)) raw = { ...raw, asOf }
  const parsed = parseHoldingsJson(raw, plan)
  if (!parsed.ok) throw new UserInputError(file, parsed.issues)
  return parsed.reforecast
}
