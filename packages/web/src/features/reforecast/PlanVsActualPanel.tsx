import { useCallback, useMemo, useRef } from 'react'
import type { Chart } from 'chart.js'
import type { Distribution } from '@pcsim/engine'
import type { ReforecastResult } from '../../api/types.ts'
import { DataTable } from '../../app/DataTable.tsx'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { OverlayChart } from '../../charts/OverlayChart.tsx'
import { createFormat } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'

/** The forward distributions of the plan (from day 0) and the reforecast (from today), side by side and overlaid. */
function ForwardDistributions({ result }: { result: ReforecastResult }) {
  const { t, locale } = useI18n()
  const r = t.reforecast
  const fmt = useMemo(() => createFormat(locale, result.run.currency), [locale, result])
  const tvpiRef = useRef<Chart | null>(null)
  const mult = useCallback((x: number) => fmt.multiple(x, 1), [fmt])
  const { run, plan } = result
  const series = useMemo(
    () => [
      { label: r.planSeries, edges: plan.histograms.netTvpi.edges, counts: plan.histograms.netTvpi.counts },
      { label: r.reforecastSeries, edges: run.histograms.netTvpi.edges, counts: run.histograms.netTvpi.counts },
    ],
    [run, plan, r],
  )
  const reading = r.forwardReading(fmt.multiple(plan.summary.netTvpi.p50), fmt.multiple(run.summary.netTvpi.p50))
  const band = (d: Distribution, f: (x: number) => string) => [f(d.p10), f(d.p50), f(d.p90)]
  const rows = [
    [r.metrics.netTvpi, ...band(plan.summary.netTvpi, (x) => fmt.multiple(x)), ...band(run.summary.netTvpi, (x) => fmt.multiple(x))],
    [r.metrics.netIrr, ...band(plan.summary.netIrr, (x) => fmt.percent(x)), ...band(run.summary.netIrr, (x) => fmt.percent(x))],
    [r.metrics.dpi, ...band(plan.summary.dpi, (x) => fmt.multiple(x)), ...band(run.summary.dpi, (x) => fmt.multiple(x))],
    [r.metrics.probLoss, fmt.percent(plan.summary.probLoss.value, 1), '', '', fmt.percent(run.summary.probLoss.value, 1), '', ''],
  ]
  return (
    <div className="forward" data-testid="reforecast-forward">
      <h4>{r.forwardTitle}</h4>
      <DataTable scroll testId="reforecast-forward-table" head={[r.metric, r.planP10, r.planP50, r.planP90, r.actualP10, r.actualP50, r.actualP90]} rows={rows} />
      <ChartFrame title={r.overlayTitle} units={t.charts.overlayUnits} reading={reading} explanation={r.overlayExplain} chartRef={tvpiRef} fileName="pcsim-reforecast-tvpi" testId="chart-reforecast-overlay" height={260}>
        <OverlayChart series={series} formatX={mult} ariaLabel={t.charts.summaryOf(r.overlayTitle, reading)} chartRef={tvpiRef} />
      </ChartFrame>
    </div>
  )
}

/** Plan against actual: where the fund stands today against what its plan expected by now, and the futures of both. */
export function PlanVsActualPanel({ result }: { result: ReforecastResult }) {
  return (
    <div className="plan-vs-actual" data-testid="plan-vs-actual">
      <ForwardDistributions result={result} />
    </div>
  )
}
