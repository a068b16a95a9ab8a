import type { ComparisonResult, Distribution, RunResult } from '@pcsim/engine'

export const CSV_COLUMNS = ['metric', 'mean', 'sd', 'se', 'p1', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99'] as const
const STATS = CSV_COLUMNS.slice(1) as ReadonlyArray<Exclude<(typeof CSV_COLUMNS)[number], 'metric'>>

/** A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return ''
  const s = String(value)
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

const line = (cells: ReadonlyArray<string | number | null | undefined>): string => cells.map(csvField).join(',')

/**
 * One row per distribution (metric,mean,sd,se,p1…p99), then one row per probability (mean = the
 * probability, se its standard error) and per single figure (VaR, CVaR, shares: mean only).
 */
export function runCsv(r: RunResult): string {
  const s = r.summary
  const dist = (name: string, d: Distribution | null) => (d && d.n > 0 ? [line([name, ...STATS.map((k) => d[k])])] : [])
  const prob = (name: string, p: { value: number; se: number }) => line([name, p.value, null, p.se])
  const value = (name: string, x: number) => line([name, x])
  const rows = [
    line(CSV_COLUMNS),
    ...dist('netTvpi', s.netTvpi),
    ...dist('grossTvpi', s.grossTvpi),
    ...dist('netIrr', s.netIrr),
    ...dist('grossIrr', s.grossIrr),
    ...dist('dpi', s.dpi),
    ...dist('rvpi', s.rvpi),
    ...dist('pme', s.pme),
    ...dist('deployment.investedShare', s.deployment.investedShare),
    ...dist('deployment.paidInShare', s.deployment.paidInShare),
    ...dist('deployment.feesShare', s.deployment.feesShare),
    ...dist('deployment.carryShare', s.deployment.carryShare),
    ...dist('breakEven.years', s.breakEven.years),
    ...dist('concentration.topDealShare', s.concentration.topDealShare),
    ...dist('concentration.dealsToReturnFund', s.concentration.dealsToReturnFund),
    prob('probLoss', s.probLoss),
    prob('probAtLeast.2x', s.probAtLeast['2x']),
    prob('probAtLeast.3x', s.probAtLeast['3x']),
    prob('probAtLeast.5x', s.probAtLeast['5x']),
    prob('breakEven.probNever', s.breakEven.probNever),
    prob('concentration.probOneDealReturnsFund', s.concentration.probOneDealReturnsFund),
    prob('concentration.probFundNotReturned', s.concentration.probFundNotReturned),
    value('netIrr.undefinedShare', s.netIrr.undefinedShare),
    value('netIrr.totalLossShare', s.netIrr.totalLossShare),
    value('valueAtRisk.p95', s.valueAtRisk.p95),
    value('valueAtRisk.p99', s.valueAtRisk.p99),
    value('conditionalValueAtRisk.p95', s.conditionalValueAtRisk.p95),
    value('conditionalValueAtRisk.p99', s.conditionalValueAtRisk.p99),
    ...Object.entries(s.outcomes).map(([k, o]) => line([`outcomes.${k}`, o.mean, null, o.se])),
  ]
  return `${rows.join('\n')}\n`
}

export const COMPARE_CSV_COLUMNS = [
  'a',
  'b',
  'inputA',
  'inputB',
  'nameA',
  'nameB',
  'netTvpiDiffMean',
  'netTvpiDiffSe',
  'netTvpiDiffCi95Low',
  'netTvpiDiffCi95High',
  'netIrrDiffMean',
  'netIrrDiffSe',
  'netIrrDiffCi95Low',
  'netIrrDiffCi95High',
  'netIrrDiffN',
  'probABeatsB',
  'probABeatsBSe',
] as const

/** One row per pair of runs (indices into the inputs, 0-based, in command-line order). */
export function compareCsv(c: ComparisonResult, labels: readonly string[]): string {
  const rows = c.pairs.map((p) =>
    line([
      p.a,
      p.b,
      labels[p.a],
      labels[p.b],
      c.runs[p.a]?.name,
      c.runs[p.b]?.name,
      p.netTvpi.mean,
      p.netTvpi.se,
      p.netTvpi.ci95[0],
      p.netTvpi.ci95[1],
      p.netIrr.mean,
      p.netIrr.se,
      p.netIrr.ci95[0],
      p.netIrr.ci95[1],
      p.netIrr.n,
      p.probABeatsB.value,
      p.probABeatsB.se,
    ]),
  )
  return `${[line(COMPARE_CSV_COLUMNS), ...rows].join('\n')}\n`
}
