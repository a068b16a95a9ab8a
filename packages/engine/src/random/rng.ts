import { Alea, stringState } from './alea.ts'
import { zigguratNormal } from './ziggurat.ts'

/** A source of uniform numbers in (0, 1) plus standard normals, both from one seeded stream. */
export interface Rng {
  /** Uniform in (0, 1): never exactly 0, so logarithms and inverse CDFs stay finite. */
  uniform(): number
  /** Standard normal (ziggurat method). */
  normal(): number
  /** The next n uniforms into out[0..n−1]: the same numbers as n calls of `uniform()`. */
  uniforms(out: Float64Array, n: number): void
  /** The next n standard normals into out[0..n−1]: the same numbers as n calls of `normal()`. */
  normals(out: Float64Array, n: number): void
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

  // filling an array keeps each draw inline (no number boxed per call) in callers that draw many
  uniforms(out: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) {
      const u = this.next()
      out[i] = u > 0 ? u : TINY
    }
  }

  normals(out: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) out[i] = zigguratNormal(this)
  }
}

/** A stream seeded by a string (Baagøe's Mash, as seedrandom's alea). */
export const createRng = (seed: string): Rng => new AleaRng(...stringState(seed))

/** `createRng(prefix + suffix)`, given `first = prefixState(prefix)` (shared by the seeds of one prefix). */
export const createRngAfter = (prefix: string, suffix: string, first: number): Rng => new AleaRng(...stringState(prefix, suffix, first))
