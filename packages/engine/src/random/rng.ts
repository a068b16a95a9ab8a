import { Alea, stringState } from './alea.ts'
import { zigguratNormal } from './ziggurat.ts'

/** A source of uniform numbers in (0, 1) plus standard normals, both from one seeded stream. */
export interface Rng {
  /** Uniform in (0, 1): never exactly 0, so logarithms and inverse CDFs stay finite. */
  uniform(): number
  /** Standard normal (ziggurat method). */
  normal(): number
}

const TINY = 2 ** -40

/** The Alea generator behind the Rng interface. */
class AleaRng extends Alea implements Rng {
  uniform(): number {
    const u = this.next()
    return u > 0 ? u : TINY
  }

  normal(): number {
    return zigguratNormal(this)
  }
}

/** A stream seeded by a string (Baagøe's Mash, as seedrandom's alea). */
export const createRng = (seed: string): Rng => new AleaRng(...stringState(seed))
