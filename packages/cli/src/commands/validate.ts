import { resolveRun } from '@pcsim/engine'
import type { Context } from '../context.ts'
import { decimal } from '../format/numbers.ts'
import { loadConfig } from '../load-config.ts'

/** `pcsim validate <input>`: "valid" and a one-line summary, or the issues (exit 2). */
export function validateCommand(input: string, ctx: Context): void {
  const { config } = loadConfig(input)
  const { fund, run } = config
  // a reforecast: its holdings and the new cheques it will write
  const companies = resolveRun(config).deals.cheque.length
  const life = fund.extensionYears > 0 ? `${fund.lifeYears}+${fund.extensionYears}` : String(fund.lifeYears)
  const summary = ctx.m.validate.summary({
    name: config.name,
    currency: fund.currency,
    size: decimal(fund.size, fund.size % 1 === 0 ? 0 : 1),
    life,
    companies,
    trials: run.trials,
    seed: String(run.seed),
  })
  process.stdout.write(`${ctx.m.validate.valid}\n${summary}\n`)
}
