import type { Band, RunResult } from '@pcsim/engine'
import { CSV_COLUMNS, csvField, runCsv } from './csv.ts'

/** A row in the run CSV's columns: the figure as `mean`, a band's percentiles in p10 / p50 / p90. */
function row(metric: string, mean: number, band?: Band | null): string {
  const cells: Array<string | number | null> = CSV_COLUMNS.map(() => null)
  cells[0] = metric
  cells[CSV_COLUMNS.indexOf('mean')] = mean
  if (band) {
    cells[CSV_COLUMNS.indexOf('p10')] = band.p10
    cells[CSV_COLUMNS.indexOf('p50')] = band.p50
    cells[CSV_COLUMNS.indexOf('p90')] = band.p90
  }
  return cells.map(csvField).join(',')
}

/** `pcsim reforecast --format csv`: the run's CSV, then the plan-against-actual rows
 * (`planVsActual.toDate.<figure>.actual|plan`, `planVsActual.forward.<metric>.plan|reforecast`). */
export function reforecastCsv(r: RunResult): string {
  const p = r.planVsActual
  if (!p) return runCsv(r)
  const rows: string[] = []
  const { companies, ...figures } = p.toDate
  for (const [name, f] of Object.entries(figures)) {
    rows.push(row(`planVsActual.toDate.${name}.actual`, f.actual))
    if (f.plan) rows.push(row(`planVsActual.toDate.${name}.plan`, f.plan.mean, f.plan))
  }
  for (const [stage, c] of Object.entries(companies)) {
    rows.push(row(`planVsActual.toDate.companies.${stage}.actual`, c.actual))
    rows.push(row(`planVsActual.toDate.companies.${stage}.plan`, c.plan))
  }
  for (const name of ['netTvpi', 'dpi', 'netIrr'] as const)
    for (const side of ['plan', 'reforecast'] as const) {
      const b = p.forward[name][side]
      if (b) rows.push(row(`planVsActual.forward.${name}.${side}`, b.mean, b))
    }
  rows.push(row('planVsActual.forward.probLoss.plan', p.forward.probLoss.plan.value), row('planVsActual.forward.probLoss.reforecast', p.forward.probLoss.reforecast.value))
  return `${runCsv(r)}${rows.join('\n')}\n`
}
