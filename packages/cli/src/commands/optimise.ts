import { readFileSync } from 'node:fs'
import { makeIssue } from '@pcsim/engine'
import { parseSpace, runOptimise, type OptimiseBudget } from '@pcsim/engine/decide'
import type { Context } from '../context.ts'
import { checked, onExecutor } from '../decide-run.ts'
import { optimiseTable } from '../format/decide-tables.ts'
import { fileIssue, UserInputError } from '../issues.ts'
import { loadConfig } from '../load-config.ts'
import { DECIDE_CLI } from '../messages/decide.ts'
import type { ViewFormat } from '../options.ts'
import { emit } from '../output.ts'
import { createProgress } from '../progress.ts'

export interface OptimiseCommandOptions {
  space: string
  budget?: OptimiseBudget
  objective?: string
  constraints?: string
  minimise?: boolean
  candidates?: number
  trials?: number
  seed?: number | string
  format: ViewFormat
  out?: string
}

function readSpace(path: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    throw new UserInputError(path, [fileIssue('unreadable_file', error)])
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UserInputError(path, [makeIssue('', 'invalid_json', { value: error instanceof Error ? error.message : String(error) })])
  }
}

/** `pcsim optimise <input> --space <file.json> [--budget <trials|Ns>]` */
export async function optimiseCommand(input: string, o: OptimiseCommandOptions, ctx: Context): Promise<void> {
  const m = DECIDE_CLI[ctx.lang]
  const { config } = loadConfig(input, { trials: o.trials, seed: o.seed })
  const raw = readSpace(o.space) as Record<string, unknown>
  const space = checked(() =>
    parseSpace({
      ...raw,
      ...(o.objective ? { objective: o.objective } : {}),
      ...(o.constraints ? { constraints: o.constraints } : {}),
      ...(o.minimise ? { goal: 'minimise' } : {}),
      ...(o.candidates ? { candidates: o.candidates } : {}),
    }),
  )
  const budget: OptimiseBudget = o.budget ?? { trials: config.run.trials * 32 }
  const total = budget.trials ?? config.run.trials * 32
  const progress = createProgress(total, m.progress.optimise, ctx.m.progress.format)
  const result = await onExecutor(total, progress, (run, signal, onProgress) => runOptimise({ config, space, budget, signal, onProgress }, run))
  emit(o.format === 'json' ? JSON.stringify(result, null, 2) : optimiseTable(result, m), o.out, ctx.m)
}
