import { createRng, type Rng } from './rng.ts'

/** The labelled sub-streams of one trial. Each purpose has its own stream so that changing a
 * strategy never shifts the market draws (common random numbers) and chunking never changes them. */
export interface TrialStreams {
  market: Rng
  deals: Rng
  companies: Rng
}

/** Stream for (seed, trial, purpose); depends on nothing else, so any split into chunks agrees. */
export function createTrialStreams(seed: string, trial: number): TrialStreams {
  const base = `${seed}/${trial}/`
  return {
    market: createRng(base + 'm'),
    deals: createRng(base + 'd'),
    companies: createRng(base + 'c'),
  }
}
