import type { PlanVsActual } from '../reforecast/plan-vs-actual-types.ts'
import type { ResolvedRun } from '../model/resolve.ts'
import type { SimulationConfig } from '../schema/config.ts'
import type { EntryStageId, SectorId } from '../schema/ids.ts'
import { describe, describeIrr, finiteForQuantiles, moments, probability, quantileSorted, type Distribution, type IrrDistribution, type Probability } from '../stats/describe.ts'
import { ExactSum } from '../stats/exact-sum.ts'
import { binnedQuantile, FAN_GRIDS } from '../stats/fan-grid.ts'
import { FAN_STRIDE, type ChunkResult, type MergeColumns } from './chunk.ts'
import { COUNT_METRICS, VALUE_METRICS, YEAR_METRICS, type CountMetric, type ValueMetric, type YearMetric } from './metric-ids.ts'
import { ENGINE_VERSION } from '../version.ts'
import { summariseFundOfFunds, type FundOfFundsOutcomes } from './summarise-fof.ts'
import { summariseLpClasses, summarisePolicy, type LpClassOutcome, type PolicyOutcomes } from './summarise-policy.ts'

export interface FanPoint {
  year: number
  p5: number
  p10: number
  p25: number
  p50: number
  p75: number
  p90: number
  p95: number
}

export interface ValueCell {
  sector: SectorId
  stage: EntryStageId
  /** Mean per trial, millions of the fund currency. */
  invested: number
  proceeds: number
  /** Gross multiple of the cell: proceeds / invested. */
  multiple: number
  /** Share of the fund's gross proceeds. */
  shareOfProceeds: number
}

/** Value created by one sector or one entry stage, across all its cells. */
export interface ValueGroup {
  id: string
  invested: number
  proceeds: number
  multiple: number
  shareOfProceeds: number
}

export interface Histogram {
  edges: number[]
  counts: number[]
}

export interface RunSummary {
  netTvpi: Distribution
  grossTvpi: Distribution
  netIrr: IrrDistribution
  grossIrr: IrrDistribution
  dpi: Distribution
  rvpi: Distribution
  pme: Distribution
  probLoss: Probability
  probAtLeast: { '2x': Probability; '3x': Probability; '5x': Probability }
  /** Loss per unit of paid-in capital at the 5% and 1% tails of net TVPI (1 − quantile), and the
   * mean loss beyond it (CVaR / expected shortfall). Negative means a gain even in the tail. */
  valueAtRisk: { p95: number; p99: number }
  conditionalValueAtRisk: { p95: number; p99: number }
  deployment: {
    /** Share of commitments invested in companies. */
    investedShare: Distribution
    /** Share of commitments called from LPs. */
    paidInShare: Distribution
    feesShare: Distribution
    carryShare: Distribution
    /** Cash handed to the GP by capped returns or concessions naming it, beside its carry. */
    gpUpsideShare: Distribution
    /** Capital the construction sets aside for initial cheques and reserves (a reforecast: its
     * holdings at cost with its new cheques, and the reserve it has left). */
    planned: { investable: number; initial: number; reserve: number; plannedFees: number; companies: number }
  }
  breakEven: { years: Distribution | null; probNever: Probability }
  outcomes: Record<CountMetric, { mean: number; se: number }>
  concentration: {
    topDealShare: Distribution
    probOneDealReturnsFund: Probability
    dealsToReturnFund: Distribution | null
    probFundNotReturned: Probability
  }
  /** Each LP class's outcome, government and private side by side. */
  lpClasses: LpClassOutcome[]
  /** Policy outcomes beside the financial ones. */
  policy: PolicyOutcomes
  /** A fund-of-funds' plan, yearly flows and leverage of private capital (fund-of-funds only). */
  fundOfFunds?: FundOfFundsOutcomes
}

export interface RunResult {
  engineVersion: string
  schemaVersion: number
  name: string
  seed: string
  trials: number
  currency: string
  denominators: Record<string, string>
  summary: RunSummary
  histograms: { netTvpi: Histogram; netIrr: Histogram }
  fan: Record<YearMetric, FanPoint[]>
  valueBy: { cells: ValueCell[]; sectors: ValueGroup[]; stages: ValueGroup[] }
  /** Fund-of-funds: each sub-fund's own result on the same market paths. */
  subFunds?: Array<{ id: string; result: RunResult }>
  /** A reforecast compared with its plan (attached by `pcsim reforecast` / `POST /api/reforecasts`). */
  planVsActual?: PlanVsActual
  config: SimulationConfig
}

const FAN_PS = [5, 10, 25, 50, 75, 90, 95] as const

/** The per-trial value columns `summarise` (with summarise-policy.ts) never reads: they are for callers
 * of the chunks. tests/engine/summarised-columns.test.ts fails if the summary reads one of them. */
