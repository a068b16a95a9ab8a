import { parseConfig, planAtDate, planVsActual, withReforecast, type RunResult, type SimulationConfig } from '@pcsim/engine'
import { runWith } from '@pcsim/runner'
import type { Context } from '../context.ts'
import { reforecastCsv } from '../format/reforecast-csv.ts'
import { reforecastTable } from '../format/reforecast-table.ts'
import { UserInputError } from '../issues.ts'
import { loadConfig } from '../load-config.ts'
import { loadHoldings } from '../load-holdings.ts'
import type { RunFormat } from '../options.ts'
import { emit } from '../output.ts'
import { createProgress } from '../progress.ts'
import { withExecutor } from '../simulate.ts'
import { formatRun } from './run.ts'

export interface ReforecastCommandOptions {
  holdings: string
  asOf?: string
  plan?: string
  trials?: number
  seed?: number | string
  scenario?: string[]
  format: RunFormat
  out?: string
}

/** A config as a plan: without any reforecast it carries. */
function asPlan(config: SimulationConfig): SimulationConfig {
  const { reforecast: _dropped, ...plan } = config
  return plan
}

/**
 * `pcsim reforecast <config> --holdings <file>`: the fund simulated from its reforecast date (its
 * holdings continue, its history is fixed), its plan simulated whole and read at that date, and the
 * reforecast's result with `planVsActual` attached.
 */
export async function reforecastCommand(input: string, o: ReforecastCommandOptions, ctx: Context): Promise<void> {
  const overrides = { trials: o.trials, seed: o.seed, scenarios: o.scenario }
  const { config } = loadConfig(input, overrides)
  const plan = asPlan(o.plan === undefined ? config : loadConfig(o.plan, overrides).config)
  const holdings = loadHoldings(o.holdings, asPlan(config), o.asOf)
  const parsed = parseConfig(withReforecast(asPlan(config), holdings))
  if (!parsed.ok) throw new UserInputError(o.holdings, parsed.issues)
  const toDate = planAtDate(plan, holdings)
  const configs = [parsed.config, plan, ...(toDate ? [toDate] : [])]
  const total = configs.reduce((a, c) => a + c.run.trials, 0)
  const progress = createProgress(total, ctx.m.progress.simulating, ctx.m.progress.format)
  let results: RunResult[]
  try {
    results = await withExecutor(configs, async (executor, signal) => {
      const out: RunResult[] = []
      let done = 0
      for (const c of configs) {
        out.push(await runWith(executor, c, { signal, onProgress: (d) => progress.update(done + d) }))
        done += c.run.trials
      }
      return out
    })
  } finally {
    progress.stop()
  }
  const [reforecastResult, planResult, planToDate] = results as [RunResult, RunResult, RunResult | undefined]
  const result: RunResult = { ...reforecastResult, planVsActual: planVsActual({ plan, reforecast: holdings, planResult, planToDate: planToDate ?? null, reforecastResult }) }
  emit(o.format === 'table' ? reforecastTable(result, ctx.m) : o.format === 'csv' ? reforecastCsv(result) : formatRun(result, o.format, ctx), o.out, ctx.m)
}
