import { runSensitivity } from '@pcsim/engine/decide'
import type { Context } from '../context.ts'
import { onExecutor } from '../decide-run.ts'
import { sensitivityTable } from '../format/decide-tables.ts'
import { loadConfig } from '../load-config.ts'
import { DECIDE_CLI } from '../messages/decide.ts'
import type { ViewFormat } from '../options.ts'
import { emit } from '../output.ts'
import { createProgress } from '../progress.ts'

export interface SensitivityCommandOptions {
  vary: string[]
  metric?: string[]
  trials?: number
  seed?: number | string
  format: ViewFormat
  out?: string
}

export const DEFAULT_METRICS = ['p50(netTvpi)', 'mean(netTvpi)', 'probLoss', 'p50(netIrr)']

/** Variants the request will run: the steps of each range (2 when not given). */
const variants = (vary: readonly string[]) => vary.reduce((a, v) => a + (Number(v.split('=').pop()!.split(':')[2]) || 2), 0)

/** `pcsim sensitivity <input> --vary <lever>=<low>:<high>[:<steps>] … --metric <expr> …` */
export async function sensitivityCommand(input: string, o: SensitivityCommandOptions, ctx: Context): Promise<void> {
  const m = DECIDE_CLI[ctx.lang]
  const { config } = loadConfig(input, { trials: o.trials, seed: o.seed })
  const metrics = o.metric?.length ? o.metric : DEFAULT_METRICS
  const total = config.run.trials * (1 + variants(o.vary))
  const progress = createProgress(total, m.progress.sensitivity, ctx.m.progress.format)
  const result = await onExecutor(total, progress, (run, signal, onProgress) =>
    runSensitivity({ config, vary: o.vary, metrics, signal, onProgress }, run),
  )
  emit(o.format === 'json' ? JSON.stringify(result, null, 2) : sensitivityTable(result, m), o.out, ctx.m)
}
