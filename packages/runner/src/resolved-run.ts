import { resolveRun, type ResolvedRun, type SimulationConfig } from '@pcsim/engine'

const runs = new WeakMap<SimulationConfig, ResolvedRun>()

/**
 * The engine's resolved run of a config object, made once per object in this thread. Executors,
 * merges and summaries of one run share it: resolving again would cost little itself, but building
 * its objects a second time after the trial loop is optimised makes V8 drop that code and compile
 * it again (see the engine's run/run-scratch.ts).
 */
export function resolvedRun(config: SimulationConfig): ResolvedRun {
  let run = runs.get(config)
  if (!run) runs.set(config, (run = resolveRun(config)))
  return run
}
