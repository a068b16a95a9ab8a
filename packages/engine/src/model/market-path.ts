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
  /** First quarter after q in another regime (or `quarters`). */
  regimeEnd: Int32Array
  /** Latent factor each company's outcome draw loads on: √ρa·G + √(ρw−ρa)·S, per [sector * years + year]. */
  latent: Float64Array
  /** Log-space valuation shift L·f − L²/2 (mean-one multiplier), per [sector * years + year]. */
  valuation: Float64Array
  /** Standardised global factor per year (drives the index even when company factors are off). */
  global: Float64Array
  /** Scratch: current sector factors while drawing. */
  sector: Float64Array
  /** Scratch: the path's uniforms, then its normals, drawn in one call each. */
  draws: Float64Array
  /** Index level at the end of each quarter, starting from 1 before quarter 0 (length quarters + 1). */
  index: Float64Array
}

export function createMarketPath(quarters: number): MarketPath {
  const years = Math.ceil(quarters / 4)
  return {
    quarters,
    years,
    regime: new Int8Array(quarters),
    regimeEnd: new Int32Array(quarters),
    latent: new Float64Array(S * years),
    valuation: new Float64Array(S * years),
    global: new Float64Array(years),
    sector: new Float64Array(S),
    draws: new Float64Array(Math.max(1, 2 * quarters - 1, years * (1 + S) + quarters)),
    index: new Float64Array(quarters + 1),
  }
}

/** Stationary distribution of the regime chain (quarterly leave probabilities 1 − e^(−1/(4·meanYears)), as simulated). */
export function stationaryRegimes(m: Market): number[] {
  const leave = REGIME_IDS.map((r) => 1 - Math.exp(-1 / (4 * m.regimes.meanYears[r])))
  const P = REGIME_IDS.map((from, i) =>
    REGIME_IDS.map((to, j) => (i === j ? 1 - leave[i]! : leave[i]! * ((m.regimes.switchTo[from] as Record<string, number>)[to] ?? 0))),
  )
  let pi = [1 / 3, 1 / 3, 1 / 3]
  for (let it = 0; it < 2000; it++) pi = REGIME_IDS.map((_, j) => pi.reduce((acc, p, i) => acc + p * P[i]![j]!, 0))
  return pi
}

/** Constants of the market layer, computed once per config. */
export interface MarketPlan {
  initial: number
  stationary: number[]
  regimesOn: boolean
  /** Quarterly probability of leaving each regime. */
  leave: Float64Array
  /** For each regime, its two possible targets and the probability of the first. */
  targets: Int8Array
  firstTarget: Float64Array
  phi: number
  innovation: number
  across: number
  within: number
  standardise: number
  loading: number
  indexSigma: number
  indexLoading: number
  indexOwn: number
  /** Annual drift of the index in each regime. */
  drift: Float64Array
  /** First quarter the regime chain moves in (a reforecast's date; 0 otherwise): it holds its
   * initial state until then, drawing the same numbers. */
  start: number
}

export function planMarket(m: Market): MarketPlan {
  const f = m.factors
  const on = f.enabled && f.withinSector > 0
  const targets = new Int8Array(6)
  const firstTarget = new Float64Array(3)
  REGIME_IDS.forEach((from, i) => {
    const others = REGIME_IDS.filter((_, j) => j !== i)
    targets[2 * i] = REGIME_IDS.indexOf(others[0]!)
    targets[2 * i + 1] = REGIME_IDS.indexOf(others[1]!)
    firstTarget[i] = (m.regimes.switchTo[from] as Record<string, number>)[others[0]!]!
  })
  const loading = m.index.factorLoading
  return {
    initial: m.regimes.initial === 'stationary' ? -1 : REGIME_IDS.indexOf(m.regimes.initial),
    stationary: stationaryRegimes(m),
    regimesOn: m.regimes.enabled,
    leave: Float64Array.from(REGIME_IDS.map((r) => 1 - Math.exp(-1 / (4 * m.regimes.meanYears[r])))),
    targets,
    firstTarget,
    phi: f.persistence,
    innovation: Math.sqrt(1 - f.persistence * f.persistence),
    across: on ? Math.sqrt(f.acrossSector) : 0,
    within: on ? Math.sqrt(Math.max(0, f.withinSector - f.acrossSector)) : 0,
    standardise: on ? 1 / Math.sqrt(f.withinSector) : 0,
    loading: on ? f.valuationLoading : 0,
    indexSigma: m.index.volatility,
    indexLoading: loading,
    indexOwn: Math.sqrt(1 - loading * loading),
    drift: Float64Array.from(REGIME_IDS.map((r) => m.index.drift + m.index.regimeDrift[r])),
    start: 0,
  }
}

/** Draws a market path. Every trial consumes the same number of draws whatever the settings, so
 * changing the strategy or switching a layer off leaves the other draws where they were. */
export function simulateMarket(p: MarketPlan, effects: EffectTables, rng: Rng, out: MarketPath): MarketPath {
  const { quarters, years } = out
  const st = p.stationary
  const d = out.draws
  // the first uniform picks the initial regime, then two per quarter (leave?, where to)
  rng.uniforms(d, quarters > 0 ? 2 * quarters - 1 : 1)
  let u = d[0]!
  let state = p.initial >= 0 ? p.initial : u < st[0]! ? 0 : u < st[0]! + st[1]! ? 1 : 2
  for (let q = 0; q < quarters; q++) {
    if (q > p.start) {
      u = d[2 * q - 1]!
      const pick = d[2 * q]!
      if (u < p.leave[state]!) state = p.targets[2 * state + (pick < p.firstTarget[state]! ? 0 : 1)]!
    }
    const forced = effects.forcedRegime[q]!
    out.regime[q] = forced >= 0 ? forced : p.regimesOn ? state : NORMAL
  }
  let end = quarters
  for (let q = quarters - 1; q >= 0; q--) {
    out.regimeEnd[q] = end
    if (q > 0 && out.regime[q - 1] !== out.regime[q]) end = q
  }
  // normals: per year the global factor then each sector's, then one per quarter for the index
  rng.normals(d, years * (1 + S) + quarters)
  let k = 0
  const sec = out.sector
  const L = p.loading
  const centre = (L * L) / 2
  let g = 0
  for (let y = 0; y < years; y++) {
    g = y === 0 ? d[k++]! : p.phi * g + p.innovation * d[k++]!
    out.global[y] = g
    for (let s = 0; s < S; s++) {
      const z = d[k++]!
      sec[s] = y === 0 ? z : p.phi * sec[s]! + p.innovation * z
      const latent = p.across * g + p.within * sec[s]!
      out.latent[s * years + y] = latent
      out.valuation[s * years + y] = L * latent * p.standardise - centre
    }
  }
  const sigma = p.indexSigma
  const convexity = (sigma * sigma) / 8
  out.index[0] = 1
  for (let q = 0; q < quarters; q++) {
    const drift = p.drift[out.regime[q]!]! + effects.indexDriftAdd[q]!
    const shock = (sigma / 2) * (p.indexLoading * out.global[q >> 2]! + p.indexOwn * d[k++]!)
    out.index[q + 1] = out.index[q]! * Math.exp(drift / 4 - convexity + shock)
  }
  return out
}
