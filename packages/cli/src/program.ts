import { readFileSync } from 'node:fs'
import { Command, Option } from 'commander'
import { ENGINE_VERSION } from '@pcsim/engine/info'
import type { CalibrateCommandOptions } from './commands/calibrate.ts'
import type { CompareCommandOptions } from './commands/compare.ts'
import type { PlanCommandOptions } from './commands/plan.ts'
import type { ReforecastCommandOptions } from './commands/reforecast.ts'
import type { RunCommandOptions } from './commands/run.ts'
import type { WorkerCommandOptions } from './commands/worker.ts'
import type { Context } from './context.ts'
import { registerDecisionCommands } from './decide-commands.ts'
import { USAGE_EXIT } from './exit-codes.ts'
import { LANGS } from './messages/index.ts'
import { calibrationTrialsOption, concurrencyOption, formatOption, outOption, queueOption, redisOption, RUN_FORMATS, scenarioOption, seedOption, trialsOption, VIEW_FORMATS } from './options.ts'

const CLI_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version

/**
 * The commander program; `exitOverride` turns every parse error into a thrown CommanderError.
 * Command modules load on use, so `presets`, `--help` and `--version` never load the schema
 * validator, the model or the executors.
 */
export function buildProgram(ctx: Context): Command {
  const { m } = ctx
  const program = new Command('pcsim')
    .description(m.program.description)
    .version(`${CLI_VERSION} (engine ${ENGINE_VERSION})`, '-V, --version', m.program.version)
    .helpOption('-h, --help', m.program.help)
    .addOption(new Option('--lang <lang>', m.program.lang).choices(LANGS))
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError(m.program.afterError)
    .exitOverride()
    .allowExcessArguments(false)

  program
    .command('run')
    .description(m.commands.run)
    .argument('<input>', m.args.input)
    .addOption(trialsOption(m))
    .addOption(seedOption(m))
    .addOption(scenarioOption(m))
    .addOption(formatOption(m, RUN_FORMATS))
    .addOption(outOption(m))
    .action(async (input: string, o: RunCommandOptions) => (await import('./commands/run.ts')).runCommand(input, o, ctx))

  program
    .command('reforecast')
    .description(m.commands.reforecast)
    .argument('<config>', m.args.config)
    .addOption(new Option('--holdings <file>', m.options.holdings).makeOptionMandatory())
    .addOption(new Option('--as-of <date>', m.options.asOf))
    .addOption(new Option('--plan <file>', m.options.plan))
    .addOption(trialsOption(m))
    .addOption(seedOption(m))
    .addOption(scenarioOption(m))
    .addOption(formatOption(m, RUN_FORMATS))
    .addOption(outOption(m))
    .action(async (input: string, o: ReforecastCommandOptions) => (await import('./commands/reforecast.ts')).reforecastCommand(input, o, ctx))

  program
    .command('compare')
    .description(m.commands.compare)
    .argument('<inputs...>', m.args.inputs)
    .addOption(trialsOption(m))
    .addOption(seedOption(m))
    .addOption(formatOption(m, RUN_FORMATS))
    .addOption(outOption(m))
    .action((inputs: string[], o: CompareCommandOptions, cmd: Command) => {
      if (inputs.length < 2) cmd.error(m.flags.compareArity, { exitCode: USAGE_EXIT, code: 'pcsim.compareArity' })
      return import('./commands/compare.ts').then(({ compareCommand }) => compareCommand(inputs, o, ctx))
    })

  program
    .command('presets')
    .description(m.commands.presets)
    .addOption(formatOption(m, VIEW_FORMATS))
    .addOption(outOption(m))
    .action(async (o: { format: 'table' | 'json'; out?: string }) => (await import('./commands/presets.ts')).presetsCommand(o, ctx))

  program
    .command('validate')
    .description(m.commands.validate)
    .argument('<input>', m.args.input)
    .action(async (input: string) => (await import('./commands/validate.ts')).validateCommand(input, ctx))

  program
    .command('plan')
    .description(m.commands.plan)
    .argument('<input>', m.args.input)
    .addOption(formatOption(m, VIEW_FORMATS))
    .addOption(outOption(m))
    .action(async (input: string, o: PlanCommandOptions) => (await import('./commands/plan.ts')).planCommand(input, o, ctx))

  program
    .command('show')
    .description(m.commands.show)
    .argument('<template>', m.args.template)
    .addOption(outOption(m))
    .action(async (input: string, o: { out?: string }) => (await import('./commands/show.ts')).showCommand(input, o, ctx))

  program
    .command('calibrate')
    .description(m.commands.calibrate)
    .addOption(calibrationTrialsOption(m))
    .addOption(formatOption(m, VIEW_FORMATS))
    .addOption(outOption(m))
    .action(async (o: CalibrateCommandOptions) => (await import('./commands/calibrate.ts')).calibrateCommand(o, ctx))

  program
    .command('worker')
    .description(m.commands.worker)
    .addOption(redisOption(m))
    .addOption(concurrencyOption(m))
    .addOption(queueOption(m))
    .action((o: WorkerCommandOptions, cmd: Command) => {
      const url = o.redis ?? process.env.PCSIM_REDIS_URL?.trim()
      if (!url) cmd.error(m.flags.redisMissing, { exitCode: USAGE_EXIT, code: 'pcsim.redisMissing' })
      return import('./commands/worker.ts').then(({ workerCommand }) => workerCommand(url, o, ctx))
    })

  registerDecisionCommands(program, ctx)
  return program
}
