import { returnTheFund, runSolve } from '@pcsim/engine/decide'
import type { Context } from '../context.ts'
import { onExecutor } from '../decide-run.ts'
import { solveSentence, solveTable } from '../format/decide-tables.ts'
import { loadConfig } from '../load-config.ts'
import { DECIDE_CLI } from '../messages/decide.ts'
import type { ViewFormat } from '../options.ts'
import { emit } from '../output.ts'
import { createProgress } from '../progress.ts'

export interface SolveCommandOptions {
  lever: string
  target: string
  range?: string
  trials?: number
  seed?: number | string
  format: ViewFormat
  out?: string
}

/** `pcsim solve <input> --lever <name> --target "<expr>" [--range low:high]`, and the return-the-fund view of the base fund. */
export async function solveCommand(input: string, o: SolveCommandOptions, ctx: Context): Promise<void> {
  const m = DECIDE_CLI[ctx.lang]
  const { config } = loadConfig(input, { trials: o.trials, seed: o.seed })
  const total = config.run.trials * 18
  const progress = createProgress(total, m.progress.solve, ctx.m.progress.format)
  const { result, view } = await onExecutor(total, progress, async (run, signal, onProgress) => {
    const result = await runSolve({ config, lever: o.lever, target: o.target, ...(o.range ? { range: o.range } : {}), signal, onProgress }, run)
    const [baseChunk] = await run([config], 0, config.run.trials, { signal })
    return { result, view: returnTheFund(config, baseChunk!) }
  })
  const out = o.format === 'json' ? JSON.stringify({ ...result, sentence: solveSentence(result, m), returnTheFund: view }, null, 2) : solveTable(result, view, m)
  emit(out, o.out, ctx.m)
}
