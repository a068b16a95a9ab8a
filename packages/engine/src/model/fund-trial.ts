import { createTrialStreams } from '../random/streams.ts'
import type { TrialRecord } from '../run/metric-ids.ts'
import { ROUND_IDS } from '../schema/ids.ts'
import { AmericanWaterfall } from './american-waterfall.ts'
import { createCoefficients, simulateCompany, type CompanyContext } from './company-path.ts'
import { scheduleDeals, type DealFlowResult } from './deal-flow.ts'
import { E, EFFECT, effectAt } from './effects.ts'
import { EuropeanWaterfall, type Split } from './european-waterfall.ts'
import { ACQUIRED, EventBuffer, FAILED } from './events.ts'
import { runBooks } from './fund-books.ts'
import { LpLedger } from './lp-ledger.ts'
import { createMarketPath, simulateMarket, type MarketPath } from './market-path.ts'
import { drawPowerLawMultiple } from './power-law.ts'
import type { ResolvedRun } from './resolve.ts'

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
  sorted: Float64Array
  split: Split
  /** Scratch of the company loop (hazard coefficients, one quarter's effect multipliers). */
  coefficients: Float64Array
  multipliers: Float64Array
}

export function createWorkspace(run: ResolvedRun): TrialWorkspace {
  const n = run.deals.cheque.length
  const H = run.horizon
  const { carry } = run.config.fund
  return {
    market: createMarketPath(H),
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
    sorted: new Float64Array(n),
    split: { lp: 0, gp: 0 },
    coefficients: createCoefficients(),
    multipliers: new Float64Array(E),
  }
}

/** Stable counting sort of the trial's events by quarter into `ws.order`. */
function sortEvents(ws: TrialWorkspace, quarters: number): void {
  const ev = ws.events
  if (ws.order.length < ev.length) ws.order = new Int32Array(ev.quarter.length)
  const start = ws.bucketStart
  start.fill(0)
  for (let i = 0; i < ev.length; i++) start[ev.quarter[i]! + 1]! += 1
  for (let q = 0; q < quarters; q++) start[q + 1]! += start[q]!
  const fill = ws.bucketFill
  fill.set(start)
  for (let i = 0; i < ev.length; i++) ws.order[fill[ev.quarter[i]!]!++] = i
}

/**
 * One possible future of one fund: the market, the deal flow, every company's path, then the
 * fund's quarterly books (cheques, follow-ons, fees, calls, recycling, waterfall, LP classes, NAV)
 * and its metrics. A sub-fund of a fund-of-funds gets the mother's market path and its own streams.
 */
export function simulateTrial(run: ResolvedRun, trial: number, ws: TrialWorkspace, out: TrialRecord, shared?: { market: MarketPath; streams: string }): void {
  const { config, deals, horizon: H } = run
  const { companies } = config
  const streams = createTrialStreams(shared ? shared.streams : run.seed, trial)
  const market = shared ? shared.market : simulateMarket(run.market, run.effects, streams.market, ws.market)
  scheduleDeals(config, deals.quarter, streams.deals, ws.dealQuarter, run.investQuarters, ws.flow)
  const n = deals.cheque.length
  const factorsOn = config.market.factors.enabled && config.market.factors.withinSector > 0
  const ctx: CompanyContext = {
    model: run.sectorModels[0] ?? run.sectorModels.find((m) => m)!,
    hazards: run.sectorHazards[0] ?? [],
    sector: 0,
    effects: run.effects,
    market,
    horizon: H,
    factorsOn,
    idiosyncratic: Math.sqrt(1 - config.market.factors.withinSector),
    queue: config.market.listingQueue,
    coefficients: ws.coefficients,
    multipliers: ws.multipliers,
  }
  const ev = ws.events
  ev.clear()
  const { entryPost, entryOthers } = ws
  const powerLaw = companies.model === 'power_law'
  for (let i = 0; i < n; i++) {
    const s = deals.sector[i]!
    const q0 = ws.dealQuarter[i]!
    if (q0 < 0) continue
    if (powerLaw) {
      entryPost[i] = deals.cheque[i]!
      entryOthers[i] = 0
      const m = drawPowerLawMultiple(streams.companies, companies.powerLaw)
      const hold = companies.powerLaw.holdingYears
      const t = q0 + Math.max(1, Math.round(hold.median * 4 * Math.exp(hold.sigma * streams.companies.normal())))
      if (t < H) ev.push(t, i, m > 0 ? ACQUIRED : FAILED, 0, deals.cheque[i]! * m, 0)
      continue
    }
    const model = run.sectorModels[s]!
    const r = model.rounds[ROUND_IDS[deals.round[i]!]!]
    const shift = factorsOn ? market.valuation[s * market.years + (q0 >> 2)]! : 0
    entryPost[i] =
      r.postMoney * effectAt(run.effects, s, q0, market.regime[q0]!, EFFECT.entryValuation) * Math.exp(model.entryValuationSigma * streams.deals.normal() + shift)
    entryOthers[i] = Math.max(0, r.dilution * entryPost[i]! - deals.cheque[i]!)
    ctx.model = model
    ctx.hazards = run.sectorHazards[s]!
    ctx.sector = s
    simulateCompany(ctx, streams.companies, i, deals.round[i]!, q0, entryPost[i]!, ev)
  }
  sortEvents(ws, H)
  runBooks(run, ws, out)
}
