import type { SectorModel } from '../schema/companies.ts'
import type { SimulationConfig } from '../schema/config.ts'
import type { EntryStageId, SectorId } from '../schema/ids.ts'
import type { Construction } from './construction.ts'
import { parseConfig } from '../schema/parse-config.ts'
import { EngineError } from '../issues.ts'
import { plannedFees } from './fees.ts'
import { SECTOR_INDEX, type EffectTables } from './effects.ts'
import { directConstruction, horizonQuarters, planBase } from './fund-construction.ts'
import { feeQuarters, quarterFee } from './fees.ts'
import { planMarket, type MarketPlan } from './market-path.ts'
import { assignRegions, regionTargets, reinvestmentRequirements } from './regions.ts'
import { REGION_IDS } from '../schema/ids.ts'

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
  }
  /** Local re-investment requirements: region bit mask and the class commitment they are measured on. */
  requirements: Array<{ classIndex: number; regionMask: number; commitment: number; multiple: number }>
  cells: Array<{ sector: SectorId; stage: EntryStageId }>
  followOnEnd: number
  recyclingEnd: number
  /** Fund-of-funds: the sub-funds, resolved on the mother's market and run settings. */
  subRuns: Array<{ id: string; run: ResolvedRun; classIndex: number; ratio: number }>
  /** Fees still to come from quarter q on under the plan (committed basis exact, others estimated). */
  feesAhead: Float64Array
}

export { horizonQuarters } from './fund-construction.ts'

/** The sub-fund configs of a fund-of-funds, parsed with the mother's market and run settings. */
export function subFundConfigs(config: SimulationConfig): Array<{ id: string; config: SimulationConfig; classIndex: number; ratio: number }> {
  return (config.subFunds ?? []).map((sf) => {
    const parsed = parseConfig({ ...sf.config, market: config.market, run: config.run })
    if (!parsed.ok) throw new EngineError('PCSIM_ENGINE_SUB_FUND', `sub-fund ${sf.id} is invalid: ${parsed.issues[0]?.message.en}`)
    const classIndex = parsed.config.lpClasses.findIndex((c) => c.id === sf.lpClass)
    const classCommitment = (parsed.config.lpClasses[classIndex]?.share ?? 0) * parsed.config.fund.size
    return { id: sf.id, config: parsed.config, classIndex, ratio: classCommitment > 0 ? sf.commitment / classCommitment : 0 }
  })
}

export function resolveRun(config: SimulationConfig): ResolvedRun {
  const subs = subFundConfigs(config).map((s) => ({ id: s.id, run: resolveRun(s.config), classIndex: s.classIndex, ratio: s.ratio }))
  const horizon = Math.max(horizonQuarters(config), ...subs.map((s) => s.run.horizon))
  const base = planBase(config, horizon)
  const { effects, sectorModels } = base
  const construction = subs.length > 0 ? fundOfFundsConstruction(config, subs) : directConstruction(base)
  const cells: ResolvedRun['cells'] = []
  const cellIndex = new Map<string, number>()
  const n = construction.deals.length
  const deals = {
    sector: new Int32Array(n),
    round: new Int32Array(n),
    quarter: new Int32Array(n),
    cheque: new Float64Array(n),
    cell: new Int32Array(n),
    region: new Int32Array(n),
  }
  construction.deals.forEach((d, i) => {
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
  deals.region.set(assignRegions(construction.deals.map((d) => d.cheque), targets))
  const requirements = reinvestmentRequirements(config).map((r) => ({
    classIndex: r.classIndex,
    regionMask: r.regions.reduce((m, id) => m | (1 << REGION_IDS.indexOf(id)), 0),
    commitment: config.lpClasses[r.classIndex]!.share * config.fund.size,
    multiple: r.required / (config.lpClasses[r.classIndex]!.share * config.fund.size),
  }))
  const feesAhead = new Float64Array(horizon + 1)
  const investedGuess = construction.investable
  for (let q = Math.min(horizon, feeQuarters(config.fund)) - 1; q >= 0; q--) feesAhead[q] = feesAhead[q + 1]! + quarterFee(config.fund, q, investedGuess, investedGuess)
  return {
    config,
    seed: String(config.run.seed),
    horizon,
    lifeQuarters: Math.min(horizon, Math.round(config.fund.lifeYears * 4)),
    investQuarters: Math.min(horizon, Math.round(config.fund.investmentPeriodYears * 4)),
    governmentShare: config.lpClasses.reduce((a, c) => a + (c.kind === 'government' ? c.share : 0), 0),
    evaluateAt: config.run.evaluateAtYear === undefined ? null : Math.max(1, Math.round(config.run.evaluateAtYear * 4)),
    sectorModels,
    effects,
    market: planMarket(config.market),
    construction,
    deals,
    requirements,
    subRuns: subs,
    cells,
    followOnEnd: Math.round(config.strategy.followOn.untilYear * 4),
    recyclingEnd: Math.min(horizon, Math.round(config.fund.recycling.untilYear * 4)),
    feesAhead,
  }
}

/** A mother fund makes no direct investments: its "initial capital" is its commitments to sub-funds. */
function fundOfFundsConstruction(config: SimulationConfig, subs: Array<{ run: ResolvedRun; ratio: number; classIndex: number }>): Construction {
  const fees = plannedFees(config.fund)
  const initialTotal = (config.subFunds ?? []).reduce((a, s) => a + s.commitment, 0)
  void subs
  return { investable: config.fund.size - fees, plannedFees: fees, pool: initialTotal, initialTotal, reserveBudget: 0, reserveRatio: 0, deals: [], counts: [], requested: 0 }
}
