import { formatFigure, type CalibrationReport } from '@pcsim/engine'
import type { Messages } from '../messages/index.ts'
import { layout } from './text-table.ts'

/** The calibration report as text: one row per benchmark (its headline figure), its other figures
 * indented below it, the pass count, and why the failing ones fail. */
export function calibrationTable(report: CalibrationReport, seconds: number, m: Messages): string {
  const t = m.calibrate
  const rows: string[][] = [[t.benchmark, t.published, t.simulated, t.tolerance, t.result]]
  for (const b of report.benchmarks)
    b.checks.forEach((c, i) => {
      const f = (x: number, digits?: number) => formatFigure(x, c.unit, digits)
      const se = c.unit === 'share' ? formatFigure(c.se, c.unit, 2) : f(c.se)
      const result = i === 0 ? (b.pass ? t.pass : t.fail) : c.pass ? '' : '×'
      rows.push([i === 0 ? `${b.id}  ${b.title}` : `    · ${c.title}`, f(c.published), `${f(c.simulated)} ± ${se}`, `${f(c.low)} – ${f(c.high)}`, result])
    })
  const failing = report.benchmarks.filter((b) => !b.pass)
  const lines = [
    t.header({ engine: report.engineVersion, trials: report.size.trials, companies: report.size.companies, seconds: seconds.toFixed(1) }),
    '',
    ...layout(rows, { indent: '', align: ['left', 'right', 'right', 'right', 'left'] }),
    '',
    t.summary(report.passed, report.total),
  ]
  if (failing.length) lines.push('', t.notes, ...failing.map((b) => `  ${b.id}: ${b.note ?? ''}`))
  lines.push('', t.sources)
  return `${lines.join('\n')}\n`
}
