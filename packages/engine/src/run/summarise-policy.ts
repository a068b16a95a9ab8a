import type { ResolvedRun } from '../model/resolve.ts'
import { REGION_IDS, type EntryStageId, type SectorId } from '../schema/ids.ts'
import { describe, describeIrr, probability, type Distribution, type IrrDistribution, type Probability } from '../stats/describe.ts'
import { ExactSum } from '../stats/exact-sum.ts'
import { selectionGain } from '../model/reinvestment-cost.ts'
import { binnedQuantile, FAN_GRIDS } from '../stats/fan-grid.ts'
import { FAN_STRIDE, type ChunkResult } from './chunk.ts'
import { YEAR_METRICS } from './metric-ids.ts'
import { seriesMeans } from './summarise-fof.ts'

export interface LpClassOutcome {
  id: string
  kind: string
  /** Commitment, millions of the fund currency. */
  committed: number
  netTvpi: Distribution | null
  /** With the share of trials where the class's IRR does not exist or is a total loss. */
  netIrr: IrrDistribution | null
  dpi: Distribution | null
  probLoss: Probability
}

export interface PolicyOutcomes {
  /** Government commitments, millions (classes of kind "government"). */
  governmentCommitted: number
  /** Money other investors put in per unit of government commitment: other LPs in the fund; other
   * investors in our companies' entry rounds; and in every later round over the companies' lives. */
  privateCapitalMobilised: { inFund: number | null; atEntry: Distribution | null; overLife: Distribution | null }
  reinvestment: Array<{ classId: string; regions: string[]; required: number; achieved: Distribution | null; probShortfall: Probability }>
  /** What the re-investment requirements cost: this fund minus the same fund without them, trial by
   * trial on the same random numbers (null when no requirement meets a regional pool). */
  reinvestmentCost: ReinvestmentCost | null
  toleratedLoss: { fund: number; deal: number; lossRatio: Distribution | null; probBreach: Probability; dealBreachShare: Distribution | null }
  companiesSupported: {
    total: number
    bySector: Array<{ id: SectorId; companies: number }>
    byStage: Array<{ id: EntryStageId; companies: number }>
  }
  unicorns: { mean: number; se: number }
  /** `selectionGain`: value multiple of a started deal over a random pick among the reserved ones. */
  pipeline: {
    planned: number
    reserved: number
    started: number
    producing: number
    unstarted: number
    cashDrag: Distribution | null
    selectionGain: number
    /** With `strategy.pipeline.producingStage` set: the stage, and the mean number of companies that
     * became producing in each fund year (read from their own paths). */
    producingStage?: string
    producingByYear?: number[]
  }
  /** Distributions the first-loss class gave up to the senior classes, as a share of the fund. */
  firstLossPaid: Distribution | null
  /** Cash paid under explicit guarantees at the end of life, as a share of the fund (also in `budget`). */
  guaranteePaid: Distribution | null
  buyOut: { probExercised: Probability }
  /** Capital calls on the government, and guarantee payments, per fund year: expected and the 95th percentile (calls at risk). */
  budget: Array<{ year: number; expected: number; p95: number; expectedShare: number; p95Share: number }>
}

export interface ReinvestmentCost {
  /** Mean paired difference in net TVPI (negative: the requirement costs returns), with its s.e. */
  netTvpi: { mean: number; se: number }
  /** Difference in P(net TVPI < 1x), with the s.e. of the paired difference. */
  probLoss: { value: number; se: number }
  /** Mean paired difference in the government classes' net TVPI. */
  governmentTvpi: { mean: number; se: number }
  /** Deals the requirement moved into a region, by what it took: at the fund's usual standard, further
   * down a local pool, a relocation; and deals it would have moved but the policy left outside. */
  deals: { atStandard: number; belowStandard: number; relocated: number; missed: number }
}

const mean = (a: Uint16Array | Float64Array) => describe(a)?.mean ?? 0

/** Mean and standard error of the paired differences a[i] − b[i] over the trials where both exist. */
function pairedDifference(a: Float64Array, b: Float64Array): { mean: number; se: number } {
  const d: number[] = []
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) d.push(a[i]! - b[i]!)
  const s = describe(Float64Array.from(d))
  return { mean: s?.mean ?? 0, se: s?.se ?? 0 }
}