const UNSUMMARISED: ReadonlySet<ValueMetric> = new Set(['grossProceeds', 'deployment', 'cashIncome', 'calledAt2y', 'extensionYears', 'secondaryDiscount'])
/** Read only when the run prices its re-investment requirements against a counterfactual. */
const COUNTERFACTUAL: ReadonlySet<ValueMetric> = new Set(['governmentTvpi', 'noRequirementNetTvpi', 'noRequirementGovernmentTvpi'])
const WITH_COUNTERFACTUAL = VALUE_METRICS.filter((m) => !UNSUMMARISED.has(m))
const SUMMARISED = WITH_COUNTERFACTUAL.filter((m) => !COUNTERFACTUAL.has(m))

/** What a merge must keep for `summarise(run, merged)`: the same result as from every column. */
export function summarisedColumns(run: ResolvedRun): MergeColumns {
  return {
    values: run.counterfactual ? WITH_COUNTERFACTUAL : SUMMARISED,
    ...(run.subRuns.length ? { subFunds: run.subRuns.map((s) => summarisedColumns(s.run)) } : {}),
  }
}

export const DENOMINATORS = {
  netTvpi: 'LP distributions plus LP share of NAV (after accrued carry), over LP paid-in capital (investments and fees)',
  dpi: 'LP distributions over LP paid-in capital',
  grossTvpi: 'proceeds from companies plus NAV, over capital invested in companies',
  netIrr: 'LP quarterly cash flows (calls out, distributions in, net NAV at the reading date), exact root, annualised',
  grossIrr: 'company-level quarterly cash flows (cheques out, proceeds in), exact root, annualised',
  pme: 'Kaplan-Schoar PME: index-discounted LP distributions and NAV over index-discounted calls',
  deployment: 'shares of committed capital',
} as const

function irrDistribution(values: Float64Array, scratch: Float64Array): IrrDistribution {
  return describeIrr(values, scratch) ?? { ...emptyDistribution(), undefinedShare: values.length ? 1 : 0, totalLossShare: 0 }
}

function emptyDistribution(): Distribution {
  const zeroes = { p1: 0, p5: 0, p10: 0, p25: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0 }
  return { n: 0, mean: 0, sd: 0, se: 0, min: 0, max: 0, ...zeroes, percentileSe: { ...zeroes } }
}

const HISTOGRAM_RANGE = [0.001, 0.995] as const
/** Net TVPI quantiles of the value at risk (95% and 99%). */
const TAILS = [0.05, 0.01] as const

/** 40 bins from the 0.1% to the 99.5% quantile of `values` (from finiteForQuantiles at HISTOGRAM_RANGE). */
function histogram(values: Float64Array, bins = 40): Histogram {
  if (values.length === 0) return { edges: [], counts: [] }
  const lo = quantileSorted(values, HISTOGRAM_RANGE[0])
  const hi = Math.max(lo + 1e-9, quantileSorted(values, HISTOGRAM_RANGE[1]))
  const width = (hi - lo) / bins
  const counts = new Array<number>(bins).fill(0)
  for (const x of values) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((x - lo) / width)))
    counts[b]!++
  }
  return { edges: Array.from({ length: bins + 1 }, (_, i) => lo + i * width), counts }
}

