import { resolveRun } from '../model/resolve.ts'
import type { TrialColumns } from './columns.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { ENTRY_ROUND, ROUND_IDS, SECTOR_IDS, type EntryStageId, type SectorId } from '../schema/ids.ts'
import { perTrialValue } from './metrics.ts'

export interface ReturnTheFundCell {
  sector: SectorId
  stage: EntryStageId
  cheque: number
  /** Median post-money at entry (the sector model's, in the fund currency), millions. */
  entryPostMoney: number | null
  /** Entry ownership, kept through later rounds when follow-ons are pro rata. */
  ownership: number | null
  /** Exit value at which this one company's proceeds equal the fund's commitments, millions. */
  exitValue: number | null
  /** The same as a multiple of the initial cheque (what it takes in a power-law fund). */
  multipleOfCheque: number
}

export interface ReturnTheFund {
  fundSize: number
  cells: ReturnTheFundCell[]
  /** Share of trials in which the largest company alone returned the fund, with its standard error. */
  probOneDeal: { value: number; se: number }
  trials: number
}

/**
 * The return-the-fund view: how large one company's exit must be for its proceeds to equal the
 * fund, per entry cell, and how often one company did so in the run (`chunk`, the merged trials).
 */
export function returnTheFund(config: SimulationConfig, chunk: TrialColumns): ReturnTheFund {
  const run = resolveRun(config)
  const size = config.fund.size
  const powerLaw = config.companies.model === 'power_law'
  const cells = run.construction.counts.map((c) => {
    const model = run.sectorModels[SECTOR_IDS.indexOf(c.sector)]
    const post = model && !powerLaw ? model.rounds[ROUND_IDS[ENTRY_ROUND[c.stage]]!].postMoney : NaN
    const ownership = Number.isFinite(post) ? Math.min(1, c.cheque / post) : NaN
    return {
      sector: c.sector,
      stage: c.stage,
      cheque: c.cheque,
      entryPostMoney: Number.isFinite(post) ? post : null,
      ownership: Number.isFinite(ownership) ? ownership : null,
      exitValue: Number.isFinite(ownership) ? size / ownership : null,
      multipleOfCheque: size / c.cheque,
    }
  })
  const n = chunk.end - chunk.start
  let hits = 0
  for (let i = 0; i < n; i++) hits += perTrialValue(chunk, { kind: 'scalar', name: 'probOneDeal' }, i)
  const p = n ? hits / n : 0
  return { fundSize: size, cells, probOneDeal: { value: p, se: n ? Math.sqrt((p * (1 - p)) / n) : 0 }, trials: n }
}
