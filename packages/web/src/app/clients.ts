import { parseConfig, planAtDate, planVsActual, withReforecast, type ComparisonResult, type Reforecast, type RunResult, type SimulationConfig } from '@pcsim/engine'
import { isUnauthorized, OfflineError } from '../api/client.ts'
import { compareOnServer, reforecastOnServer, runOnServer, storedRun } from '../api/jobs.ts'
import type { ReforecastResult } from '../api/types.ts'
import { compareLocal, runLocal, runProgressive, runTrialValues } from '../engine/local-runner.ts'
import { createSimulationClient } from '../engine/simulation-client.ts'
import { WorkerPool } from '../engine/worker-pool.ts'

/** Trials of the live preview's first pass: small enough to redraw within ~150 ms on 2 cores. */
export const PREVIEW_FIRST_TRIALS = 500
/** Trials the live preview refines to right after (the first pass's trials are reused). */
export const PREVIEW_TRIALS = 4000
/** Most trials a full run may use when it has to run in the browser. */
export const BROWSER_MAX_TRIALS = 200_000
/** Assumed server limit when /api/health does not state one. */
export const SERVER_DEFAULT_MAX_TRIALS = 1_000_000
const PREVIEW_DEBOUNCE_MS = 10

const cores = Math.max(1, Math.min(2, globalThis.navigator?.hardwareConcurrency || 2))
// preview chunks take tens of ms: let a stale one finish rather than pay a cold worker (≈0.5 s)
const previewPool = new WorkerPool({ size: cores, terminateAfterMs: 250 })
// full runs and comparisons: chunks of up to 25k trials (seconds), so cancel terminates at once
const heavyPool = new WorkerPool({ size: cores, terminateAfterMs: 0 })

export const withTrials = (c: SimulationConfig, trials: number): SimulationConfig => ({ ...c, run: { ...c.run, trials } })

/** Live preview: a small run in this browser's workers on every change. */
export const previewClient = createSimulationClient<SimulationConfig, RunResult>(
  async (config, hooks) => ({ result: await runProgressive(previewPool, withTrials(config, PREVIEW_TRIALS), PREVIEW_FIRST_TRIALS, hooks.onPartial, hooks), source: 'browser' }),
  { debounceMs: PREVIEW_DEBOUNCE_MS },
)

export interface FullRunInput {
  config: SimulationConfig
  key: string
  online: boolean
  /** A run the server may still hold (from a share link): its stored result is used when it matches. */
  storedId?: string
}

export interface FullRunResult {
  result: RunResult
  key: string
  /** The server's run id, when the server ran (or stored) it. */
  runId: string | null
  /** True when the result is a stored run's, opened rather than computed again. */
  stored: boolean
}

const sameRun = (r: RunResult, c: SimulationConfig) => r.trials === c.run.trials && String(r.seed) === String(c.run.seed)

/** Full run: a stored run when asked for and it matches; else on the server when reachable; else in this browser. */
export const fullRunClient = createSimulationClient<FullRunInput, FullRunResult>(async ({ config, key, online, storedId }, hooks) => {
  if (online) {
    try {
      const stored = storedId ? await storedRun(storedId) : null
      if (stored && storedId && sameRun(stored, config)) return { result: { result: stored, key, runId: storedId, stored: true }, source: 'server' }
      const { id, result } = await runOnServer({ config, trials: config.run.trials, seed: config.run.seed, name: config.name }, hooks)
      return { result: { result, key, runId: id, stored: false }, source: 'server' }
    } catch (e) {
      // unreachable, or a server that wants a token for writes: the browser can still run it
      if (!(e instanceof OfflineError) && !isUnauthorized(e)) throw e
    }
  }
  return { result: { result: await runLocal(heavyPool, config, hooks), key, runId: null, stored: false }, source: 'browser' }
})

