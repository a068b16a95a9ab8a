import type { Context } from '../context.ts'
import { loadConfig } from '../load-config.ts'
import { emit } from '../output.ts'

/** `pcsim show <template>`: the full parsed config, every field filled, as JSON. */
export function showCommand(input: string, o: { out?: string }, ctx: Context): void {
  const { config } = loadConfig(input)
  emit(JSON.stringify(config, null, 2), o.out, ctx.m)
}
