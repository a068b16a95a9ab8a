import { useSyncExternalStore } from 'react'
import type { RunResult } from '@pcsim/engine'

/** The result the board report shows (null: the report is closed). */
let open: RunResult | null = null
const listeners = new Set<() => void>()
const set = (r: RunResult | null) => {
  open = r
  for (const l of listeners) l()
}

export const openReport = (result: RunResult) => set(result)
export const closeReport = () => set(null)

export function useReport(): RunResult | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => open,
  )
}
