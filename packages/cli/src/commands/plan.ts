import { expectedValuePlan } from '@pcsim/engine'
import type { Context } from '../context.ts'
import { planTable } from '../format/plan-table.ts'
import { loadConfig } from '../load-config.ts'
import type { ViewFormat } from '../options.ts'
import { emit } from '../output.ts'

export interface PlanCommandOptions {
  format: ViewFormat
  out?: string
}

/** `pcsim plan <input>`: the engine's deterministic expected-value construction view. */
export function planCommand(input: string, o: PlanCommandOptions, ctx: Context): void {
  const { config } = loadConfig(input)
  const plan = expectedValuePlan(config)
  const text = o.format === 'json' ? JSON.stringify(plan, null, 2) : planTable(plan, config.name, config.fund.currency, ctx.m)
  emit(text, o.out, ctx.m)
}
