#!/usr/bin/env node
import { CommanderError } from 'commander'
import { INTERNAL_EXIT, INTERRUPTED_EXIT, USAGE_EXIT } from './exit-codes.ts'
import { UserInputError, formatIssues } from './issues.ts'
import { detectLang } from './lang.ts'
import { MESSAGES } from './messages/index.ts'
import { buildProgram } from './program.ts'

/** Prints an error the way its kind calls for and returns the exit code. */
async function report(error: unknown, ctx: Parameters<typeof buildProgram>[0]): Promise<number> {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT // commander printed it
  const inputs = error instanceof AggregateError ? error.errors : [error]
  if (inputs.length > 0 && inputs.every((e) => e instanceof UserInputError)) {
    for (const e of inputs as UserInputError[]) process.stderr.write(`${ctx.m.errors.invalidInput(e.label)}\n${formatIssues(e.issues, e.label, ctx.lang)}\n`)
    return USAGE_EXIT
  }
  // The runner loads here, not at start-up: commands that never run anything do not pay for it.
  const { CancelledError, ExecutorConfigError, RedisRunError } = await import('@pcsim/runner')
  if (error instanceof CancelledError) {
    process.stderr.write(`${ctx.m.errors.interrupted}\n`)
    return INTERRUPTED_EXIT
  }
  if (error instanceof ExecutorConfigError) {
    process.stderr.write(`${ctx.m.errors.invalidSetting(error.message)}\n`)
    return USAGE_EXIT
  }
  if (error instanceof RedisRunError) {
    // Redis unreachable is a setup problem (exit 2); a run that failed on the workers is exit 1.
    if (error.code === 'PCSIM_ERR_REDIS_UNAVAILABLE') {
      process.stderr.write(`${ctx.m.errors.redisUnavailable(error.message)}\n`)
      return USAGE_EXIT
    }
    process.stderr.write(`${ctx.m.errors.runFailed(error.code, error.message)}\n`)
    return INTERNAL_EXIT
  }
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`${ctx.m.errors.internal(message)}\n`)
  if (process.env.PCSIM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
  else process.stderr.write(`${ctx.m.errors.debugHint}\n`)
  return INTERNAL_EXIT
}

async function main(argv: string[]): Promise<number> {
  const lang = detectLang(argv.slice(2), process.env)
  const ctx = { lang, m: MESSAGES[lang] }
  try {
    await buildProgram(ctx).parseAsync(argv)
    return 0
  } catch (error) {
    return await report(error, ctx)
  }
}

// A closed pipe (`pcsim run … | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

process.exitCode = await main(process.argv)
