import type { Band, RunResult } from '@pcsim/engine'
import type { Messages } from '../messages/index.ts'
import { decimal, multiple, percent } from './numbers.ts'
import { runTable } from './table.ts'
import { layout, section } from './text-table.ts'

type Fmt = (x: number) => string

const bandText = (b: Band | null, f: Fmt, none: string): string => (b ? `${f(b.p10)} / ${f(b.p50)} / ${f(b.p90)}` : none)

/** `pcsim reforecast --format table`: plan against actual to date, the whole-life comparison, then
 * the reforecast's full run table. */
export function reforecastTable(r: RunResult, m: Messages): string {
  const t = m.reforecast
  const p = r.planVsActual
  if (!p) return runTable(r, m)
  const none = m.run.none
  const irr: Fmt = (x) => percent(x, 1)
  const d = p.toDate
  const toDate =
    p.asOfQuarter === 0
      ? [`${t.toDate}`, `  ${t.dayZero}`].join('\n')
      : layout(
          [
            [t.toDate, t.actual, t.planBand],
            [`  ${t.paidIn}`, percent(d.paidIn.actual), bandText(d.paidIn.plan, percent, none)],
            [`  ${t.invested}`, percent(d.invested.actual), bandText(d.invested.plan, percent, none)],
            [`  ${t.rvpi}`, multiple(d.rvpi.actual), bandText(d.rvpi.plan, multiple, none)],
            [`  ${t.dpi}`, multiple(d.dpi.actual), bandText(d.dpi.plan, multiple, none)],
            [`  ${t.tvpi}`, multiple(d.tvpi.actual), bandText(d.tvpi.plan, multiple, none)],
            ...Object.entries(d.companies).map(([stage, c]) => [`  ${t.companies(t.stages[stage] ?? stage)}`, String(c.actual), decimal(c.plan, 0)]),
          ],
          { indent: '' },
        ).join('\n')
  const f = p.forward
  const forward = section(t.forward, [
    [t.netTvpi, `${t.plan} ${bandText(f.netTvpi.plan, multiple, none)}`, `${t.reforecast} ${bandText(f.netTvpi.reforecast, multiple, none)}`],
    [t.dpi, `${t.plan} ${bandText(f.dpi.plan, multiple, none)}`, `${t.reforecast} ${bandText(f.dpi.reforecast, multiple, none)}`],
    [t.netIrr, `${t.plan} ${bandText(f.netIrr.plan, irr, none)}`, `${t.reforecast} ${bandText(f.netIrr.reforecast, irr, none)}`],
    [t.probLoss, `${t.plan} ${percent(f.probLoss.plan.value)}`, `${t.reforecast} ${percent(f.probLoss.reforecast.value)}`],
  ])
  return [t.title({ name: r.name, asOf: p.asOf, quarters: p.asOfQuarter }), toDate, forward, `${t.forecastHeader}\n\n${runTable(r, m)}`].join('\n\n')
}
