import type { ComparisonResult } from '@pcsim/engine'
import type { Context } from '../context.ts'
import { compareTable } from '../format/compare-table.ts'
import { compareCsv } from '../format/csv.ts'
import { UserInputError } from '../issues.ts'
import { loadConfig, type LoadedConfig } from '../load-config.ts'
import type { RunFormat } from '../options.ts'
import { emit } from '../output.ts'
import { createProgress } from '../progress.ts'
import { simulateComparison } from '../simulate.ts'

export interface CompareCommandOptions {
  trials?: number
  seed?: number | string
  format: RunFormat
  out?: string
}

/** Loads every input, collecting the issues of all of them before failing. */
function loadAll(inputs: readonly string[], o: CompareCommandOptions): LoadedConfig[] {
  const loaded: LoadedConfig[] = []
  const failures: UserInputError[] = []
  for (const input of inputs) {
    try {
      loaded.push(loadConfig(input, { trials: o.trials, seed: o.seed }))
    } catch (error) {
      if (!(error instanceof UserInputError)) throw error
      failures.push(error)
    }
  }
  if (failures.length === 1) throw failures[0]!
  if (failures.length > 1) throw new AggregateError(failures)
  return loaded
}

export function formatComparison(result: ComparisonResult, labels: readonly string[], format: RunFormat, ctx: Context): string {
  if (format === 'json') return JSON.stringify(result, null, 2)
  if (format === 'csv') return compareCsv(result, labels)
  return compareTable(result, labels, ctx.m)
}

/**
 * `pcsim compare <a> <b> …`: every config on the same seed and trial count (those of the first
 * config after overrides), compared pair by pair on common random numbers.
 */
export async function compareCommand(inputs: string[], o: CompareCommandOptions, ctx: Context): Promise<void> {
  const loaded = loadAll(inputs, o)
  const configs = loaded.map((l) => l.config)
  const total = configs[0]!.run.trials * configs.length
  const progress = createProgress(total, ctx.m.progress.comparing, ctx.m.progress.format)
  let result: ComparisonResult
  try {
    result = await simulateComparison(configs, progress)
  } finally {
    progress.stop()
  }
  emit(
    formatComparison(result, loaded.map((l) => l.label), o.format, ctx),
    o.out,
    ctx.m,
  )
}