function reinvestmentCost(run: ResolvedRun, merged: ChunkResult): ReinvestmentCost | null {
  const cf = run.counterfactual
  if (!cf) return null
  const v = merged.values
  const loss = (a: Float64Array) => Float64Array.from(a, (x) => (x < 1 ? 1 : 0))
  const probLoss = pairedDifference(loss(v.netTvpi), loss(v.noRequirementNetTvpi))
  const kinds = [0, 0, 0, 0, 0]
  for (const k of run.deals.reinvest) kinds[k]!++
  const [, atStandard, belowStandard, relocated, missed] = kinds as [number, number, number, number, number]
  return {
    netTvpi: pairedDifference(v.netTvpi, v.noRequirementNetTvpi),
    probLoss: { value: probLoss.mean, se: probLoss.se },
    governmentTvpi: pairedDifference(v.governmentTvpi, v.noRequirementGovernmentTvpi),
    deals: { atStandard, belowStandard, relocated, missed },
  }
}

export function summariseLpClasses(run: ResolvedRun, merged: ChunkResult): LpClassOutcome[] {
  const n = merged.end - merged.start
  return run.config.lpClasses.map((c, i) => {
    const [tvpi, irr, dpi] = merged.classes[i]!
    return {
      id: c.id,
      kind: c.kind,
      committed: c.share * run.config.fund.size,
      netTvpi: describe(tvpi!),
      netIrr: describeIrr(irr!),
      dpi: describe(dpi!),
      probLoss: probability(tvpi!.reduce((a, x) => a + (x < 1 ? 1 : 0), 0), n),
    }
  })
}

export function summarisePolicy(run: ResolvedRun, merged: ChunkResult): PolicyOutcomes {
  const { config } = run
  const n = merged.end - merged.start
  const v = merged.values
  const c = merged.counts
  const gov = run.governmentShare * config.fund.size
  const bySector = new Map<SectorId, number>()
  const byStage = new Map<EntryStageId, number>()
  run.cells.forEach((cell, i) => {
    const companies = merged.cellCompanies[i]! / n
    bySector.set(cell.sector, (bySector.get(cell.sector) ?? 0) + companies)
    byStage.set(cell.stage, (byStage.get(cell.stage) ?? 0) + companies)
  })
  const gi = YEAR_METRICS.indexOf('governmentCalls')
  const grid = FAN_GRIDS.governmentCalls
  const budget = merged.governmentCallSums.map((partials, y) => {
    const sum = new ExactSum()
    sum.partials = [...partials]
    const expectedShare = +sum / n
    const p95Share = binnedQuantile(grid, merged.fan, (gi * merged.years + y) * FAN_STRIDE, n, 0.95)
    return { year: y + 1, expected: expectedShare * gov, p95: p95Share * gov, expectedShare, p95Share }
  })
  const companies = describe(c.companies)
  return {
    governmentCommitted: gov,
    privateCapitalMobilised: {
      inFund: gov > 0 ? (config.fund.size - gov) / gov : null,
      atEntry: describe(v.mobilisedAtEntry),
      overLife: describe(v.mobilisedOverLife),
    },
    reinvestmentCost: reinvestmentCost(run, merged),
    reinvestment: run.requirements.map((r, i) => {
      const achieved = merged.reinvestment[i]!
      return {
        classId: config.lpClasses[r.classIndex]!.id,
        regions: REGION_IDS.filter((_, k) => r.regionMask & (1 << k)),
        required: r.multiple,
        achieved: describe(achieved),
        probShortfall: probability(achieved.reduce((a, x) => a + (x < r.multiple - 1e-9 ? 1 : 0), 0), n),
      }
    }),
    toleratedLoss: {
      fund: config.policy.toleratedLoss.fund,
      deal: config.policy.toleratedLoss.deal,
      lossRatio: describe(v.lossRatio),
      probBreach: probability(v.lossBreach.reduce((a, x) => a + x, 0), n),
      dealBreachShare: describe(v.dealLossBreachShare),
    },
    companiesSupported: {
      total: companies?.mean ?? 0,
      bySector: [...bySector].map(([id, companies]) => ({ id, companies })),
      byStage: [...byStage].map(([id, companies]) => ({ id, companies })),
    },
    unicorns: { mean: describe(c.unicorns)?.mean ?? 0, se: describe(c.unicorns)?.se ?? 0 },
    pipeline: {
      planned: mean(c.dealsPlanned),
      reserved: mean(c.dealsReserved),
      started: mean(c.dealsStarted),
      producing: mean(c.dealsProducing),
      unstarted: mean(c.unstartedDeals),
      cashDrag: describe(v.cashDrag),
      selectionGain: selectionGain(config),
      ...(run.yearSeries[0] === 'producing' ? { producingStage: config.strategy.pipeline.producingStage!, producingByYear: seriesMeans(run, merged, 'producing') } : {}),
    },
    firstLossPaid: describe(v.firstLossPaid),
    guaranteePaid: describe(v.guaranteePaid),
    buyOut: { probExercised: probability(v.buyOutExercised.reduce((a, x) => a + x, 0), n) },
    budget,
  }
}
