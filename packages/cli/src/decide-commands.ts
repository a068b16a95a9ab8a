import { InvalidArgumentError, Option, type Command } from 'commander'
import type { OptimiseBudget } from '@pcsim/engine/decide'
import type { OptimiseCommandOptions } from './commands/optimise.ts'
import type { SensitivityCommandOptions } from './commands/sensitivity.ts'
import type { SolveCommandOptions } from './commands/solve.ts'
import type { Context } from './context.ts'
import { DECIDE_CLI, type DecideMessages } from './messages/decide.ts'
import { formatOption, outOption, seedOption, trialsOption, VIEW_FORMATS } from './options.ts'

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value]

/** `--budget 400000` (trials) or `--budget 60s` (seconds). */
export const parseBudget = (m: DecideMessages) => (value: string): OptimiseBudget => {
  const v = value.trim()
  const seconds = /^(\d+(?:\.\d+)?)s$/.exec(v)
  if (seconds && Number(seconds[1]) > 0) return { seconds: Number(seconds[1]) }
  if (/^\d+$/.test(v) && Number.isSafeInteger(Number(v)) && Number(v) > 0) return { trials: Number(v) }
  throw new InvalidArgumentError(m.flags.budget)
}

const parseCount = (m: DecideMessages) => (value: string): number => {
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || n < 2 || n > 2000) throw new InvalidArgumentError(m.flags.count)
  return n
}

/**
 * `pcsim sensitivity`, `pcsim solve` and `pcsim optimise`. Their modules load on use, so the other
 * commands never load mathjs (the expression compiler).
 */
export function registerDecisionCommands(program: Command, ctx: Context): void {
  const { m } = ctx
  const d = DECIDE_CLI[ctx.lang]
  program
    .command('sensitivity')
    .description(d.commands.sensitivity)
    .argument('<input>', m.args.input)
    .addOption(new Option('--vary <spec>', d.options.vary).argParser(collect).makeOptionMandatory())
    .addOption(new Option('--metric <expr>', d.options.metric).argParser(collect))
    .addOption(trialsOption(m))
    .addOption(seedOption(m))
    .addOption(formatOption(m, VIEW_FORMATS))
    .addOption(outOption(m))
    .action(async (input: string, o: SensitivityCommandOptions) => (await import('./commands/sensitivity.ts')).sensitivityCommand(input, o, ctx))

  program
    .command('solve')
    .description(d.commands.solve)
    .argument('<input>', m.args.input)
    .addOption(new Option('--lever <name>', d.options.lever).makeOptionMandatory())
    .addOption(new Option('--target <expr>', d.options.target).makeOptionMandatory())
    .addOption(new Option('--range <low:high>', d.options.range))
    .addOption(trialsOption(m))
    .addOption(seedOption(m))
    .addOption(formatOption(m, VIEW_FORMATS))
    .addOption(outOption(m))
    .action(async (input: string, o: SolveCommandOptions) => (await import('./commands/solve.ts')).solveCommand(input, o, ctx))

  program
    .command('optimise')
    .alias('optimize')
    .description(d.commands.optimise)
    .argument('<input>', m.args.input)
    .addOption(new Option('--space <file>', d.options.space).makeOptionMandatory())
    .addOption(new Option('--budget <trials|seconds>', d.options.budget).argParser(parseBudget(d)))
    .addOption(new Option('--objective <expr>', d.options.objective))
    .addOption(new Option('--constraints <expr>', d.options.constraints))
    .addOption(new Option('--minimise', d.options.minimise))
    .addOption(new Option('--candidates <n>', d.options.candidates).argParser(parseCount(d)))
    .addOption(trialsOption(m))
    .addOption(seedOption(m))
    .addOption(formatOption(m, VIEW_FORMATS))
    .addOption(outOption(m))
    .action(async (input: string, o: OptimiseCommandOptions) => (await import('./commands/optimise.ts')).optimiseCommand(input, o, ctx))
}
