/** Every leaf of a JSON value as [JSON Pointer, value]; arrays of numbers or strings stay one leaf. */
export function flattenLeaves(value: unknown, pointer = ''): Array<[string, string | number | boolean | null]> {
  if (value === null || typeof value !== 'object') return [[pointer || '/', value as string | number | boolean | null]]
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return [[pointer || '/', value.join(' ')]]
  const out: Array<[string, string | number | boolean | null]> = []
  for (const [k, v] of Object.entries(value)) out.push(...flattenLeaves(v, `${pointer}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`))
  return out
}