/** Turns merged per-trial results into the documented run result. */
export function summarise(run: ResolvedRun, merged: ChunkResult): RunResult {
  const { config } = run
  const size = config.fund.size
  const v = merged.values
  const n = merged.end - merged.start
  // the tails and the histogram read four quantiles of net TVPI: those order statistics are selected, not the column sorted
  const tvpi = finiteForQuantiles(v.netTvpi, [...TAILS, ...HISTOGRAM_RANGE])
  // every distribution is read from one scratch buffer (and the scaled columns from a second), not from a copy each
  const scratch = new Float64Array(n)
  const shares = new Float64Array(n)
  const dist = (a: Float64Array) => describe(a, scratch) ?? emptyDistribution()
  const scaled = (a: Float64Array) => {
    for (let i = 0; i < n; i++) shares[i] = a[i]! / size
    return dist(shares)
  }
  const atLeast = (k: number) => probability(v.netTvpi.reduce((acc, x) => acc + (x >= k ? 1 : 0), 0), n)
  const tail = (p: number) => {
    const q = quantileSorted(tvpi, p)
    let sum = 0
    let cnt = 0
    for (let i = 0; i < tvpi.length; i++)
      if (tvpi[i]! <= q) {
        sum += tvpi[i]!
        cnt++
      }
    return { var: 1 - q, cvar: cnt ? 1 - sum / cnt : 0 }
  }
  const t95 = tail(TAILS[0])
  const t99 = tail(TAILS[1])
  const outcomes = Object.fromEntries(
    COUNT_METRICS.map((m) => {
      const d = moments(merged.counts[m])
      return [m, { mean: d?.mean ?? 0, se: d?.se ?? 0 }]
    }),
  ) as RunSummary['outcomes']
  let never = 0
  let notReturned = 0
  let oneDeal = 0
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(v.breakEvenYear[i]!)) never++
    if (Number.isNaN(v.dealsToReturnFund[i]!)) notReturned++
    else if (v.dealsToReturnFund[i] === 1) oneDeal++
  }
  const c = run.construction
  const summary: RunSummary = {
    netTvpi: dist(v.netTvpi),
    grossTvpi: dist(v.grossTvpi),
    netIrr: irrDistribution(v.netIrr, scratch),
    grossIrr: irrDistribution(v.grossIrr, scratch),
    dpi: dist(v.dpi),
    rvpi: dist(v.rvpi),
    pme: dist(v.pme),
    probLoss: probability(v.netTvpi.reduce((acc, x) => acc + (x < 1 ? 1 : 0), 0), n),
    probAtLeast: { '2x': atLeast(2), '3x': atLeast(3), '5x': atLeast(5) },
    valueAtRisk: { p95: t95.var, p99: t99.var },
    conditionalValueAtRisk: { p95: t95.cvar, p99: t99.cvar },
    deployment: {
      investedShare: scaled(v.invested),
      paidInShare: scaled(v.paidIn),
      feesShare: scaled(v.fees),
      carryShare: scaled(v.carry),
      gpUpsideShare: scaled(v.gpUpside),
      // a reforecast's construction: the holdings at cost and the new cheques, and the reserve left
      planned: run.reforecast
        ? { investable: c.investable, initial: run.deals.cheque.reduce((a, x) => a + x, 0), reserve: run.reserveStart, plannedFees: c.plannedFees, companies: run.deals.cheque.length }
        : { investable: c.investable, initial: c.initialTotal, reserve: c.reserveBudget, plannedFees: c.plannedFees, companies: c.deals.length },
    },
    breakEven: { years: describe(v.breakEvenYear, scratch), probNever: probability(never, n) },
    outcomes,
    concentration: {
      topDealShare: dist(v.topDealShare),
      probOneDealReturnsFund: probability(oneDeal, n),
      dealsToReturnFund: describe(v.dealsToReturnFund, scratch),
      probFundNotReturned: probability(notReturned, n),
    },
    lpClasses: summariseLpClasses(run, merged, scratch),
    policy: summarisePolicy(run, merged, scratch),
  }
  if (run.subRuns.length > 0) summary.fundOfFunds = summariseFundOfFunds(run, merged, summary.policy.budget.map((b) => b.expected))
  const fan = {} as Record<YearMetric, FanPoint[]>
  YEAR_METRICS.forEach((metric, mi) => {
    const grid = FAN_GRIDS[metric]
    fan[metric] = Array.from({ length: merged.years }, (_, y) => {
      const offset = (mi * merged.years + y) * FAN_STRIDE
      const point = { year: y + 1 } as FanPoint
      for (const p of FAN_PS) point[`p${p}`] = binnedQuantile(grid, merged.fan, offset, n, p / 100)
      return point
    })
  })
  const totalProceeds = merged.cellProceeds.reduce((a, p) => a + sumOf(p), 0)
  const cell = (sector: SectorId, stage: EntryStageId, invested: number, proceeds: number): ValueCell => ({
    sector,
    stage,
    invested: invested / n,
    proceeds: proceeds / n,
    multiple: invested > 0 ? proceeds / invested : 0,
    shareOfProceeds: totalProceeds > 0 ? proceeds / totalProceeds : 0,
  })
  const cells = run.cells.map((k, i) => cell(k.sector, k.stage, sumOf(merged.cellInvested[i]!), sumOf(merged.cellProceeds[i]!)))
  const group = <K extends 'sector' | 'stage'>(key: K) => {
    const ids = [...new Set(run.cells.map((k) => k[key]))]
    return ids.map((id) => {
      const inv = new ExactSum()
      const pro = new ExactSum()
      run.cells.forEach((k, i) => {
        if (k[key] !== id) return
        for (const x of merged.cellInvested[i]!) inv.add(x)
        for (const x of merged.cellProceeds[i]!) pro.add(x)
      })
      const { sector: _s, stage: _t, ...rest } = cell('generalist', 'seed', +inv, +pro)
      return { id, ...rest }
    })
  }
  return {
    engineVersion: ENGINE_VERSION,
    schemaVersion: config.schemaVersion,
    name: config.name,
    seed: run.seed,
    trials: n,
    currency: config.fund.currency,
    denominators: { ...DENOMINATORS },
    summary,
    histograms: { netTvpi: histogram(tvpi), netIrr: histogram(finiteForQuantiles(v.netIrr, HISTOGRAM_RANGE, scratch)) },
    fan,
    valueBy: { cells, sectors: group('sector'), stages: group('stage') },
    ...(merged.subFunds ? { subFunds: run.subRuns.map((s, k) => ({ id: s.id, result: summarise(s.run, merged.subFunds![k]!) })) } : {}),
    config,
  }
}

function sumOf(partials: number[]): number {
  const s = new ExactSum()
  s.partials = [...partials]
  return +s
}
