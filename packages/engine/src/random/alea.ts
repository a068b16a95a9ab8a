/**
 * Baagøe's Alea generator (a lag-3 multiply-with-carry on 32-bit fractions, period ~2^116), as in
 * seedrandom 3.0.5's lib/alea.js, rewritten as a class with plain number fields so V8 keeps every
 * draw inline: the same numbers bit for bit (Baagøe's Mash seeding of a string).
 */
const TWO_M32 = 2.3283064365386963e-10 // 2^-32

/** Baagøe's Mash hash, state carried across calls as in the original. */
function mash(state: { n: number }, data: string): number {
  let n = state.n
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i)
    let h = 0.02519603282416938 * n
    n = h >>> 0
    h -= n
    h *= n
    n = h >>> 0
    h -= n
    n += h * 0x100000000 // 2^32
  }
  state.n = n
  return (n >>> 0) * TWO_M32
}

/** Mash's state and the three fractions after the seeding's three hashes of ' ' (the same for every seed). */
const BLANK = (() => {
  const m = { n: 0xefc8249d }
  const s0 = mash(m, ' ')
  const s1 = mash(m, ' ')
  const s2 = mash(m, ' ')
  return { n: m.n, s0, s1, s2 }
})()

/** Mash's state after the blank seeding and one pass over `prefix`: the first of the three
 * passes over any seed that starts with `prefix`, shareable between such seeds. */
export function prefixState(prefix: string): number {
  const m = { n: BLANK.n }
  mash(m, prefix)
  return m.n
}

/** The three state fractions of seedrandom's `alea(seed + suffix)` after its Mash seeding
 * (hashing a string in two parts carries the same state as hashing it whole). `first` is
 * `prefixState(seed)`. */
export function stringState(seed: string, suffix = '', first = prefixState(seed)): [number, number, number] {
  const m = { n: first }
  let s0 = BLANK.s0 - mash(m, suffix)
  if (s0 < 0) s0 += 1
  mash(m, seed)
  let s1 = BLANK.s1 - mash(m, suffix)
  if (s1 < 0) s1 += 1
  mash(m, seed)
  let s2 = BLANK.s2 - mash(m, suffix)
  if (s2 < 0) s2 += 1
  return [s0, s1, s2]
}

export class Alea {
  // `declare`: no class-field definitions are emitted. Those would create every field as
  // undefined first, so V8 would store the state as tagged values and box a new number at each draw.
  /** State fractions: multiples of 2^-32 in [0, 1). */
  protected declare s0: number
  protected declare s1: number
  protected declare s2: number
  declare c: number

  constructor(s0: number, s1: number, s2: number) {
    this.s0 = s0
    this.s1 = s1
    this.s2 = s2
    this.c = 1
  }

  /** Uniform on [0, 1), 32 bits of resolution. */
  next(): number {
    const t = 2091639 * this.s0 + this.c * TWO_M32
    this.s0 = this.s1
    this.s1 = this.s2
    this.c = t | 0
    return (this.s2 = t - this.c)
  }
}
