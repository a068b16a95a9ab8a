import { useSyncExternalStore } from 'react'
import type { SimSnapshot, SimulationClient } from './simulation-client.ts'

/** The client's current snapshot; re-renders when it changes. */
export function useSimulation<I, R>(client: SimulationClient<I, R>): SimSnapshot<R> {
  return useSyncExternalStore(client.subscribe, client.getSnapshot)
}
