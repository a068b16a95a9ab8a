import { parseConfig, parseHoldingsCsv, parseHoldingsJson, planAtDate, withReforecast, type HoldingsIssue, type Reforecast, type SimulationConfig } from '@pcsim/engine'
import type { ScenariosRepository } from '../db/scenarios-repository.ts'
import { ApiError } from '../errors.ts'
import { reforecastIssues } from '../reforecast/issues.ts'
import type { ReforecastRequest } from '../schemas/reforecasts.ts'
import { invalidConfig, prepareConfig, relocate } from './prepare.ts'
import type { ReforecastConfigs } from './tasks.ts'

export interface PreparedReforecast extends ReforecastConfigs {
  /** The saved scenario the plan came from, when `plan` named one. */
  planScenario: { id: string; name: string } | null
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function invalidHoldings(issues: HoldingsIssue[]): ApiError {
  const first = issues[0]
  const cell = first && typeof first.row === 'number' ? ` (CSV row ${first.row}, column ${first.column ?? '?'})` : ''
  return new ApiError('PCSIM_ERR_INVALID_HOLDINGS', `The holdings are not valid: ${issues.length} issue(s), first at ${first?.path || '/holdings'}${cell}.`, issues)
}

/** The body's own date and regime, which replace the file's; issues about them point at /asOf and /regime. */
function overridesOf(body: ReforecastRequest): { values: Partial<Reforecast>; moved: Record<string, string> } {
  const values: Partial<Reforecast> = {}
  const moved: Record<string, string> = {}
  if (body.asOf !== undefined) (values.asOf = body.asOf), (moved['/asOf'] = '/asOf')
  if (body.regime !== undefined) (values.regime = body.regime as Reforecast['regime']), (moved['/regime'] = '/regime')
  return { values, moved }
}

/**
 * The reforecast block from the holdings file (a JSON object or CSV text) with the body's date and
 * regime, cross-checked against the fund's config. Issue paths become pointers into the body
 * (`/holdings/holdings/companies/0/ownership`: the file sits at /holdings); CSV issues keep their row and column.
 */
function parseHoldings(body: ReforecastRequest, fund: SimulationConfig): Reforecast {
  const { values, moved } = overridesOf(body)
  const input = body.holdings
  const parsed = typeof input === 'string' ? parseHoldingsCsv(input, fund) : parseHoldingsJson({ ...input, ...values }, fund)
  if (!parsed.ok) throw invalidHoldings(relocate(parsed.issues, '/holdings', moved))
  return { ...parsed.reforecast, ...values }
}

/** The plan: a config sent at /plan, a saved scenario's config, or the fund's own config; run on `run`'s trials and seed. */
function preparePlan(body: ReforecastRequest, fund: SimulationConfig, scenarios: ScenariosRepository, visible: (owner: string | null) => boolean) {
  const run = fund.run
  if (body.plan === undefined) return { plan: fund, planScenario: null }
  let raw: unknown
  let planScenario: PreparedReforecast['planScenario'] = null
  const saved = typeof body.plan === 'string'
  if (typeof body.plan === 'string') {
    const scenario = scenarios.get(body.plan)
    if (!scenario || !visible(scenario.owner)) throw new ApiError('PCSIM_ERR_INVALID_REQUEST', `No saved scenario with id "${body.plan}" (at /plan).`, [reforecastIssues.unknownPlan('/plan', body.plan)])
    raw = scenario.config
    planScenario = { id: scenario.id, name: scenario.name }
  } else raw = body.plan
  if (isObject(raw) && raw.reforecast !== undefined) throw new ApiError('PCSIM_ERR_INVALID_REQUEST', 'The plan carries holdings of its own (at /plan/reforecast).', [reforecastIssues.reforecastPlan('/plan/reforecast')])
  const withRun = isObject(raw) ? { ...raw, run: { ...(isObject(raw.run) ? raw.run : {}), trials: run.trials, seed: run.seed } } : raw
  const result = parseConfig(withRun)
  // a saved scenario was valid when saved; if the engine now refuses it, the issues point at /plan, not into a body field that does not exist
  if (!result.ok) throw invalidConfig(saved ? result.issues.map((i) => ({ ...i, path: '/plan' })) : relocate(result.issues, '/plan', {}))
  return { plan: result.config, planScenario }
}

/**
 * Turns a POST /reforecasts body into the two configs the job runs. Every issue path is a JSON
 * Pointer into the body: `/config/…` (the fund), `/holdings/…` (its holdings; CSV issues also
 * give the row and column), `/asOf`, `/regime`, `/plan/…`, `/trials`, `/seed`.
 */
export function prepareReforecast(body: ReforecastRequest, maxTrials: number, scenarios: ScenariosRepository, visible: (owner: string | null) => boolean): PreparedReforecast {
  if (isObject(body.config) && body.config.reforecast !== undefined)
    throw new ApiError('PCSIM_ERR_INVALID_REQUEST', 'Send the holdings at /holdings, not at /config/reforecast.', [reforecastIssues.holdingsInConfig('/config/reforecast')])
  const fund = prepareConfig(body, { trials: body.trials, seed: body.seed }, '', maxTrials)
  const reforecast = parseHoldings(body, fund)
  const parsed = parseConfig(withReforecast(fund, reforecast))
  const moved = { ...Object.fromEntries(Object.entries(overridesOf(body).moved).map(([from, to]) => [`/reforecast${from}`, to])), '/reforecast': '/holdings' }
  if (!parsed.ok) throw invalidConfig(relocate(parsed.issues, '/config', moved))
  const { plan, planScenario } = preparePlan(body, fund, scenarios, visible)
  return { actual: parsed.config, plan, planToDate: planAtDate(plan, reforecast), planScenario }
}
