import { SECTOR_IDS } from '../schema/ids.ts'
import type { MarketPath } from './market-path.ts'

const S = SECTOR_IDS.length

/**
 * The market path as a sub-fund that starts `offset` quarters (a whole number of years) into the
 * mother's life sees it: its quarter 0 is the mother's quarter `offset`. Regimes, yearly factors and
 * the index are those of the mother's path from there on, the index rebased to 1 at the start; the
 * view is `out.quarters` long (the sub-fund's horizon) and the mother's path must cover it.
 */
export function shiftMarketPath(src: MarketPath, offset: number, out: MarketPath): MarketPath {
  const Q = out.quarters
  const years = out.years
  const yearOffset = offset >> 2
  if (offset + Q > src.quarters || (offset & 3) !== 0) throw new RangeError(`a sub-fund view of ${Q} quarters from quarter ${offset} does not fit a market path of ${src.quarters}`)
  for (let q = 0; q < Q; q++) {
    out.regime[q] = src.regime[q + offset]!
    out.regimeEnd[q] = Math.min(Q, src.regimeEnd[q + offset]! - offset)
  }
  for (let y = 0; y < years; y++) {
    out.global[y] = src.global[y + yearOffset]!
    for (let s = 0; s < S; s++) {
      out.latent[s * years + y] = src.latent[s * src.years + y + yearOffset]!
      out.valuation[s * years + y] = src.valuation[s * src.years + y + yearOffset]!
    }
  }
  const base = src.index[offset]!
  for (let q = 0; q <= Q; q++) out.index[q] = src.index[q + offset]! / base
  return out
}
