import type { SectorModel } from '../schema/companies.ts'
import type { SimulationConfig } from '../schema/config.ts'
import type { EntryStageId, SectorId } from '../schema/ids.ts'
import { planCheques, type Construction } from './construction.ts'
import { parseConfig } from '../schema/parse-config.ts'
import { EngineError } from '../issues.ts'
import { plannedFees } from './fees.ts'
import { SECTOR_INDEX, type EffectTables } from './effects.ts'
import { directConstruction, horizonQuarters, planBase } from './fund-construction.ts'
import { feeQuarters, quarterFee } from './fees.ts'
import type { RoundHazards } from './hazards.ts'
import { resolveDealTerms, type ResolvedDealTerms } from './deal-terms.ts'
import { planMarket, type MarketPlan } from './market-path.ts'
import { assignRegions, regionTargets, reinvestmentRequirements } from './regions.ts'
import { REGION_IDS, SECTOR_IDS } from '../schema/ids.ts'
import { MAX_QUARTERS } from '../schema/limits.ts'
import { planSubFunds } from './fof-pacing.ts'
import { FUND_OF_FUNDS_SERIES, PRODUCING_SERIES, type YearSeries } from '../run/metric-ids.ts'
import { reinvestmentQuality, selectionGain } from './reinvestment-cost.ts'
import { HOLDING_ACTIVE, resolveReforecast, type ResolvedReforecast } from '../reforecast/resolve-reforecast.ts'
import { resolveSectorModel } from './sector-model.ts'
import { sectorHazards as hazardsOf } from './hazards.ts'

/** Everything a trial needs that depends only on the config: computed once per run or chunk. */
export interface ResolvedRun {
  config: SimulationConfig
  seed: string
  /** Quarters simulated: life plus every possible extension. */
  horizon: number
  lifeQuarters: number
  investQuarters: number
  /** Share of commitments held by government classes. */
  governmentShare: number
  /** Quarter count at which metrics are read (the end of life when not set). */
  evaluateAt: number | null
  sectorModels: Array<SectorModel | undefined>
  /** Round pricing (down/flat shares) and preference terms. */
  dealTerms: ResolvedDealTerms
  /** Competing-hazard tables per sector (undefined where the sector is not held). */
  sectorHazards: Array<RoundHazards[] | undefined>
  effects: EffectTables
  market: MarketPlan
  construction: Construction
  deals: {
    sector: Int32Array
    round: Int32Array
    quarter: Int32Array
    cheque: Float64Array
    cell: Int32Array
    region: Int32Array
    /** Multiplier on ownership for the price: below 1 for a deal a re-investment requirement forced
     * down a shallow regional pool or into a relocation (model/reinvestment-cost.ts). */
    quality: Float64Array
    /** What the re-investment requirement did to each deal (REINVEST_DEAL codes). */
    reinvest: Uint8Array
  }
  /** Local re-investment requirements: region bit mask and the class commitment they are measured on. */
  requirements: Array<{ classIndex: number; regionMask: number; commitment: number; multiple: number }>
  cells: Array<{ sector: SectorId; stage: EntryStageId }>
  followOnEnd: number
  recyclingEnd: number
  /** Fund-of-funds: the sub-funds, resolved on the mother's market and run settings. */
  subRuns: Array<SubFundPlan & { run: ResolvedRun }>
  /** Extra yearly series each trial records (a mother fund's flows; companies producing). */
  yearSeries: readonly YearSeries[]
  /** Fees still to come from quarter q on under the plan (committed basis exact, others estimated). */
  feesAhead: Float64Array
  /** The same fund without its re-investment requirements, run on the same random numbers in each
   * trial to price them (null when no requirement meets a regional pool). */
  counterfactual: ResolvedRun | null
  /** A fund reforecast in mid-life (null: a fresh fund). Its holdings are the first company slots,
   * then the new cheques the strategy writes from the reforecast date. */
  reforecast: ResolvedReforecast | null
  /** Follow-on reserve at the start of the books: the construction's, or what a reforecast leaves. */
  reserveStart: number
}

export { horizonQuarters } from './fund-construction.ts'

/** One sub-fund of a fund-of-funds as the mother runs it. */
export interface SubFundPlan {
  id: string
  config: SimulationConfig
  classIndex: number
  /** The mother's commitment over the class commitment it buys. */
  ratio: number
  /** Quarter of the mother's market path that is this sub-fund's quarter 0. */
  startQuarter: number
  /** The mother's commitment, millions. */
  commitment: number
  /** Index of the `subFunds` entry (the programme) it belongs to. */
  programme: number
}

/** The sub-fund configs of a fund-of-funds under its pacing plan, parsed with the mother's market
 * (shocks moved to each sub-fund's own clock) and run settings. */
