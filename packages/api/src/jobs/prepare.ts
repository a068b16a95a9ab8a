import { findScenario, findTemplate, FUND_TEMPLATES, makeIssue, parseConfig, SCENARIOS, type ConfigIssue, type SimulationConfig } from '@pcsim/engine'
import { ApiError } from '../errors.ts'

export interface ItemInput {
  config?: object
  preset?: string
  scenarios?: string[]
  name?: string
}

export interface RunOverrides {
  trials?: number
  seed?: string | number
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function invalidConfig(issues: ConfigIssue[], prefix: string): ApiError {
  const moved = issues.map((i) => ({ ...i, path: `${prefix}${i.path}` }))
  return new ApiError('PCSIM_ERR_INVALID_CONFIG', `The simulation config is not valid: ${moved.length} issue(s), first at "${moved[0]?.path || '/'}".`, moved)
}

function parsed(raw: unknown, prefix: string): SimulationConfig {
  const result = parseConfig(raw)
  if (!result.ok) throw invalidConfig(result.issues, prefix)
  return result.config
}

/**
 * Turns one {config | preset, scenarios, name} item plus the run overrides into a parsed config.
 * `at` is the item's JSON Pointer in the request body ("" for a run, "/items/2" in a comparison);
 * config issue paths are relative to the config for a run and prefixed with `/items/i/config` in a comparison.
 */
export function prepareConfig(item: ItemInput, overrides: RunOverrides, at: string, maxTrials: number): SimulationConfig {
  if (item.config !== undefined && item.preset !== undefined)
    throw new ApiError('PCSIM_ERR_INVALID_REQUEST', `Send either "config" or "preset" (at ${at}/preset), not both.`, [
      makeIssue(`${at}/preset`, 'invalid_value', { allowed: 'a fund template id when no config is sent' }),
    ])
  if (item.preset !== undefined && !findTemplate(item.preset))
    throw new ApiError('PCSIM_ERR_UNKNOWN_PRESET', `Unknown fund template "${item.preset}" at ${at}/preset.`, [
      makeIssue(`${at}/preset`, 'unknown_preset', { value: item.preset, allowed: FUND_TEMPLATES.map((t) => t.id).join(', ') }),
    ])
  const scenarioIds = item.scenarios ?? []
  const unknown = scenarioIds.flatMap((id, i) =>
    findScenario(id) ? [] : [makeIssue(`${at}/scenarios/${i}`, 'unknown_scenario', { value: id, allowed: SCENARIOS.map((s) => s.id).join(', ') })],
  )
  if (unknown.length) throw new ApiError('PCSIM_ERR_UNKNOWN_SCENARIO', `Unknown scenario at ${unknown[0]!.path}.`, unknown)
  const repeated = scenarioIds.flatMap((id, i) => (scenarioIds.indexOf(id) < i ? [makeIssue(`${at}/scenarios/${i}`, 'duplicate_id', { value: id })] : []))
  if (repeated.length) throw new ApiError('PCSIM_ERR_INVALID_REQUEST', `Scenario listed twice at ${repeated[0]!.path}.`, repeated)

  const prefix = at ? `${at}/config` : ''
  const raw: Record<string, unknown> = item.config !== undefined ? { ...(item.config as Record<string, unknown>) } : item.preset !== undefined ? { template: item.preset } : {}
  const run = raw.run === undefined ? {} : raw.run
  if (isObject(run)) raw.run = { ...run, ...(overrides.trials !== undefined && { trials: overrides.trials }), ...(overrides.seed !== undefined && { seed: overrides.seed }) }
  if (item.name !== undefined) raw.name = item.name
  const trialsLimit = () =>
    new ApiError('PCSIM_ERR_TRIALS_LIMIT', `At most ${maxTrials} trials per run on this server (at ${prefix}/run/trials).`, [
      makeIssue(`${prefix}/run/trials`, 'too_big', { limit: maxTrials }),
    ])
  const asked = isObject(raw.run) ? raw.run.trials : undefined
  if (typeof asked === 'number' && asked > maxTrials) throw trialsLimit()
  let config = parsed(raw, prefix)
  if (config.run.trials > maxTrials) throw trialsLimit()
  const shocks = scenarioIds.flatMap((id) => findScenario(id)!.shocks)
  if (shocks.length) config = parsed({ ...config, market: { ...config.market, shocks: [...config.market.shocks, ...shocks] } }, prefix)
  return config
}
