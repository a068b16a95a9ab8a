import { useSyncExternalStore } from 'react'
import type { FieldUnitShown } from './issue-wording.ts'

export interface FieldName {
  label: string
  /** The unit the field shows its number in, when it is not the config's own. */
  unit?: FieldUnitShown
}

/** The label (and unit) of every field on screen by its JSON Pointer, so messages can name fields, not paths. */
const labels = new Map<string, FieldName>()
const listeners = new Set<() => void>()
let version = 0

const changed = () => {
  version++
  for (const l of listeners) l()
}

export function registerLabel(pointer: string, label: string, unit?: FieldUnitShown): () => void {
  const entry: FieldName = unit ? { label, unit } : { label }
  labels.set(pointer, entry)
  changed()
  return () => {
    if (labels.get(pointer) === entry) labels.delete(pointer)
    changed()
  }
}

/** The name of `pointer`'s field, or of its nearest parent's; null when none is on screen. */
export function labelOf(pointer: string): FieldName | null {
  for (let p = pointer; p; p = p.slice(0, p.lastIndexOf('/'))) {
    const l = labels.get(p)
    if (l) return l
  }
  return null
}

/** Re-renders when labels come and go. */
export function useFieldLabels(): number {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => version,
  )
}
