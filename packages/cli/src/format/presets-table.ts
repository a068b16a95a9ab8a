import type { listPresets } from '@pcsim/engine'
import type { Messages } from '../messages/index.ts'
import { section } from './text-table.ts'

/** The preset catalogue as text: one block per list, names in the chosen language. */
export function presetsTable(p: ReturnType<typeof listPresets>, lang: 'en' | 'zh', m: Messages): string {
  const t = m.presets
  const block = (title: string, entries: typeof p.sectors) =>
    section(title, [[t.id, t.name, t.source], ...entries.map((e) => [e.id, e.name[lang], e.source])], { align: ['left', 'left', 'left'] })
  return `${[block(t.sectors, p.sectors), block(t.stages, p.stages), block(t.funds, p.funds), block(t.scenarios, p.scenarios)].join('\n\n')}\n`
}
