import { makeIssue, parseHoldingsCsv, parseHoldingsJson, type HoldingsIssue, type HoldingsParseResult, type SimulationConfig } from '@pcsim/engine'

export interface HoldingsFile {
  /** What the server is sent at /holdings: the JSON object, or the CSV text. */
  body: unknown
  format: 'json' | 'csv'
  result: HoldingsParseResult
}

/** A JSON file starts with "{" (after any byte-order mark and blanks); anything else is read as CSV. */
const looksLikeJson = (text: string) => /^\uFEFF?\s*[{[]/.test(text)

/** Reads a holdings file's text with the engine's parsers (the fund's config cross-checks it, as on the server). */
export function readHoldingsFile(text: string, config: SimulationConfig | undefined): HoldingsFile {
  if (!looksLikeJson(text)) return { body: text, format: 'csv', result: parseHoldingsCsv(text, config) }
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    const issue: HoldingsIssue = makeIssue('', 'invalid_json', { value: e instanceof Error ? e.message : 'syntax error' })
    return { body: null, format: 'json', result: { ok: false, issues: [issue] } }
  }
  return { body: value, format: 'json', result: parseHoldingsJson(value, config) }
}

/** The field an issue names: the last segment of its JSON Pointer (`/holdings/companies/2/ownership` → ownership). */
export function issueField(issue: HoldingsIssue): string {
  const last = issue.path.split('/').pop() ?? ''
  return /^\d+$/.test(last) || last === '' ? '' : last.replaceAll('~1', '/').replaceAll('~0', '~')
}

/** The engine's sentence without the "Row r, column c (field): " lead the web shows in its own words. */
export function issueDetail(message: string): string {
  return message.replace(/^Row \d+(, column \d+)?( \([^)]*\))?: /, '').replace(/^第 \d+ 行(第 \d+ 列)?(（[^）]*）)?：/, '')
}
