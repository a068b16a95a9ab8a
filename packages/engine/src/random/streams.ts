import { prefixState } from './alea.ts'
import { createRngAfter, type Rng } from './rng.ts'

/** The labelled sub-streams of one trial. Each purpose has its own stream so that changing a
 * strategy never shifts the market draws (common random numbers) and chunking never changes them. */
export interface TrialStreams {
  market: Rng
  deals: Rng
  companies: Rng
  /** A 32-bit number of (seed, trial) for `hashUniform` (the hash state the three streams start from). */
  salt: number
}

/** Stream for (seed, trial, purpose); depends on nothing else, so any split into chunks agrees. */
export function createTrialStreams(seed: string, trial: number): TrialStreams {
  const base = `${seed}/${trial}/`
  const first = prefixState(base)
  return {
    market: createRngAfter(base, 'm', first),
    deals: createRngAfter(base, 'd', first),
    companies: createRngAfter(base, 'c', first),
    salt: first >>> 0,
  }
}
