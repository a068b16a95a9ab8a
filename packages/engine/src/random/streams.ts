import { stringState } from './alea.ts'
import { createRngFromWords, type Rng } from './rng.ts'

/** The labelled sub-streams of one trial. Each purpose has its own stream so that changing a
 * strategy never shifts the market draws (common random numbers) and chunking never changes them. */
export interface TrialStreams {
  market: Rng
  deals: Rng
  companies: Rng
}

/** MurmurHash3's 32-bit finaliser: a bijection on 32-bit words with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

const GOLDEN = 0x9e3779b9

/** Two 32-bit words per seed string (Baagøe's Mash, once per seed, not once per stream). */
const seedWords = new Map<string, [number, number]>()
function wordsOf(seed: string): [number, number] {
  let w = seedWords.get(seed)
  if (!w) {
    const [s0, s1] = stringState(seed)
    w = [(s0 * 4294967296) >>> 0, (s1 * 4294967296) >>> 0]
    if (seedWords.size >= 64) seedWords.clear()
    seedWords.set(seed, w)
  }
  return w
}

/**
 * Streams for (seed, trial, purpose); they depend on nothing else, so any split into chunks agrees.
 * Seeded by an integer mix, no strings: `a` is a bijection of the trial number (distinct trials
 * below 2^32 never share a key), `b` a second independent lane; each stream's three Alea state
 * words are the finaliser of (a + j·φ) xor b for its own j.
 */
export function createTrialStreams(seed: string, trial: number): TrialStreams {
  const [seedA, seedB] = wordsOf(seed)
  const low = trial >>> 0
  const high = Math.floor(trial / 4294967296) >>> 0
  const a = fmix32((low ^ seedA) >>> 0)
  const b = fmix32(((Math.imul(low, GOLDEN) + seedB) ^ high) >>> 0)
  const word = (j: number) => fmix32(((a + Math.imul(j, GOLDEN)) ^ b) >>> 0)
  return {
    market: createRngFromWords(word(1), word(2), word(3)),
    deals: createRngFromWords(word(4), word(5), word(6)),
    companies: createRngFromWords(word(7), word(8), word(9)),
  }
}
