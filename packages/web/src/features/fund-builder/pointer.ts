const unescape = (s: string) => s.replaceAll('~1', '/').replaceAll('~0', '~')
const parts = (pointer: string) => (pointer === '' ? [] : pointer.split('/').slice(1).map(unescape))

/** The value at a JSON Pointer (`/strategy/reserves/share`), or undefined. */
export function getAt(root: unknown, pointer: string): unknown {
  let cur = root
  for (const p of parts(pointer)) {
    if (typeof cur !== 'object' || cur === null) return undefined
    cur = (cur as Record<string, unknown>)[p]
  }
  return cur
}

/** A copy of `root` with the value at `pointer` replaced (objects and arrays along the path are copied). */
export function setAt<T>(root: T, pointer: string, value: unknown): T {
  const keys = parts(pointer)
  const go = (node: unknown, i: number): unknown => {
    if (i === keys.length) return value
    const key = keys[i]!
    if (Array.isArray(node)) {
      const copy = [...node]
      copy[Number(key)] = go(node[Number(key)], i + 1)
      return copy
    }
    const obj = typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : {}
    return { ...obj, [key]: go(obj[key], i + 1) }
  }
  return go(root, 0) as T
}

/** A copy of `root` without the value at `pointer` (an object key is deleted, an array item spliced out). */
export function removeAt<T>(root: T, pointer: string): T {
  const keys = parts(pointer)
  if (keys.length === 0) return root
  const parentPointer = pointer.slice(0, pointer.lastIndexOf('/'))
  const parent = getAt(root, parentPointer)
  const last = keys[keys.length - 1]!
  if (Array.isArray(parent)) return setAt(root, parentPointer, parent.filter((_, i) => i !== Number(last)))
  if (typeof parent !== 'object' || parent === null || !(last in parent)) return root
  const { [last]: _gone, ...rest } = parent as Record<string, unknown>
  return setAt(root, parentPointer, rest)
}

/** True when `path` is `field` or lies inside it. */
export const isUnder = (path: string, field: string) => path === field || path.startsWith(`${field}/`)
