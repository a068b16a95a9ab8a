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
    rounds: Object.fromEntries(ROUND_IDS.map((r) => [r, { ...builtIn.rounds[r], postMoney: builtIn.rounds[r].postMoney * fx }])) as SectorModel['rounds'],
  }
  const patch: SectorPatch | undefined = config.companies.sectors[sector]
  return patch ? (fillFrom(inCurrency, patch) as SectorModel) : inCurrency
}