export interface CompareInput {
  items: Array<{ name: string; config: SimulationConfig }>
  trials: number
  seed: string | number
  online: boolean
}

/** Comparison on common random numbers: POST /api/comparisons, or the engine in this browser. */
export const compareClient = createSimulationClient<CompareInput, ComparisonResult>(async ({ items, trials, seed, online }, hooks) => {
  if (online) {
    try {
      const body = { items: items.map((i) => ({ name: i.name, config: i.config })), trials, seed }
      return { result: await compareOnServer(body, hooks), source: 'server' }
    } catch (e) {
      if (!(e instanceof OfflineError) && !isUnauthorized(e)) throw e
    }
  }
  const configs = items.map((i) => ({ ...i.config, run: { ...i.config.run, trials, seed } }))
  return { result: await compareLocal(heavyPool, configs, hooks), source: 'browser' }
})

export interface ReforecastInput {
  /** The fund (trials and seed in its run settings). */
  config: SimulationConfig
  /** The holdings file as the server takes it (JSON object or CSV text), and as the browser parsed it. */
  holdings: unknown
  reforecast: Reforecast
  asOf?: string
  regime?: Reforecast['regime']
  /** The plan's saved scenario (its id for the server, its config for the browser), or null for the fund itself. */
  plan: { id: string; config: SimulationConfig } | null
  online: boolean
}

/** A reforecast and its plan: POST /api/reforecasts, or both runs in this browser on the same seed and trials. */
export const reforecastClient = createSimulationClient<ReforecastInput, ReforecastResult>(async (input, hooks) => {
  const { config, online } = input
  if (online) {
    try {
      const body = { config, holdings: input.holdings, trials: config.run.trials, seed: config.run.seed, ...(input.asOf && { asOf: input.asOf }), ...(input.regime && { regime: input.regime }), ...(input.plan && { plan: input.plan.id }) }
      return { result: await reforecastOnServer(body, hooks), source: 'server' }
    } catch (e) {
      if (!(e instanceof OfflineError) && !isUnauthorized(e)) throw e
    }
  }
  const reforecast = { ...input.reforecast, ...(input.asOf && { asOf: input.asOf }), ...(input.regime && { regime: input.regime }) }
  const parsed = parseConfig(withReforecast(config, reforecast))
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message.en}`).join('; '))
  // as the server does: the saved plan's own run settings, on the fund's trials and seed
  const plan = input.plan ? { ...input.plan.config, run: { ...input.plan.config.run, trials: config.run.trials, seed: config.run.seed } } : config
  const toDate = planAtDate(plan, reforecast)
  const configs = [parsed.config, plan, ...(toDate ? [toDate] : [])]
  const total = configs.length * config.run.trials
  const results: RunResult[] = []
  for (const c of configs) results.push(await runLocal(heavyPool, c, { ...hooks, onProgress: (done) => hooks.onProgress(results.length * config.run.trials + done, total) }))
  const [run, planResult, planToDate = null] = results as [RunResult, RunResult, RunResult?]
  return { result: { run, plan: planResult, planVsActual: planVsActual({ plan, reforecast: parsed.config.reforecast!, planResult, planToDate, reforecastResult: run }) }, source: 'browser' }
})

export function warmUp(): void {
  previewPool.warm()
}

/** The Learn tab's 10-vs-100-companies demo: a local comparison that never touches the server. */
export const demoClient = createSimulationClient<SimulationConfig[], ComparisonResult>(async (configs, hooks) => ({
  result: await compareLocal(heavyPool, configs, hooks),
  source: 'browser',
}))

/** Per-trial values of a run, computed again in this browser (same config, trials and seed: same trials). */
export const trialValues = (config: SimulationConfig) => runTrialValues(heavyPool, config)

/** A preview-size run of `config` in this browser (a saved scenario's figures). */
export const quickRun = (config: SimulationConfig) => runLocal(heavyPool, withTrials(config, PREVIEW_TRIALS))
