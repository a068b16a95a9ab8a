import type { Messages } from '../../i18n/en.ts'

/**
 * An LP class as a reader names it: its kind ("Government"), with its id only when the id says
 * something the kind does not ("Government (bbb)"), never "Government class government".
 */
export function className(id: string, kind: string, t: Messages): string {
  const kindName = t.builder.lpKindsShort[kind as keyof Messages['builder']['lpKindsShort']] ?? kind
  const plain = (s: string) => s.toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]/g, '')
  return plain(id) === plain(kind) || plain(id) === plain(kindName) ? kindName : t.lp.namedClass(kindName, id)
}
