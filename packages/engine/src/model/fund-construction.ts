import type { SectorModel } from '../schema/companies.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { SECTOR_IDS } from '../schema/ids.ts'
import { MAX_QUARTERS } from '../schema/limits.ts'
import { buildConstruction, type Construction } from './construction.ts'
import { buildEffectTables, type EffectTables } from './effects.ts'
import { sectorHazards as hazardsOf, type RoundHazards } from './hazards.ts'
import { expectedFollowOnRatio } from './plan.ts'
import { resolveSectorModel } from './sector-model.ts'

/** Quarters a fund can last: its life plus every possible extension. */
export const horizonQuarters = (c: SimulationConfig): number => Math.min(MAX_QUARTERS, Math.round((c.fund.lifeYears + c.fund.extensionYears) * 4))

/** What the portfolio plan of a fund needs: its market effects and sector models over the horizon. */
export interface PlanBase {
  config: SimulationConfig
  horizon: number
  effects: EffectTables
  sectorModels: Array<SectorModel | undefined>
  /** Competing-hazard tables per sector (undefined where the sector is not held or in power-law mode). */
  sectorHazards: Array<RoundHazards[] | undefined>
}

export function planBase(config: SimulationConfig, horizon: number): PlanBase {
  const effects = buildEffectTables(config, horizon)
  const sectorModels = SECTOR_IDS.map((s) => ((config.strategy.sectorWeights[s] ?? 0) > 0 ? resolveSectorModel(s, config) : undefined))
  const sectorHazards = sectorModels.map((m) => (m && config.companies.model === 'lifecycle' ? hazardsOf(m, config.market) : undefined))
  return { config, horizon, effects, sectorModels, sectorHazards }
}

/** Portfolio construction of a fund that invests in companies directly. */
export const directConstruction = (base: PlanBase): Construction => buildConstruction(base.config, () => expectedFollowOnRatio(base))