export function subFundConfigs(config: SimulationConfig): SubFundPlan[] {
  const parsed = (config.subFunds ?? []).map((sf) => {
    const p = parseConfig({ ...sf.config, market: config.market, run: config.run })
    if (!p.ok) throw new EngineError('PCSIM_ENGINE_SUB_FUND', `sub-fund ${sf.id} is invalid: ${p.issues[0]?.message.en}`)
    const classIndex = p.config.lpClasses.findIndex((c) => c.id === sf.lpClass)
    const classCommitment = (p.config.lpClasses[classIndex]?.share ?? 0) * p.config.fund.size
    return { sf, config: p.config, classIndex, classCommitment }
  })
  return planSubFunds(
    config,
    parsed.map((p) => p.classCommitment),
  ).map((plan) => {
    const p = parsed[plan.index]!
    const shifted = plan.startYear > 0 ? { ...p.config, market: { ...p.config.market, shocks: shiftShocks(config.market.shocks, plan.startYear) } } : p.config
    return {
      id: plan.id,
      config: shifted,
      classIndex: p.classIndex,
      ratio: p.classCommitment > 0 ? plan.commitment / p.classCommitment : 0,
      startQuarter: plan.startYear * 4,
      commitment: plan.commitment,
      programme: plan.index,
    }
  })
}

/** Shocks of the mother's market as a sub-fund that starts `years` later sees them. */
function shiftShocks(shocks: SimulationConfig['market']['shocks'], years: number): SimulationConfig['market']['shocks'] {
  return shocks
    .filter((s) => s.fromYear + s.years > years)
    .map((s) => (s.fromYear >= years ? { ...s, fromYear: s.fromYear - years } : { ...s, fromYear: 0, years: s.fromYear + s.years - years }))
}

export function resolveRun(config: SimulationConfig): ResolvedRun {
  const subs = subFundConfigs(config).map((s) => ({ ...s, run: resolveRun(s.config) }))
  const horizon = Math.min(MAX_QUARTERS, Math.max(horizonQuarters(config), ...subs.map((s) => s.startQuarter + s.run.horizon)))
  const base = planBase(config, horizon)
  const { effects, sectorModels, sectorHazards } = base
  const construction = subs.length > 0 ? fundOfFundsConstruction(config, subs) : directConstruction(base)
  const dealTerms = resolveDealTerms(config.companies.dealTerms)
  const reforecast = config.reforecast && subs.length === 0 ? resolveReforecast(config, dealTerms.stack) : null
  const A = reforecast?.asOfQuarter ?? 0
  const planned = reforecast ? reforecastCheques(config, construction, reforecast, Math.min(horizon, Math.round(config.fund.investmentPeriodYears * 4))) : construction.deals
  const slots = reforecast ? [...reforecast.slots, ...planned] : construction.deals
  if (reforecast && config.companies.model === 'lifecycle')
    for (const d of reforecast.slots) {
      const s = SECTOR_INDEX[d.sector]
      sectorModels[s] ??= resolveSectorModel(SECTOR_IDS[s]!, config)
      sectorHazards[s] ??= hazardsOf(sectorModels[s], config.market)
    }
  const cells: ResolvedRun['cells'] = []
  const cellIndex = new Map<string, number>()
  const n = slots.length
  const deals = {
    sector: new Int32Array(n),
    round: new Int32Array(n),
    quarter: new Int32Array(n),
    cheque: new Float64Array(n),
    cell: new Int32Array(n),
    region: new Int32Array(n),
    quality: new Float64Array(n).fill(1),
    reinvest: new Uint8Array(n),
  }
  slots.forEach((d, i) => {
    const key = `${d.sector}/${d.stage}`
    if (!cellIndex.has(key)) {
      cellIndex.set(key, cells.length)
      cells.push({ sector: d.sector, stage: d.stage })
    }
    deals.sector[i] = SECTOR_INDEX[d.sector]
    deals.round[i] = d.round
    deals.quarter[i] = d.quarter
    deals.cheque[i] = d.cheque
    deals.cell[i] = cellIndex.get(key)!
  })
  const targets = regionTargets(config, construction.initialTotal + construction.reserveBudget) ?? REGION_IDS.map((r) => config.strategy.regionWeights[r] ?? 0)
  const cheques = slots.map((d) => d.cheque)
  deals.region.set(assignRegions(cheques, targets))
  const priced = config.policy.regionPools !== undefined && reinvestmentRequirements(config).length > 0 && subs.length === 0 && !reforecast
  if (priced) {
    const natural = assignRegions(cheques, regionTargets(withoutRequirements(config), construction.initialTotal + construction.reserveBudget) ?? targets)
    const q = reinvestmentQuality(config, deals.quarter, natural, deals.region)
    deals.quality.set(q.quality)
    deals.region.set(q.region)
    deals.reinvest.set(q.kind)
  }
  const requirements = reinvestmentRequirements(config).map((r) => ({
    classIndex: r.classIndex,
    regionMask: r.regions.reduce((m, id) => m | (1 << REGION_IDS.indexOf(id)), 0),
    commitment: config.lpClasses[r.classIndex]!.share * config.fund.size,
    multiple: r.required / (config.lpClasses[r.classIndex]!.share * config.fund.size),
  }))
  const selection = selectionGain(config)
  if (selection !== 1) for (let i = 0; i < n; i++) deals.quality[i]! *= selection
  const crowding = config.policy.crowdingOut
  if (crowding?.enabled) {
    const governmentShare = config.lpClasses.reduce((a, c) => a + (c.kind === 'government' ? c.share : 0), 0)
    const factor = Math.max(0, 1 - crowding.qualityLoss * governmentShare)
    for (let i = 0; i < n; i++) deals.quality[i]! *= factor
  }
  const feesAhead = new Float64Array(horizon + 1)
  const investedGuess = construction.investable
  for (let q = Math.min(horizon, feeQuarters(config.fund)) - 1; q >= 0; q--) feesAhead[q] = feesAhead[q + 1]! + quarterFee(config.fund, q, investedGuess, investedGuess)
  const market = planMarket(config.market)
  if (reforecast) {
    market.start = A
    if (reforecast.regime >= 0) market.initial = reforecast.regime
  }
  return {
    config,
    seed: String(config.run.seed),
    horizon,
    lifeQuarters: Math.min(horizon, Math.round(config.fund.lifeYears * 4)),
    investQuarters: Math.min(horizon, Math.round(config.fund.investmentPeriodYears * 4)),
    governmentShare: config.lpClasses.reduce((a, c) => a + (c.kind === 'government' ? c.share : 0), 0),
    evaluateAt: config.run.evaluateAtYear === undefined ? null : Math.max(1, Math.round(config.run.evaluateAtYear * 4)),
    sectorModels,
    sectorHazards,
    dealTerms,
    effects,
    market,
    construction,
    deals,
    requirements,
    subRuns: subs,
    cells,
    followOnEnd: Math.round(config.strategy.followOn.untilYear * 4),
    recyclingEnd: Math.min(horizon, Math.round(config.fund.recycling.untilYear * 4)),
    feesAhead,
    yearSeries: subs.length > 0 ? FUND_OF_FUNDS_SERIES : config.strategy.pipeline.enabled && config.strategy.pipeline.producingStage ? PRODUCING_SERIES : [],
    counterfactual: priced ? resolveRun(withoutRequirements(config)) : null,
    reforecast,
    reserveStart: reforecast ? reforecastReserve(config, construction, reforecast, planned) : construction.reserveBudget,
  }
}

