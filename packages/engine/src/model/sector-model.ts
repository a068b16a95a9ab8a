import type { SectorModel, SectorPatch } from '../schema/companies.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { ROUND_IDS, type SectorId } from '../schema/ids.ts'
import { SECTOR_MODELS } from '../presets/sector-models.ts'
import { fillFrom } from '../schema/fill.ts'

/** The built-in model of a sector in the fund's currency, with the config's patch applied on top. */
export function resolveSectorModel(sector: SectorId, config: SimulationConfig): SectorModel {
  const builtIn = SECTOR_MODELS[sector]
  const fx = config.companies.fxPerUsd
  const inCurrency: SectorModel = {
    ...builtIn,
    maxValue: builtIn.maxValue * fx,
    rounds: Object.fromEntries(ROUND_IDS.map((r) => [r, { ...builtIn.rounds[r], postMoney: builtIn.rounds[r].postMoney * fx }])) as SectorModel['rounds'],
  }
  const patch: SectorPatch | undefined = config.companies.sectors[sector]
  const patched = patch ? (fillFrom(inCurrency, patch) as SectorModel) : inCurrency
  return withExitRoutes(patched, config.market.exits.listingMultiplier, config.market.exits.acquisitionMultiplier)
}

/** A market profile's listing and sale multipliers on every round; what they add comes out of the
 * stall share first, then out of failure, so each row still sums to at most one. */
function withExitRoutes(m: SectorModel, listing: number, acquisition: number): SectorModel {
  if (listing === 1 && acquisition === 1) return m
  const rounds = { ...m.rounds }
  for (const id of ROUND_IDS) {
    const r = m.rounds[id]
    const list = r.listing * listing
    const acq = r.acquisition * acquisition
    const stall = Math.max(0, 1 - r.next - r.acquisition - r.listing - r.fail)
    let over = r.next + acq + list + r.fail + stall - 1
    const fromStall = Math.max(0, Math.min(stall, over))
    over -= fromStall
    const fail = Math.max(0, r.fail - Math.max(0, over))
    const scale = r.next + acq + list + fail > 1 ? 1 / (r.next + acq + list + fail) : 1
    rounds[id] = { ...r, listing: list * scale, acquisition: acq * scale, fail: fail * scale, next: r.next * scale }
  }
  return { ...m, rounds }
}
