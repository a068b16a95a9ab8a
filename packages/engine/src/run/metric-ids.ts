/** Per-trial real-valued metrics (NaN inside the engine means "does not exist"; never output). */
export const VALUE_METRICS = [
  'netTvpi',
  'grossTvpi',
  'netIrr',
  'grossIrr',
  'dpi',
  'rvpi',
  'pme',
  'paidIn',
  'invested',
  'grossProceeds',
  'fees',
  'carry',
  'deployment',
  'breakEvenYear',
  'topDealShare',
  'dealsToReturnFund',
  'lossRatio',
  'lossBreach',
  'dealLossBreachShare',
  'mobilisedAtEntry',
  'mobilisedOverLife',
  'cashDrag',
  'firstLossPaid',
  'buyOutExercised',
  'gpUpside',
  /** Yield earned on cash held at the fund. */
  'cashIncome',
  /** Share of commitments paid in by month 24. */
  'calledAt2y',
  /** Years of extension the fund took. */
  'extensionYears',
  /** Discount to NAV at which the holdings left at the end were sold (NaN when nothing was left). */
  'secondaryDiscount',
  /** Cash the guarantor classes paid at the end of life, as a share of the fund. */
  'guaranteePaid',
  /** Net TVPI of the government classes together (paid-in weighted). */
  'governmentTvpi',
  /** The same two for the same fund without its re-investment requirements, same random numbers
   * (only when `run.counterfactual` exists; 0 otherwise). */
  'noRequirementNetTvpi',
  'noRequirementGovernmentTvpi',
] as const
export type ValueMetric = (typeof VALUE_METRICS)[number]

/** Per-trial counts of companies. */
export const COUNT_METRICS = [
  'companies',
  'writeOffs',
  'acquisitions',
  'listings',
  /** exits by share transfer (股权转让) */
  'transfers',
  /** exits by a redemption (回购) */
  'buyBacks',
  /** part of a stake sold to a later round's investors (老股转让); the company stays in the portfolio */
  'oldShareSales',
  'stalled',
  'heldAtEnd',
  'unicorns',
  'reachedSeed',
  'reachedA',
  'reachedB',
  'reachedC',
  'reachedLate',
  'unstartedDeals',
  'dealsPlanned',
  'dealsReserved',
  'dealsStarted',
  'dealsProducing',
] as const
export type CountMetric = (typeof COUNT_METRICS)[number]

/** Metrics recorded at every fund year-end, for fan charts. */
export const YEAR_METRICS = ['netTvpi', 'dpi', 'nav', 'netCashFlow', 'governmentCalls'] as const
export type YearMetric = (typeof YEAR_METRICS)[number]

/** Position of each metric in a trial record's arrays. */
export const V = Object.freeze(Object.fromEntries(VALUE_METRICS.map((m, i) => [m, i])) as Record<ValueMetric, number>)
export const C = Object.freeze(Object.fromEntries(COUNT_METRICS.map((m, i) => [m, i])) as Record<CountMetric, number>)

/** Outputs of one trial, reused across trials to avoid allocation. */
export interface TrialRecord {
  /** indexed by V */
  values: Float64Array
  /** indexed by C */
  counts: Uint16Array
  /** [metric * years + year] */
  years: Float64Array
  /** invested and gross proceeds per construction cell */
  cellInvested: Float64Array
  cellProceeds: Float64Array
  cellCompanies: Float64Array
  /** Per LP class: [class * 3 + (0 net TVPI, 1 net IRR, 2 DPI)] */
  classes: Float64Array
  /** Achieved local re-investment multiple per requirement. */
  reinvestment: Float64Array
  /** Quarter count at which the fund ended (life plus the extensions it took). */
  endQuarter: number
  /** The run's extra yearly series (`ResolvedRun.yearSeries`): [series * years + year]. */
  series: Float64Array
}

/** Yearly series of a mother fund: its calls on its LPs (fees included), distributions to them, its
 * look-through NAV at each year-end and its co-investment cheques. */
export const FUND_OF_FUNDS_SERIES = ['calls', 'distributions', 'nav', 'coInvested'] as const
/** Yearly series of a fund whose pipeline defines production: companies first reaching the stage. */
export const PRODUCING_SERIES = ['producing'] as const
export type YearSeries = (typeof FUND_OF_FUNDS_SERIES)[number] | (typeof PRODUCING_SERIES)[number]

export const CLASS_METRICS = ['netTvpi', 'netIrr', 'dpi'] as const

export function createTrialRecord(years: number, cells: number, classes = 0, requirements = 0, series = 0): TrialRecord {
  return {
    values: new Float64Array(VALUE_METRICS.length),
    counts: new Uint16Array(COUNT_METRICS.length),
    years: new Float64Array(YEAR_METRICS.length * years),
    cellInvested: new Float64Array(cells),
    cellProceeds: new Float64Array(cells),
    cellCompanies: new Float64Array(cells),
    classes: new Float64Array(classes * CLASS_METRICS.length),
    reinvestment: new Float64Array(requirements),
    endQuarter: 0,
    series: new Float64Array(series * years),
  }
}