/**
 * A reforecast's new first cheques: the strategy's construction of what is left of the investable
 * capital (commitments less planned fees, less what the holdings cost) at the strategy's reserve
 * ratio, at its pace (deploymentYears) from the reforecast date, within what is left of the
 * investment period; none once that has ended.
 */
function reforecastCheques(config: SimulationConfig, construction: Construction, r: ResolvedReforecast, investQuarters: number): Construction['deals'] {
  let spent = 0
  for (const d of r.slots) spent += d.cheque
  const remaining = Math.max(0, construction.investable - spent)
  const window = Math.min(Math.max(1, Math.round(config.strategy.deploymentYears * 4)), investQuarters - r.asOfQuarter)
  if (window <= 0 || !(remaining > 0)) return []
  return planCheques(config, remaining / (1 + construction.reserveRatio), remaining, r.asOfQuarter, window).deals
}

/** The follow-on reserve a reforecast leaves: the plan's investable capital less what the holdings
 * cost and the plan's first cheques still to come (none without follow-ons, or with no active
 * holding and no cheque to come). */
function reforecastReserve(config: SimulationConfig, construction: Construction, r: ResolvedReforecast, planned: Construction['deals']): number {
  if (config.companies.model === 'power_law' || config.strategy.followOn.rule === 'none') return 0
  // nothing left to follow on into
  if (!r.status.includes(HOLDING_ACTIVE) && planned.length === 0) return 0
  let spent = 0
  for (const d of r.slots) spent += d.cheque
  return Math.max(0, construction.investable - (spent + planned.reduce((a, d) => a + d.cheque, 0)))
}

/** The config with every class's re-investment requirement removed. */
export function withoutRequirements(config: SimulationConfig): SimulationConfig {
  return {
    ...config,
    lpClasses: config.lpClasses.map((c) => {
      if (!c.terms?.localReinvestment) return c
      const { localReinvestment: _gone, ...terms } = c.terms
      return Object.keys(terms).length > 0 ? { ...c, terms } : { id: c.id, kind: c.kind, share: c.share }
    }),
  }
}

/** A mother fund makes no direct investments: its "initial capital" is its commitments to sub-funds. */
function fundOfFundsConstruction(config: SimulationConfig, subs: SubFundPlan[]): Construction {
  const fees = plannedFees(config.fund)
  const initialTotal = subs.reduce((a, s) => a + s.commitment, 0)
  return { investable: config.fund.size - fees, plannedFees: fees, pool: initialTotal, initialTotal, reserveBudget: 0, reserveRatio: 0, deals: [], counts: [], requested: 0 }
}
