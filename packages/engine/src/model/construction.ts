import type { SimulationConfig } from '../schema/config.ts'
import { ENTRY_ROUND, ENTRY_STAGE_IDS, SECTOR_IDS, type EntryStageId, type SectorId } from '../schema/ids.ts'
import { plannedFees } from './fees.ts'
import { MAX_COMPANIES } from '../schema/limits.ts'

export interface DealSlot {
  sector: SectorId
  stage: EntryStageId
  round: number
  cheque: number
  quarter: number
}

export interface Construction {
  investable: number
  plannedFees: number
  /** Capital set aside for initial cheques before rounding to whole companies. */
  pool: number
  initialTotal: number
  reserveBudget: number
  reserveRatio: number
  deals: DealSlot[]
  counts: Array<{ sector: SectorId; stage: EntryStageId; count: number; cheque: number }>
  /** Companies the cheque sizes ask for; above MAX_COMPANIES nothing is built (`deals` is empty). */
  requested: number
}

/** Largest-remainder split of `n` by `weights`; deterministic tie-break by index. */
export function apportion(n: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0)
  if (total <= 0 || n <= 0) return weights.map(() => 0)
  const exact = weights.map((w) => (n * w) / total)
  const out = exact.map(Math.floor)
  let left = n - out.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => ({ r: x - Math.floor(x), i })).sort((a, b) => b.r - a.r || a.i - b.i)
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length]!.i]! += 1
  return out
}

/**
 * Turns the strategy into a list of initial cheques. Stage weights split the initial pool; cheque
 * sizes give the number of companies per stage; sector weights split those companies. Cheques are
 * spread evenly over the deployment period, interleaving cells so each sector invests throughout.
 * `reserveRatio` is follow-on capital per unit of initial capital, used in the "implied" mode.
 */
export function buildConstruction(config: SimulationConfig, impliedReserveRatio: () => number): Construction {
  const { fund, strategy, companies } = config
  const fees = plannedFees(fund)
  const investable = Math.max(0, fund.size - fees)
  const noFollowOn = companies.model === 'power_law' || strategy.followOn.rule === 'none'
  const reserveRatio = noFollowOn ? 0 : strategy.reserves.mode === 'implied' ? impliedReserveRatio() : strategy.reserves.share / (1 - strategy.reserves.share)
  const pool = investable / (1 + reserveRatio)
  const deployQuarters = Math.max(1, Math.round(strategy.deploymentYears * 4))
  const { deals, counts, requested } = planCheques(config, pool, investable, 0, deployQuarters)
  if (!(requested <= MAX_COMPANIES))
    return { investable, plannedFees: fees, pool, initialTotal: 0, reserveBudget: 0, reserveRatio, deals: [], counts: [], requested }
  const initialTotal = deals.reduce((a, d) => a + d.cheque, 0)
  return {
    investable,
    plannedFees: fees,
    pool,
    initialTotal,
    reserveBudget: noFollowOn ? 0 : Math.max(0, investable - initialTotal),
    reserveRatio,
    deals,
    counts,
    requested,
  }
}

/**
 * The strategy's first cheques for `pool`: stage weights split it, cheque sizes give the companies
 * per stage (rounded, never spending more than `limit`), sector weights split those; cheques are
 * spread evenly over `quarters` quarters from `firstQuarter`, interleaving cells. Above
 * MAX_COMPANIES nothing is built (`deals` is empty).
 */
export function planCheques(config: SimulationConfig, pool: number, limit: number, firstQuarter: number, quarters: number): Pick<Construction, 'deals' | 'counts' | 'requested'> {
  const { strategy } = config
  const sectors = SECTOR_IDS.filter((s) => (strategy.sectorWeights[s] ?? 0) > 0)
  const sectorWeights = sectors.map((s) => strategy.sectorWeights[s] ?? 0)
  const stages = ENTRY_STAGE_IDS.filter((stage) => (strategy.stageWeights[stage] ?? 0) > 0)
  const exact = stages.map((stage) => (pool * (strategy.stageWeights[stage] ?? 0)) / strategy.chequeSize[stage])
  let perStage = exact.map((x) => Math.round(x))
  // Rounding to whole companies must never spend more than the investable capital.
  if (perStage.reduce((a, n, i) => a + n * strategy.chequeSize[stages[i]!], 0) > limit) perStage = exact.map((x) => Math.floor(x + 1e-9))
  const requested = perStage.reduce((a, b) => a + b, 0)
  if (!(requested <= MAX_COMPANIES)) return { deals: [], counts: [], requested }
  const counts: Construction['counts'] = []
  stages.forEach((stage, si) => {
    const cheque = strategy.chequeSize[stage]
    apportion(perStage[si]!, sectorWeights).forEach((count, i) => {
      if (count > 0) counts.push({ sector: sectors[i]!, stage, count, cheque })
    })
  })
  const slots: Array<{ pos: number; cell: number; slot: Omit<DealSlot, 'quarter'> }> = []
  counts.forEach((c, cell) => {
    for (let k = 0; k < c.count; k++)
      slots.push({ pos: (k + 0.5) / c.count, cell, slot: { sector: c.sector, stage: c.stage, round: ENTRY_ROUND[c.stage], cheque: c.cheque } })
  })
  slots.sort((a, b) => a.pos - b.pos || a.cell - b.cell)
  const deals = slots.map((s, i) => ({ ...s.slot, quarter: firstQuarter + Math.floor((i * quarters) / slots.length) }))
  return { deals, counts, requested }
}
