import { REGIME_IDS, SECTOR_IDS, SimulationConfigSchema } from '@pcsim/engine'

interface ObjectSchema {
  properties: Record<string, { minimum?: number; maximum?: number; properties?: Record<string, unknown>; items?: ObjectSchema }>
}

/** The shock schema as the engine defines it (so new effects appear here without a change). */
const shockSchema = (SimulationConfigSchema as unknown as { properties: { market: { properties: { shocks: { items: ObjectSchema } } } } }).properties.market.properties.shocks.items

/** Every effect a shock may scale (graduation, failure, exitValue, …), in the schema's order. */
export const EFFECT_KEYS: string[] = Object.keys(shockSchema.properties.effects?.properties ?? {})
export { REGIME_IDS, SECTOR_IDS }

/** A new shock: a two-year fall in exit values from year 2 in every sector, the index 10% a year lower. */
export const newShock = (id: string) => ({ id, fromYear: 2, years: 2, sectors: [] as string[], effects: { exitValue: 0.7 }, indexDrift: -0.1 })

export interface MarketPoint {
  year: number
  /** Expected public index level (1 at the start) with and without the shocks. */
  base: number
  shocked: number
  /** Product of the exit-value effects of the shocks active that year. */
  exitValue: number
}

type Shock = { fromYear: number; years: number; effects?: Record<string, number | undefined>; indexDrift: number }

/** The market path the shocks imply, year by year: the index's expected level and the exit-value multiplier. */
export function marketPath(shocks: Shock[], drift: number, years: number): MarketPoint[] {
  const out: MarketPoint[] = [{ year: 0, base: 1, shocked: 1, exitValue: 1 }]
  let base = 1
  let shocked = 1
  for (let y = 0; y < years; y++) {
    // the share of year [y, y+1) each shock covers
    const cover = (s: Shock) => Math.max(0, Math.min(y + 1, s.fromYear + s.years) - Math.max(y, s.fromYear))
    const extra = shocks.reduce((a, s) => a + cover(s) * s.indexDrift, 0)
    const exit = shocks.reduce((a, s) => a * (cover(s) > 0 ? (s.effects?.exitValue ?? 1) : 1), 1)
    base *= Math.exp(drift)
    shocked *= Math.exp(drift + extra)
    out.push({ year: y + 1, base, shocked, exitValue: exit })
  }
  return out
}
