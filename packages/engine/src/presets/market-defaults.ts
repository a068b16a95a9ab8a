import { US_EXITS } from './market-profiles.ts'
import type { Effects, Market } from '../schema/market.ts'

export const NEUTRAL_EFFECTS: Effects = {
  graduation: 1,
  acquisition: 1,
  listing: 1,
  failure: 1,
  waitTime: 1,
  stepUp: 1,
  exitValue: 1,
  entryValuation: 1,
}

/** Default market layer: calibration.md §4.7 cycle markers and §6 rows 34-38. */
export const DEFAULT_MARKET: Market = {
  profile: 'us',
  exits: US_EXITS,
  regimes: {
    enabled: true,
    initial: 'stationary',
    // assumption: spells of ~3 y boom (2019-21), ~2 y bust (2022-23), ~5 y normal (§4.7)
    meanYears: { boom: 3, normal: 5, bust: 2 },
    switchTo: { boom: { normal: 0.6, bust: 0.4 }, normal: { boom: 0.5, bust: 0.5 }, bust: { boom: 0.3, normal: 0.7 } },
    effects: {
      // rows 34-37: boom graduation ×1.15 (row 34: ×1.2 in a 2-year window); waits ×0.7 (Carta: 14 months seed→A in
      // Q4 2021 against 20 normal [R7]); step-ups ×1.3 (Carta Q4 2021: seed→A 3.36×, A→B 3.40× against 2.6× and 2.2×
      // [R12]; benchmark 3's 2.3% unicorns); sales ×1 (calibrated against benchmark 3's ≤9.8% acquired [R1])
      boom: { graduation: 1.15, acquisition: 1, listing: 1.5, failure: 0.85, waitTime: 0.7, stepUp: 1.3, exitValue: 1.1, entryValuation: 1.2 },
      normal: NEUTRAL_EFFECTS,
      // rows 34-37: bust graduation ×0.5 in a 2-year window (×0.6 eventual, assumption), step-ups ×0.7 and exit values
      // ×0.6 (Carta 2022: Series D −58%, E+ −74% [R15]; calibrated against benchmark 8), IPOs ×0.2-0.3; waits ×1.35
      bust: { graduation: 0.6, acquisition: 0.8, listing: 0.25, failure: 1.2, waitTime: 1.35, stepUp: 0.7, exitValue: 0.6, entryValuation: 0.75 },
    },
  },
  // row 38 brackets the within-sector correlation between a derived 3% [R26] and 0.23 [R27]: 0.05 within, 0.03 across,
  // no valuation loading (calibrated assumption: benchmarks 7 and 8, fund dispersion); persistence is an assumption
  factors: { enabled: true, withinSector: 0.05, acrossSector: 0.03, persistence: 0.5, valuationLoading: 0 },
  // §4.8: 16% market volatility; drift 7% (assumption); boom/bust drifts are assumptions
  index: { drift: 0.07, volatility: 0.16, factorLoading: 0.5, regimeDrift: { boom: 0.05, normal: 0, bust: -0.15 } },
  shocks: [],
  // assumption (docs/model.md, "A shut IPO window"): a fifth of the withheld listings sell instead;
  // the rest come to market over the year after the window reopens (the 2023-24 US and A-share queues)
  listingQueue: { toSale: 0.2, releaseQuarters: 4 },
}

/** A market with no regimes and no factors: every company draws from the normal-regime table. */
export const CALM_MARKET: Market = {
  ...DEFAULT_MARKET,
  regimes: { ...DEFAULT_MARKET.regimes, enabled: false },
  factors: { ...DEFAULT_MARKET.factors, enabled: false },
}
