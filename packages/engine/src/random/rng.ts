import alea from 'seedrandom/lib/alea.js'

/** A source of uniform numbers in [0, 1) plus standard normals, both from one seeded stream. */
export interface Rng {
  /** Uniform in (0, 1): never exactly 0, so logarithms and inverse CDFs stay finite. */
  uniform(): number
  /** Standard normal (Box–Muller, pairs cached so every draw consumes a fixed amount of stream). */
  normal(): number
}

const TINY = 2 ** -40

/** Creates a stream from seedrandom's Alea generator (period ~2^116, fast to seed). */
export function createRng(seed: string): Rng {
  const next = alea(seed) as () => number
  let spare = 0
  let hasSpare = false
  const uniform = (): number => {
    const u = next()
    return u > 0 ? u : TINY
  }
  return {
    uniform,
    normal(): number {
      if (hasSpare) {
        hasSpare = false
        return spare
      }
      const r = Math.sqrt(-2 * Math.log(uniform()))
      const theta = 2 * Math.PI * next()
      spare = r * Math.sin(theta)
      hasSpare = true
      return r * Math.cos(theta)
    },
  }
}
