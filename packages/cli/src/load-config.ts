import { existsSync, readFileSync } from 'node:fs'
import { findScenario, findTemplate, FUND_TEMPLATES, makeIssue, parseConfig, SCENARIOS, type SimulationConfig } from '@pcsim/engine'
import { fileIssue, UserInputError, type CliIssue } from './issues.ts'
import { en } from './messages/en.ts'
import { zhCN } from './messages/zh-CN.ts'

/** Command-line values that replace fields of the config before it is parsed. */
export interface Overrides {
  trials?: number
  seed?: number | string
  /** Preset scenario ids whose shocks are appended to `market.shocks`. */
  scenarios?: readonly string[]
}

export interface LoadedConfig {
  /** How the input was named on the command line (file path or template id). */
  label: string
  config: SimulationConfig
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const looksLikePath = (arg: string): boolean => arg.endsWith('.json') || arg.includes('/') || arg.includes('\\')

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset).split('\n')
  return [before.length, before[before.length - 1]!.length + 1]
}

export function jsonIssue(text: string, error: unknown): CliIssue {
  const message = error instanceof Error ? error.message : String(error)
  const at = /at position (\d+)/.exec(message)
  if (!at) return makeIssue('', 'invalid_json', { value: message })
  const [line, column] = lineColumn(text, Number(at[1]))
  const issue = makeIssue('', 'invalid_json', { value: en.errors.jsonAt(message, line, column) })
  const zh = makeIssue('', 'invalid_json', { value: zhCN.errors.jsonAt(message, line, column) })
  return { ...issue, message: { en: issue.message.en, zh: zh.message.zh } }
}

/** Reads a config file, or turns a template id into `{ template: id }`. Throws UserInputError. */
export function readInput(arg: string): { label: string; raw: unknown } {
  if (!looksLikePath(arg) && findTemplate(arg)) return { label: arg, raw: { template: arg } }
  if (!looksLikePath(arg) && !existsSync(arg)) {
    const allowed = FUND_TEMPLATES.map((t) => t.id).join(', ')
    throw new UserInputError(arg, [makeIssue('/template', 'unknown_preset', { value: arg, allowed })])
  }
  let text: string
  try {
    text = readFileSync(arg, 'utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    throw new UserInputError(arg, [fileIssue('unreadable_file', error)])
  }
  try {
    return { label: arg, raw: JSON.parse(text) as unknown }
  } catch (error) {
    throw new UserInputError(arg, [jsonIssue(text, error)])
  }
}

function applyOverrides(raw: unknown, o: Overrides): unknown {
  if (!isPlainObject(raw) || (o.trials === undefined && o.seed === undefined)) return raw
  if (raw.run !== undefined && !isPlainObject(raw.run)) return raw // parseConfig reports the bad `run`
  const run: Record<string, unknown> = { ...raw.run }
  if (o.trials !== undefined) run.trials = o.trials
  if (o.seed !== undefined) run.seed = o.seed
  return { ...raw, run }
}

function scenarioShocks(ids: readonly string[]): { shocks: SimulationConfig['market']['shocks']; issues: CliIssue[] } {
  const shocks: SimulationConfig['market']['shocks'] = []
  const issues: CliIssue[] = []
  const allowed = SCENARIOS.map((s) => s.id).join(', ')
  for (const id of ids) {
    const scenario = findScenario(id)
    if (scenario) shocks.push(...scenario.shocks)
    else issues.push(makeIssue('--scenario', 'unknown_scenario', { value: id, allowed }))
  }
  return { shocks, issues }
}

/**
 * A config file or template id, with the command-line overrides applied, validated by the engine's
 * `parseConfig` (the only validation). Throws UserInputError listing every issue found.
 */
export function loadConfig(arg: string, overrides: Overrides = {}): LoadedConfig {
  const { label, raw } = readInput(arg)
  const scenarios = scenarioShocks(overrides.scenarios ?? [])
  const parsed = parseConfig(applyOverrides(raw, overrides))
  const issues = [...scenarios.issues, ...(parsed.ok ? [] : parsed.issues)]
  if (!parsed.ok || issues.length) throw new UserInputError(label, issues)
  if (!scenarios.shocks.length) return { label, config: parsed.config }
  const { config } = parsed
  const stacked = parseConfig({ ...config, market: { ...config.market, shocks: [...config.market.shocks, ...scenarios.shocks] } })
  if (!stacked.ok) throw new UserInputError(label, stacked.issues)
  return { label, config: stacked.config }
}
