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

/** A market profile's listing and sale multipliers on every round. What they add comes out of the stall share
 * only: a market that lists more companies does not make fewer of them fail (docs/model.md "Market profiles"),
 * so when sales and listings would overfill the row they are scaled down to the room left by graduation and failure. */
function withExitRoutes(m: SectorModel, listing: number, acquisition: number): SectorModel {
  if (listing === 1 && acquisition === 1) return m
  const rounds = { ...m.rounds }
  for (const id of ROUND_IDS) {
    const r = m.rounds[id]
    const list = r.listing * listing
    const acq = r.acquisition * acquisition
    const room = Math.max(0, 1 - r.next - r.fail)
    const scale = acq + list > room ? room / (acq + list) : 1
    rounds[id] = { ...r, listing: list * scale, acquisition: acq * scale }
  }
  return { ...m, rounds }
}
