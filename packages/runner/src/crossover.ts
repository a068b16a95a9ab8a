import type { ResolvedRun, SimulationConfig } from '@pcsim/engine'
import { resolvedRun } from './resolved-run.ts'

/**
 * When a thread pool pays. A pool of P threads finishes W seconds of single-thread work in about
 * S + W/P, where S is its start-up (P threads each loading the compiled engine, in parallel) plus
 * the transfer of chunks back; in-thread takes W. So the pool wins once W·(1 − 1/P) > S.
 *
 * The per-trial constants are fitted to the one-core lines of `pnpm bench` on the machine named in
 * docs/speed.md (2 × Intel Xeon, node 20, compiled JavaScript). The start-up is each thread's load of
 * the compiled engine (0.29-0.31 CPU-s measured; the threads load in parallel) plus thread creation;
 * bench/crossover.ts times both executors on real runs to check the choice.
 */
export const CROSSOVER = {
  /** Pool start-up to the first finished chunk on every thread, compiled workers, quiet machine (seconds). */
  poolStartupS: 0.35,
  /** Safety factor on the start-up: a loaded machine starts threads more slowly than it computes. */
  margin: 1.5,
  /** Single-thread cost of the fund books per trial and quarter of horizon (µs). */
  booksMicrosPerQuarter: 0.42,
  /** Lifecycle model: per company and quarter of horizon (µs). */
  lifecycleMicrosPerCompanyQuarter: 0.0085,
  /** Power-law model: per deal (µs). */
  powerLawMicrosPerDeal: 0.06,
}

/** Estimated single-thread µs per trial of a resolved run (sub-funds included). */
export function trialMicros(run: ResolvedRun): number {
  const deals = run.deals.cheque.length
  const model = run.config.companies.model === 'power_law' ? deals * CROSSOVER.powerLawMicrosPerDeal : deals * run.horizon * CROSSOVER.lifecycleMicrosPerCompanyQuarter
  return run.horizon * CROSSOVER.booksMicrosPerQuarter + model + run.subRuns.reduce((a, s) => a + trialMicros(s.run), 0)
}

/** Estimated single-thread seconds of all the trials of these configs. */
export function estimatedSeconds(configs: readonly SimulationConfig[]): number {
  return configs.reduce((a, c) => a + (c.run.trials * trialMicros(resolvedRun(c))) / 1e6, 0)
}

/** Whether `seconds` of single-thread work finish sooner on a pool of `threads` threads. */
export function poolPays(seconds: number, threads: number): boolean {
  if (threads < 2) return false
  return seconds * (1 - 1 / threads) > CROSSOVER.poolStartupS * CROSSOVER.margin
}
