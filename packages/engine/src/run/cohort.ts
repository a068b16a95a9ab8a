import { createCoefficients, simulateCompany, type CompanyContext } from '../model/company-path.ts'
import { sectorHazards } from '../model/hazards.ts'
import { createCapTables, openCapTable, payCapTable, recordRound } from '../model/cap-table.ts'
import { resolveDealTerms } from '../model/deal-terms.ts'
import { buildEffectTables, E, EFFECT, effectAt, SECTOR_INDEX } from '../model/effects.ts'
import { ACQUIRED, BUYBACK, EventBuffer, FAILED, LISTED, RAISE, STALLED, TRANSFER } from '../model/events.ts'
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
  /** Sold by a share transfer (股权转让). */
  transferred: number
  /** Redeemed by the entry round's holders (回购) when the company had not listed by the trigger. */
  boughtBack: number
  failed: number
  stalled: number
  alive: number
  unicorns: number
  /** Every financing round, count-weighted, valued at the company's exit (stalled and alive at their mark). */
  financings: { count: number; below1x: number; atLeast5x: number; atLeast10x: number; dollarBelow1x: number; dollarAtLeast10x: number }
  /** When things happened: share of the cohort per quarter (index = quarter since entry). */
  byQuarter: {
    listed: number[]
    acquired: number[]
    transferred: number[]
    boughtBack: number[]
    failed: number[]
    /** Raises into each round, per quarter. */
    reached: Record<(typeof ROUND_IDS)[number], number[]>
  }
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
  const terms = resolveDealTerms(config.companies.dealTerms)
  const ctx: CompanyContext = {
    model,
    hazards: sectorHazards(model, config.market),
    sector,
    effects,
    market,
    horizon,
    factorsOn,
    idiosyncratic: Math.sqrt(1 - config.market.factors.withinSector),
    queue: config.market.listingQueue,
    transferShare: config.market.exits.transferShare,
    transferPrice: 1 - config.market.exits.transferDiscount,
    pricing: terms.pricing,
    coefficients: createCoefficients(),
    multipliers: new Float64Array(E),
  }
  const batch = o.batch ?? 50
  const capTable = createCapTables(1)
  const events = new EventBuffer()
  const K = ROUND_IDS.length
  const reached = new Float64Array(K)
  const r = { acquired: 0, listed: 0, transferred: 0, boughtBack: 0, failed: 0, stalled: 0, alive: 0, unicorns: 0 }
  const buyBack = config.market.exits.buyBack
  const trigger = Math.round(buyBack.triggerYears * 4)
  const transferredAt = new Float64Array(horizon)
  const boughtBackAt = new Float64Array(horizon)
  const f = { count: 0, below1x: 0, atLeast5x: 0, atLeast10x: 0, dollars: 0, dollarBelow1x: 0, dollarAtLeast10x: 0 }
  const posts = new Float64Array(K)
  const newMoney = new Float64Array(K)
  const visited: CohortCompany = { index: 0, entryRound: ENTRY_ROUND[o.stage], entryPost: 0, events, financings: 0, financingMultiple: new Float64Array(K), financingDollars: new Float64Array(K) }
  const round0 = ENTRY_ROUND[o.stage]
  const listedAt = new Float64Array(horizon)
  const acquiredAt = new Float64Array(horizon)
  const failedAt = new Float64Array(horizon)
  const reachedAt = ROUND_IDS.map(() => new Float64Array(horizon))
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
      openCapTable(capTable, 0, model, round0, post, newMoney[round0]!)
      reached[round0]!++
      let top = round0
      let final = post
      let unicorn = post >= config.companies.unicornValuation
      let ended = false
      // the entry round's redemption right: exercised at the trigger when the company has not exited
      // and the round's shares are worth less than cost plus the simple rate
      let cut = events.length
      let redeemed = false
      if (buyBack.enabled && trigger < horizon) {
        const paid = streams.deals.uniform() < buyBack.recovery
        let value = post
        let share = first.dilution
        let exited = false
        let e = 0
        for (; e < events.length && events.quarter[e]! < trigger; e++) {
          const type = events.type[e]!
          if (type === RAISE) share *= 1 - events.dilution[e]!
          if (type === RAISE || type === STALLED) value = events.value[e]!
          else exited = true
        }
        if (!exited && paid && value * share < newMoney[round0]! * (1 + buyBack.rate * buyBack.triggerYears)) {
          cut = e
          redeemed = true
        }
      }
      for (let e = 0; e < cut; e++) {
        const type = events.type[e]!
        const v = events.value[e]!
        const when = events.quarter[e]!
        if (type === RAISE) reachedAt[events.round[e]!]![when]!++
        else if (type === LISTED) listedAt[when]!++
        else if (type === ACQUIRED) acquiredAt[when]!++
        else if (type === TRANSFER) transferredAt[when]!++
        else if (type === FAILED) failedAt[when]!++
        if (type === RAISE) {
          top = events.round[e]!
          posts[top] = v
          newMoney[top] = events.dilution[e]! * v
          recordRound(capTable, 0, top, v, events.dilution[e]!, newMoney[top]!)
          reached[top]!++
          final = v
        } else {
          ended = type !== STALLED
          final = v
          if (type === ACQUIRED) r.acquired++
          else if (type === TRANSFER) r.transferred++
          else if (type === LISTED) r.listed++
          else if (type === FAILED) r.failed++
          else r.stalled++
        }
        if (v >= config.companies.unicornValuation) unicorn = true
      }
      if (redeemed) {
        // what happens after the redemption no longer concerns the entry round's holders
        events.length = cut
        events.push(trigger, i, BUYBACK, top, newMoney[round0]! * (1 + buyBack.rate * buyBack.triggerYears), 0)
        ended = true
        r.boughtBack++
        boughtBackAt[trigger]!++
      } else if (!ended && (events.length === 0 || events.type[events.length - 1] === RAISE)) r.alive++
      if (unicorn) r.unicorns++
      // each financing is worth what its round takes from the preference stack at the final value
      if (terms.preferred) payCapTable(capTable, terms.stack, 0, final)
      let diluted = 1
      visited.financings = 0
      for (let k = top; k >= round0; k--) {
        const multiple = terms.preferred ? capTable.out[k]! / newMoney[k]! : (final * diluted) / posts[k]!
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
    transferred: r.transferred / n,
    boughtBack: r.boughtBack / n,
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
    byQuarter: {
      listed: Array.from(listedAt, (x) => x / n),
      acquired: Array.from(acquiredAt, (x) => x / n),
      transferred: Array.from(transferredAt, (x) => x / n),
      boughtBack: Array.from(boughtBackAt, (x) => x / n),
      failed: Array.from(failedAt, (x) => x / n),
      reached: Object.fromEntries(ROUND_IDS.map((id, k) => [id, Array.from(reachedAt[k]!, (x) => x / n)])) as CohortResult['byQuarter']['reached'],
    },
  }
}
