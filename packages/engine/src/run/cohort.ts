import { simulateCompany, type CompanyContext } from '../model/company-path.ts'
import { buildEffectTables, EFFECT, effectAt, SECTOR_INDEX } from '../model/effects.ts'
import { ACQUIRED, EventBuffer, FAILED, LISTED, RAISE, STALLED } from '../model/events.ts'
import { createMarketPath, planMarket, simulateMarket } from '../model/market-path.ts'
import { resolveSectorModel } from '../model/sector-model.ts'
import { createTrialStreams } from '../random/streams.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { ENTRY_ROUND, ROUND_IDS, type EntryStageId, type SectorId } from '../schema/ids.ts'
import { MAX_QUARTERS } from '../schema/limits.ts'

export interface CohortOptions {
  sector: SectorId
  stage: EntryStageId
  companies: number
  years: number
  /** Companies that share one market path (a "vintage"). */
  batch?: number
  /** Called once per company after its path is simulated (the calibration report reads it). */
  onCompany?: (company: CohortCompany) => void
}

/** One simulated company of a cohort, as handed to `onCompany`. Buffers are reused: read, don't keep. */
export interface CohortCompany {
  index: number
  entryRound: number
  entryPost: number
  /** The company's events in time order, quarters counted from its entry round. */
  events: EventBuffer
  /** Its financing rounds from the top round down: multiple at exit (or mark) and new money. */
  financings: number
  financingMultiple: Float64Array
  financingDollars: Float64Array
}

export interface CohortResult {
  companies: number
  /** Share of the cohort that reached each round (entry round included). */
  reached: Record<(typeof ROUND_IDS)[number], number>
  acquired: number
  listed: number
  failed: number
  stalled: number
  alive: number
  unicorns: number
  /** Every financing round, count-weighted, valued at the company's exit (stalled and alive at their mark). */
  financings: { count: number; below1x: number; atLeast5x: number; atLeast10x: number; dollarBelow1x: number; dollarAtLeast10x: number }
}

/**
 * Follows a cohort of companies of one sector from one entry stage, outside any fund, through the
 * config's market: the funnel and exit distribution the calibration benchmarks describe.
 */
export function simulateCohort(config: SimulationConfig, o: CohortOptions): CohortResult {
  const horizon = Math.min(MAX_QUARTERS, Math.round(o.years * 4))
  const effects = buildEffectTables(config, horizon)
  const model = resolveSectorModel(o.sector, config)
  const sector = SECTOR_INDEX[o.sector]
  const market = createMarketPath(horizon)
  const marketPlan = planMarket(config.market)
  const factorsOn = config.market.factors.enabled && config.market.factors.withinSector > 0
  const ctx: CompanyContext = { model, sector, effects, market, horizon, factorsOn, idiosyncratic: Math.sqrt(1 - config.market.factors.withinSector) }
  const batch = o.batch ?? 50
  const events = new EventBuffer()
  const K = ROUND_IDS.length
  const reached = new Float64Array(K)
  const r = { acquired: 0, listed: 0, failed: 0, stalled: 0, alive: 0, unicorns: 0 }
  const f = { count: 0, below1x: 0, atLeast5x: 0, atLeast10x: 0, dollars: 0, dollarBelow1x: 0, dollarAtLeast10x: 0 }
  const posts = new Float64Array(K)
  const newMoney = new Float64Array(K)
  const visited: CohortCompany = { index: 0, entryRound: ENTRY_ROUND[o.stage], entryPost: 0, events, financings: 0, financingMultiple: new Float64Array(K), financingDollars: new Float64Array(K) }
  const round0 = ENTRY_ROUND[o.stage]
  for (let b = 0; b * batch < o.companies; b++) {
    const streams = createTrialStreams(String(config.run.seed), b)
    simulateMarket(marketPlan, effects, streams.market, market)
    for (let i = b * batch; i < Math.min(o.companies, (b + 1) * batch); i++) {
      const first = model.rounds[ROUND_IDS[round0]!]
      const post = first.postMoney * effectAt(effects, sector, 0, market.regime[0]!, EFFECT.entryValuation) * Math.exp(model.entryValuationSigma * streams.deals.normal())
      events.clear()
      simulateCompany(ctx, streams.companies, i, round0, 0, post, events)
      posts.fill(0)
      posts[round0] = post
      newMoney[round0] = first.dilution * post
      reached[round0]!++
      let top = round0
      let final = post
      let unicorn = post >= config.companies.unicornValuation
      let ended = false
      for (let e = 0; e < events.length; e++) {
        const type = events.type[e]!
        const v = events.value[e]!
        if (type === RAISE) {
          top = events.round[e]!
          posts[top] = v
          newMoney[top] = events.dilution[e]! * v
          reached[top]!++
          final = v
        } else {
          ended = type !== STALLED
          final = v
          if (type === ACQUIRED) r.acquired++
          else if (type === LISTED) r.listed++
          else if (type === FAILED) r.failed++
          else r.stalled++
        }
        if (v >= config.companies.unicornValuation) unicorn = true
      }
      if (!ended && (events.length === 0 || events.type[events.length - 1] === RAISE)) r.alive++
      if (unicorn) r.unicorns++
      let diluted = 1
      visited.financings = 0
      for (let k = top; k >= round0; k--) {
        const multiple = (final * diluted) / posts[k]!
        visited.financingMultiple[visited.financings] = multiple
        visited.financingDollars[visited.financings++] = newMoney[k]!
        f.count++
        f.dollars += newMoney[k]!
        if (multiple < 1) {
          f.below1x++
          f.dollarBelow1x += newMoney[k]!
        }
        if (multiple >= 5) f.atLeast5x++
        if (multiple >= 10) {
          f.atLeast10x++
          f.dollarAtLeast10x += newMoney[k]!
        }
        diluted *= 1 - model.rounds[ROUND_IDS[k]!].dilution
      }
      if (o.onCompany) {
        visited.index = i
        visited.entryPost = post
        o.onCompany(visited)
      }
    }
  }
  const n = o.companies
  return {
    companies: n,
    reached: Object.fromEntries(ROUND_IDS.map((id, k) => [id, reached[k]! / n])) as CohortResult['reached'],
    acquired: r.acquired / n,
    listed: r.listed / n,
    failed: r.failed / n,
    stalled: r.stalled / n,
    alive: r.alive / n,
    unicorns: r.unicorns / n,
    financings: {
      count: f.count,
      below1x: f.below1x / f.count,
      atLeast5x: f.atLeast5x / f.count,
      atLeast10x: f.atLeast10x / f.count,
      dollarBelow1x: f.dollarBelow1x / f.dollars,
      dollarAtLeast10x: f.dollarAtLeast10x / f.dollars,
    },
  }
}
