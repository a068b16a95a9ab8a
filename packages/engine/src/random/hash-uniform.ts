/**
 * A uniform in [0, 1) from a trial's salt and two integers (a company and a purpose), drawn from no
 * stream. The books use it for decisions they take per company event (an old-share sale, a listing
 * venue): a config that takes more or fewer such decisions leaves every other draw where it was, so
 * two strategies on one seed still see the same futures (common random numbers).
 * The mix is the "lowbias32" integer hash (Wellons, hash-prospector).
 */
export function hashUniform(salt: number, a: number, b: number): number {
  let h = (salt ^ Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296
}

/** Purposes of `hashUniform` draws (the second integer, beside the round where there is one). */
export const HASH_PURPOSE = { oldShareSale: 0, overseasListing: 16 } as const
