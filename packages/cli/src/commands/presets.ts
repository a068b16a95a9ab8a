import { listPresets } from '@pcsim/engine/info'
import type { Context } from '../context.ts'
import { presetsTable } from '../format/presets-table.ts'
import { issueKey } from '../messages/index.ts'
import type { ViewFormat } from '../options.ts'
import { emit } from '../output.ts'

/** `pcsim presets`: json is exactly the engine's `listPresets()`. */
export function presetsCommand(o: { format: ViewFormat; out?: string }, ctx: Context): void {
  const presets = listPresets()
  const text = o.format === 'json' ? JSON.stringify(presets, null, 2) : presetsTable(presets, issueKey(ctx.lang), ctx.m)
  emit(text, o.out, ctx.m)
}
