/// <reference path="./alea.d.ts" />
import alea from 'seedrandom/lib/alea.js'
import { zigguratNormal } from './ziggurat.ts'

/** A source of uniform numbers in (0, 1) plus standard normals, both from one seeded stream. */
export interface Rng {
  /** Uniform in (0, 1): never exactly 0, so logarithms and inverse CDFs stay finite. */
  uniform(): number
  /** Standard normal (ziggurat method). */
  normal(): number
}

const TINY = 2 ** -40

/** seedrandom's Alea generator (period ~2^116, fast to seed) behind the Rng interface. */
class AleaRng implements Rng {
  private readonly next: () => number

  constructor(seed: string) {
    this.next = alea(seed)
  }

  uniform(): number {
    const u = this.next()
    return u > 0 ? u : TINY
  }

  normal(): number {
    return zigguratNormal(this.next)
  }
}

export const createRng = (seed: string): Rng => new AleaRng(seed)
