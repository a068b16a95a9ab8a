import { createListingTranches, type ListingTranches } from './listing-tranches.ts'
import { createCapTables, type CapTables } from './cap-table.ts'
import { createCoefficients, type CompanyContext } from './company-path.ts'
import { SECTOR_MODELS } from '../presets/sector-models.ts'
import { E } from './effects.ts'
import { AmericanWaterfall } from './american-waterfall.ts'
import { BooksState } from './books/state.ts'
import type { DealFlowResult } from './deal-flow.ts'
import { EuropeanWaterfall, type Split } from './european-waterfall.ts'
import { EventBuffer } from './events.ts'
import { LpLedger } from './lp-ledger.ts'
import { createMarketPath, type MarketPath } from './market-path.ts'
import type { ResolvedRun } from './resolve.ts'
import { createRng, type Rng } from '../random/rng.ts'

/** Buffers one chunk reuses for all its trials. */
export interface TrialWorkspace {
  market: MarketPath
  events: EventBuffer
  order: Int32Array
  bucketStart: Int32Array
  bucketFill: Int32Array
  euro: EuropeanWaterfall
  amer: AmericanWaterfall
  ledger: LpLedger
  dealQuarter: Int32Array
  flow: DealFlowResult
  state: Int8Array
  own: Float64Array
  mark: Float64Array
  entryPost: Float64Array
  /** Money other investors put into the company's entry round. */
  entryOthers: Float64Array
  invested: Float64Array
  /** The trial's `hashUniform` salt (set by simulateTrial). */
  salt: number
  /** Cost of the part of the stake still held (invested, less the cost of shares sold at later rounds). */
  costHeld: Float64Array
  /** Power-law deals whose exit falls after the horizon: the value they drew (NaN otherwise). */
  drawnValue: Float64Array
  proceeds: Float64Array
  entryQuarter: Int32Array
  followed: Int32Array
  unicorn: Uint8Array
  calls: Float64Array
  lpFlows: Float64Array
  grossFlows: Float64Array
  classFlows: Float64Array
  classNav: Float64Array
  /** Fund NAV at the end of each quarter (for a fund-of-funds above this fund). */
  navByQuarter: Float64Array
  /** Money into and out of companies each quarter (a mother fund co-invests beside them). */
  investedByQuarter: Float64Array
  proceedsByQuarter: Float64Array
  /** Quarter each company first reached the producing stage this trial (−1: not). */
  producedAt: Int32Array
  /** Manager skill: multiplies the ownership every first cheque buys (1 outside a fund-of-funds). */
  skill: number
  sorted: Float64Array
  split: Split
  /** Scratch of the company loop (a shocked quarter's hazard coefficients, one quarter's effect multipliers). */
  coefficients: Float64Array
  multipliers: Float64Array
  /** Each company's rounds and the fund's share of each (exit proceeds go through the preference stack). */
  capTables: CapTables
  /** Listed stakes waiting out their lock-up and sell-down. */
  tranches: ListingTranches
  /** What the company loop reads; its market is set per trial, its model and sector per company. */
  company: CompanyContext
  /** The fund's running totals, reset per trial. */
  books: BooksState
  /** This trial's market path (the mother's for a sub-fund) and the stream the books draw from. */
  path: MarketPath
  rng: Rng
}

export function createWorkspace(run: ResolvedRun): TrialWorkspace {
  const n = run.deals.cheque.length
  const H = run.horizon
  const { carry } = run.config.fund
  const market = createMarketPath(H)
  const { config } = run
  const coefficients = createCoefficients()
  const multipliers = new Float64Array(E)
  const company: CompanyContext = {
    model: run.sectorModels.find((m) => m) ?? SECTOR_MODELS.generalist,
    hazards: run.sectorHazards.find((h) => h) ?? [],
    sector: 0,
    effects: run.effects,
    market,
    horizon: H,
    factorsOn: config.market.factors.enabled && config.market.factors.withinSector > 0,
    idiosyncratic: Math.sqrt(1 - config.market.factors.withinSector),
    queue: config.market.listingQueue,
    transferShare: config.market.exits.transferShare,
    transferPrice: 1 - config.market.exits.transferDiscount,
    pricing: run.dealTerms.pricing,
    coefficients,
    multipliers,
  }
  return {
    company,
    market,
    events: new EventBuffer(Math.max(64, n * 4)),
    order: new Int32Array(Math.max(64, n * 4)),
    bucketStart: new Int32Array(H + 2),
    bucketFill: new Int32Array(H + 2),
    euro: new EuropeanWaterfall(carry.rate, carry.hurdle, carry.catchUp),
    amer: new AmericanWaterfall(carry.rate, carry.hurdle, carry.catchUp),
    ledger: new LpLedger(run.config, H),
    dealQuarter: new Int32Array(n),
    flow: { planned: 0, reserved: 0, started: 0, producing: 0 },
    state: new Int8Array(n),
    own: new Float64Array(n),
    mark: new Float64Array(n),
    entryPost: new Float64Array(n),
    entryOthers: new Float64Array(n),
    invested: new Float64Array(n),
    costHeld: new Float64Array(n),
    salt: 0,
    drawnValue: new Float64Array(n).fill(Number.NaN),
    proceeds: new Float64Array(n),
    entryQuarter: new Int32Array(n),
    followed: new Int32Array(n),
    unicorn: new Uint8Array(n),
    calls: new Float64Array(H),
    lpFlows: new Float64Array(H),
    grossFlows: new Float64Array(H),
    classFlows: new Float64Array(H),
    classNav: new Float64Array(run.config.lpClasses.length),
    navByQuarter: new Float64Array(H),
    investedByQuarter: new Float64Array(H),
    proceedsByQuarter: new Float64Array(H),
    producedAt: new Int32Array(n),
    skill: 1,
    sorted: new Float64Array(n),
    split: { lp: 0, gp: 0 },
    coefficients,
    multipliers,
    capTables: createCapTables(n),
    tranches: createListingTranches(H),
    books: new BooksState(run),
    path: market,
    rng: createRng('unused'),
  }
}
