import type { SimulationConfig } from '../schema/config.ts'
import { REGIME_IDS, SECTOR_IDS, type SectorId } from '../schema/ids.ts'
import { EFFECT_IDS, type Effects } from '../schema/market.ts'

export const E = EFFECT_IDS.length
export const EFFECT = Object.fromEntries(EFFECT_IDS.map((e, i) => [e, i])) as Record<(typeof EFFECT_IDS)[number], number>
export const NORMAL = REGIME_IDS.indexOf('normal')
export const SECTOR_INDEX = Object.fromEntries(SECTOR_IDS.map((s, i) => [s, i])) as Record<SectorId, number>

/** Deterministic per-quarter tables derived once per config: stacked shock multipliers per sector,
 * forced regimes and index-drift add-ons. Shocks multiply, so stacking two is their product. */
export interface EffectTables {
  quarters: number
  regime: Float64Array // [regime * E + effect]
  shock: Float64Array // [(sector * quarters + q) * E + effect]
  /** 1 where some shock changes an effect of the sector in the quarter (fast path when 0). */
  shocked: Uint8Array // [sector * quarters + q]
  /** First quarter after q whose `shocked` flag differs from q's (or `quarters`). */
  shockEdge: Int32Array // [sector * quarters + q]
  forcedRegime: Int8Array // [q], −1 when free
  indexDriftAdd: Float64Array // [q], annual rate
}

const effectRow = (e: Effects): number[] => EFFECT_IDS.map((id) => e[id])

export function buildEffectTables(config: SimulationConfig, quarters: number): EffectTables {
  const { market } = config
  const regime = new Float64Array(REGIME_IDS.length * E)
  REGIME_IDS.forEach((r, i) => regime.set(effectRow(market.regimes.effects[r]), i * E))
  const shock = new Float64Array(SECTOR_IDS.length * quarters * E).fill(1)
  const forcedRegime = new Int8Array(quarters).fill(-1)
  const indexDriftAdd = new Float64Array(quarters)
  const shocked = new Uint8Array(SECTOR_IDS.length * quarters)
  for (const s of market.shocks) {
    const from = Math.round(s.fromYear * 4)
    const to = Math.min(quarters, Math.round((s.fromYear + s.years) * 4))
    const sectors = s.sectors.length === 0 ? SECTOR_IDS.map((_, i) => i) : s.sectors.map((id) => SECTOR_INDEX[id])
    for (let q = from; q < to; q++) {
      if (s.regime) forcedRegime[q] = REGIME_IDS.indexOf(s.regime)
      indexDriftAdd[q] = (indexDriftAdd[q] ?? 0) + s.indexDrift
      for (const si of sectors) {
        const base = (si * quarters + q) * E
        if (Object.keys(s.effects).length > 0) shocked[si * quarters + q] = 1
        for (const [id, value] of Object.entries(s.effects)) shock[base + EFFECT[id as keyof typeof EFFECT]]! *= value as number
      }
    }
  }
  const shockEdge = new Int32Array(SECTOR_IDS.length * quarters)
  for (let si = 0; si < SECTOR_IDS.length; si++) {
    let edge = quarters
    for (let q = quarters - 1; q >= 0; q--) {
      shockEdge[si * quarters + q] = edge
      if (q > 0 && shocked[si * quarters + q - 1] !== shocked[si * quarters + q]) edge = q
    }
  }
  return { quarters, regime, shock, shocked, shockEdge, forcedRegime, indexDriftAdd }
}

/** Multiplier of one effect for a sector in a quarter under a regime. */
export function effectAt(t: EffectTables, sector: number, q: number, regime: number, effect: number): number {
  const qq = q < t.quarters ? q : t.quarters - 1
  return t.regime[regime * E + effect]! * t.shock[(sector * t.quarters + qq) * E + effect]!
}

/** Regime in force in a quarter when regimes are switched off: normal unless a shock forces one. */
export const calmRegime = (t: EffectTables, q: number): number => {
  const f = t.forcedRegime[q < t.quarters ? q : t.quarters - 1]!
  return f >= 0 ? f : NORMAL
}
