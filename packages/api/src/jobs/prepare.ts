import { findScenario, findTemplate, FUND_TEMPLATES, makeIssue, parseConfig, SCENARIOS, schemaIssuesFor, SimulationConfigSchema, type ConfigIssue, type SimulationConfig } from '@pcsim/engine'
import { ApiError } from '../errors.ts'

export interface ItemInput {
  config?: object
  preset?: string
  scenarios?: string[]
  name?: string
}

/** The request's top-level `trials` and `seed`, which replace `config.run.trials` and `config.run.seed`. */
export interface RunOverrides {
  trials?: number
  seed?: string | number
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const RUN_FIELDS = SimulationConfigSchema.properties.run.properties

export function invalidConfig(issues: ConfigIssue[]): ApiError {
  return new ApiError('PCSIM_ERR_INVALID_CONFIG', `The simulation config is not valid: ${issues.length} issue(s), first at "${issues[0]?.path || '/'}".`, issues)
}

/** Body-relative issue paths: config paths under `prefix`, except fields the envelope set (they point at the envelope field). */
export function relocate<I extends ConfigIssue>(issues: I[], prefix: string, moved: Record<string, string>): I[] {
  return issues.map((i) => {
    const own = Object.entries(moved).find(([from]) => i.path === from || i.path.startsWith(`${from}/`))
    return { ...i, path: own ? `${own[1]}${i.path.slice(own[0].length)}` : `${prefix}${i.path}` }
  })
}

/**
 * Turns one {config | preset, scenarios, name} item plus the run overrides into a parsed config.
 * `at` is the item's JSON Pointer in the request body ("" for a run, "/items/2" in a comparison).
 * Every issue path is relative to the request body: `/config/fund/size`, `/items/1/config/…`,
 * and `/trials`, `/seed` (the request's top-level fields) or `${at}/name` when the value came from the envelope.
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

  const prefix = `${at}/config`
  const raw: Record<string, unknown> = item.config !== undefined ? { ...(item.config as Record<string, unknown>) } : item.preset !== undefined ? { template: item.preset } : {}
  const moved: Record<string, string> = {}
  // A bad config.run is reported, never silently replaced by an override (and a non-object run is left for parseConfig to refuse).
  if (raw.run === undefined || isObject(raw.run)) {
    const run: Record<string, unknown> = { ...((raw.run as Record<string, unknown> | undefined) ?? {}) }
    for (const field of ['trials', 'seed'] as const) {
      const override = overrides[field]
      if (override === undefined) continue
      if (run[field] !== undefined) {
        const issues = schemaIssuesFor(RUN_FIELDS[field], run[field], `${prefix}/run/${field}`)
        if (issues.length) throw invalidConfig(issues)
      }
      run[field] = override
      moved[`/run/${field}`] = `/${field}`
    }
    if (raw.run !== undefined || Object.keys(run).length) raw.run = run
  }
  if (item.name !== undefined) {
    raw.name = item.name
    moved['/name'] = `${at}/name`
  }
  const trialsPath = moved['/run/trials'] ?? `${prefix}/run/trials`
  const trialsLimit = () =>
    new ApiError('PCSIM_ERR_TRIALS_LIMIT', `At most ${maxTrials} trials per run on this server (at ${trialsPath}).`, [makeIssue(trialsPath, 'too_big', { limit: maxTrials })])
  const asked = isObject(raw.run) ? raw.run.trials : undefined
  if (typeof asked === 'number' && asked > maxTrials) throw trialsLimit()
  const parse = (value: unknown) => {
    const result = parseConfig(value)
    if (!result.ok) throw invalidConfig(relocate(result.issues, prefix, moved))
    return result.config
  }
  let config = parse(raw)
  if (config.run.trials > maxTrials) throw trialsLimit()
  const shocks = scenarioIds.flatMap((id) => findScenario(id)!.shocks)
  if (shocks.length) config = parse({ ...config, market: { ...config.market, shocks: [...config.market.shocks, ...shocks] } })
  return config
}
