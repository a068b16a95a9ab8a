/** How a figure is read and printed. */
export type FigureUnit = 'share' | 'multiple' | 'years' | 'months'

/** One published figure a benchmark compares against, with its band. */
export interface CheckSpec {
  id: string
  title: string
  published: number
  /** The band the simulated figure must fall in (widened by 3 standard errors). */
  low: number
  high: number
  /** Where the band comes from: stated in the source, or how it was derived. */
  band: string
  unit: FigureUnit
}

/** A Monte Carlo estimate: the figure and its standard error. */
export interface Estimate {
  value: number
  se: number
  /** The true figure lies beyond `value` (e.g. more funds than the quantile never break even within
   * their life): the check cannot pass, and `value` is the last figure observed. */
  censored?: boolean
}

export interface CheckResult {
  id: string
  title: string
  unit: FigureUnit
  published: number
  simulated: number
  se: number
  low: number
  high: number
  band: string
  pass: boolean
  note?: string
}

/** Sample sizes of one report: `trials` fund trials per fund benchmark, `companies` per cohort. */
export interface CalibrationSize {
  trials: number
  companies: number
  /** Independent replicates the standard error is measured from. */
  replicates: number
}

export interface BenchmarkDefinition {
  id: string
  title: string
  /** Source tags that resolve in docs/references.md. */
  source: string
  /** How it is simulated: preset, cohort or fund, market path, statistic. */
  method: string
  /** Said in the note when the benchmark fails because the model lacks something. */
  limitation?: string
  /** Said in the note when the benchmark fails because its band conflicts with other benchmarks the defaults meet. */
  conflict?: string
  /** The first check is the headline figure of the row. */
  checks: CheckSpec[]
  /** One estimate per check, in order. Pure: depends only on the size (seeds are fixed). */
  measure(size: CalibrationSize): Estimate[]
}

export interface BenchmarkResult {
  id: string
  title: string
  source: string
  method: string
  unit: FigureUnit
  published: number
  simulated: number
  se: number
  low: number
  high: number
  band: string
  pass: boolean
  note?: string
  checks: CheckResult[]
}

export interface CalibrationReport {
  engineVersion: string
  size: CalibrationSize
  passed: number
  total: number
  benchmarks: BenchmarkResult[]
}
