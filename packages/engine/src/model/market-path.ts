import type { Rng } from '../random/rng.ts'
import type { Market } from '../schema/market.ts'
import { REGIME_IDS, SECTOR_IDS } from '../schema/ids.ts'
import { NORMAL, type EffectTables } from './effects.ts'

const S = SECTOR_IDS.length

/** One future of the market: regime per quarter, yearly sector factors, and a public index. */
export interface MarketPath {
  quarters: number
  years: number
  regime: Int8Array
  /** Latent factor each company's outcome draw loads on: √ρa·G + √(ρw−ρa)·S, per [sector * years + year]. */
  latent: Float64Array
  /** Log-space valuation shift L·f − L²/2 (mean-one multiplier), per [sector * years + year]. */
  valuation: Float64Array
  /** Standardised global factor per year (drives the index even when company factors are off). */
  global: Float64Array
  /** Index level at the end of each quarter, starting from 1 before quarter 0 (length quarters + 1). */
  index: Float64Array
}

export function createMarketPath(quarters: number): MarketPath {
  const years = Math.ceil(quarters / 4)
  return {
    quarters,
    years,
    regime: new Int8Array(quarters),
    latent: new Float64Array(S * years),
    valuation: new Float64Array(S * years),
    global: new Float64Array(years),
    index: new Float64Array(quarters + 1),
  }
}

/** Stationary distribution of the regime chain (quarterly leave rates 1/(4·meanYears)). */
export function stationaryRegimes(m: Market): number[] {
  const leave = REGIME_IDS.map((r) => 1 / (4 * m.regimes.meanYears[r]))
  const P = REGIME_IDS.map((from, i) =>
    REGIME_IDS.map((to, j) => (i === j ? 1 - leave[i]! : leave[i]! * ((m.regimes.switchTo[from] as Record<string, number>)[to] ?? 0))),
  )
  let pi = [1 / 3, 1 / 3, 1 / 3]
  for (let it = 0; it < 2000; it++) pi = REGIME_IDS.map((_, j) => pi.reduce((acc, p, i) => acc + p * P[i]![j]!, 0))
  return pi
}

/** Draws a market path. Every trial consumes the same number of draws whatever the settings, so
 * changing the strategy or switching a layer off leaves the other draws where they were. */
export function simulateMarket(m: Market, effects: EffectTables, stationary: number[], rng: Rng, out: MarketPath): MarketPath {
  const { quarters, years } = out
  const leave = REGIME_IDS.map((r) => 1 - Math.exp(-1 / (4 * m.regimes.meanYears[r])))
  let u = rng.uniform()
  let state = m.regimes.initial === 'stationary' ? (u < stationary[0]! ? 0 : u < stationary[0]! + stationary[1]! ? 1 : 2) : REGIME_IDS.indexOf(m.regimes.initial)
  for (let q = 0; q < quarters; q++) {
    if (q > 0) {
      u = rng.uniform()
      const pick = rng.uniform()
      if (u < leave[state]!) {
        const from = REGIME_IDS[state]!
        const targets = REGIME_IDS.filter((_, j) => j !== state)
        const first = (m.regimes.switchTo[from] as Record<string, number>)[targets[0]!]!
        state = REGIME_IDS.indexOf(pick < first ? targets[0]! : targets[1]!)
      }
    }
    const forced = effects.forcedRegime[q]!
    out.regime[q] = forced >= 0 ? forced : m.regimes.enabled ? state : NORMAL
  }
  const f = m.factors
  const phi = f.persistence
  const innov = Math.sqrt(1 - phi * phi)
  const on = f.enabled && f.withinSector > 0
  const a = on ? Math.sqrt(f.acrossSector) : 0
  const b = on ? Math.sqrt(Math.max(0, f.withinSector - f.acrossSector)) : 0
  const std = on ? 1 / Math.sqrt(f.withinSector) : 0
  const L = on ? f.valuationLoading : 0
  let g = 0
  const sec = new Float64Array(S)
  for (let y = 0; y < years; y++) {
    g = y === 0 ? rng.normal() : phi * g + innov * rng.normal()
    out.global[y] = g
    for (let s = 0; s < S; s++) {
      const z = rng.normal()
      sec[s] = y === 0 ? z : phi * sec[s]! + innov * z
      const latent = a * g + b * sec[s]!
      out.latent[s * years + y] = latent
      out.valuation[s * years + y] = L * latent * std - (L * L) / 2
    }
  }
  const ix = m.index
  const loading = ix.factorLoading
  const own = Math.sqrt(1 - loading * loading)
  const sigma = ix.volatility
  out.index[0] = 1
  for (let q = 0; q < quarters; q++) {
    const drift = ix.drift + ix.regimeDrift[REGIME_IDS[out.regime[q]!]!] + effects.indexDriftAdd[q]!
    const shock = (sigma / 2) * (loading * out.global[q >> 2]! + own * rng.normal())
    out.index[q + 1] = out.index[q]! * Math.exp(drift / 4 - (sigma * sigma) / 8 + shock)
  }
  return out
}
