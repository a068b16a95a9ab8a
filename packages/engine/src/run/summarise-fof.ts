import type { ResolvedRun } from '../model/resolve.ts'
import { ExactSum } from '../stats/exact-sum.ts'
import type { ChunkResult } from './chunk.ts'
import type { YearSeries } from './metric-ids.ts'

/** A fund-of-funds' own view: its plan of commitments, its flows per year, and how much private
 * money each yuan of government money in it brings in. */
export interface FundOfFundsOutcomes {
  /** Every sub-fund the mother commits to under its pacing plan. `privatePerGovernment`: the
   * sub-fund's non-government commitments per unit of its government commitments (null: none). */
  subFunds: Array<{ id: string; programme: string; startYear: number; commitment: number; size: number; governmentShare: number; privatePerGovernment: number | null }>
  managerSkillSpread: number
  coInvestmentShare: number
  /** Per fund year, means over trials (millions): commitments the plan makes, the mother's calls on its
   * LPs (fees included), its distributions to them, their difference, its look-through NAV at the
   * year-end, its co-investment cheques, and the government classes' part of the calls. */
  byYear: Array<{ year: number; committed: number; calls: number; distributions: number; net: number; nav: number; coInvested: number; governmentCalls: number }>
  /** Social capital mobilised per unit of the mother's government money (null without any): in the
   * mother itself (its other LPs), and with the sub-funds' private capital added. A sub-fund's
   * non-government commitments count in proportion to the mother's part of the money on its side
   * (of the government classes when the mother holds a government class, else of the whole fund), so
   * splitting a commitment over vintages or classes neither adds nor loses any. */
  leverage: { governmentCommitted: number; privateInMother: number; privateInSubFunds: number; mother: number | null; withSubFunds: number | null }
}

const governmentShareOf = (run: ResolvedRun) => run.governmentShare

/** Mean per year of a yearly series over the n trials of a merged chunk. */
export function seriesMeans(run: ResolvedRun, merged: ChunkResult, name: YearSeries): number[] {
  const k = run.yearSeries.indexOf(name)
  const years = merged.years
  const n = merged.end - merged.start
  return Array.from({ length: years }, (_, y) => {
    if (k < 0 || !merged.yearSums) return 0
    const s = new ExactSum()
    s.partials = [...merged.yearSums[k * years + y]!]
    return n > 0 ? +s / n : 0
  })
}

export function summariseFundOfFunds(run: ResolvedRun, merged: ChunkResult, governmentCallsByYear: number[]): FundOfFundsOutcomes {
  const { config } = run
  const years = merged.years
  const committed = new Array<number>(years).fill(0)
  for (const s of run.subRuns) if (s.startQuarter >> 2 < years) committed[s.startQuarter >> 2]! += s.commitment
  const calls = seriesMeans(run, merged, 'calls')
  const distributions = seriesMeans(run, merged, 'distributions')
  const nav = seriesMeans(run, merged, 'nav')
  const coInvested = seriesMeans(run, merged, 'coInvested')
  const subFunds = run.subRuns.map((s) => {
    const size = s.run.config.fund.size
    const g = governmentShareOf(s.run)
    return {
      id: s.id,
      programme: config.subFunds![s.programme]!.id,
      startYear: s.startQuarter / 4,
      commitment: s.commitment,
      size,
      governmentShare: g,
      privatePerGovernment: g > 0 ? (1 - g) / g : null,
    }
  })
  const gov = run.governmentShare * config.fund.size
  const privateInMother = config.fund.size - gov
  const privateInSubFunds = run.subRuns.reduce((a, s, k) => {
    const { size, governmentShare: g } = subFunds[k]!
    const side = s.run.config.lpClasses[s.classIndex]?.kind === 'government' ? g * size : size
    return a + size * (1 - g) * (side > 0 ? Math.min(1, s.commitment / side) : 0)
  }, 0)
  return {
    subFunds,
    managerSkillSpread: config.fundOfFunds?.managerSkill?.spread ?? 0,
    coInvestmentShare: config.fundOfFunds?.coInvestment?.share ?? 0,
    byYear: calls.map((c, y) => ({
      year: y + 1,
      committed: committed[y]!,
      calls: c,
      distributions: distributions[y]!,
      net: distributions[y]! - c,
      nav: nav[y]!,
      coInvested: coInvested[y]!,
      governmentCalls: governmentCallsByYear[y] ?? 0,
    })),
    leverage: {
      governmentCommitted: gov,
      privateInMother,
      privateInSubFunds,
      mother: gov > 0 ? privateInMother / gov : null,
      withSubFunds: gov > 0 ? (privateInMother + privateInSubFunds) / gov : null,
    },
  }
}
