import type { RunResult } from '@pcsim/engine'
import type { WorkerLanes } from '@pcsim/runner/lanes'
import type { Context } from '../context.ts'
import { runCsv } from '../format/csv.ts'
import { runTable } from '../format/table.ts'
import { loadConfig } from '../load-config.ts'
import type { RunFormat } from '../options.ts'
import { emit } from '../output.ts'
import { createProgress } from '../progress.ts'
import { simulateRun } from '../simulate.ts'

export interface RunCommandOptions {
  trials?: number
  seed?: number | string
  scenario?: string[]
  format: RunFormat
  out?: string
}

export function formatRun(result: RunResult, format: RunFormat, ctx: Context): string {
  if (format === 'json') return JSON.stringify(result, null, 2)
  if (format === 'csv') return runCsv(result)
  return runTable(result, ctx.m)
}

/** `pcsim run <input>`: simulate one config and print its result (`lanes`: worker threads started ahead, see early-lanes.ts). */
export async function runCommand(input: string, o: RunCommandOptions, ctx: Context, lanes?: WorkerLanes): Promise<void> {
  const { config } = loadConfig(input, { trials: o.trials, seed: o.seed, scenarios: o.scenario })
  const progress = createProgress(config.run.trials, ctx.m.progress.simulating, ctx.m.progress.format)
  let result: RunResult
  try {
    result = await simulateRun(config, progress, lanes)
  } finally {
    progress.stop()
  }
  emit(formatRun(result, o.format, ctx), o.out, ctx.m)
}
