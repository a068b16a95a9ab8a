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
  // two rows per figure (plan, then reforecast) keep the table four columns wide, side by side on a phone too
  const pair = (name: string, f: (x: number) => string, pick: (x: ReforecastResult['run']) => Distribution) => [
    [r.ofPlan(name), ...band(pick(plan), f)],
    [r.ofReforecast(name), ...band(pick(run), f)],
  ]
  const rows = [
    ...pair(r.metrics.netTvpi, (x) => fmt.multiple(x), (x) => x.summary.netTvpi),
    ...pair(r.metrics.netIrr, (x) => fmt.percent(x), (x) => x.summary.netIrr),
    ...pair(r.metrics.dpi, (x) => fmt.multiple(x), (x) => x.summary.dpi),
  ]
  return (
    <div className="forward" data-testid="reforecast-forward">
      <h4>{r.forwardTitle}</h4>
      <DataTable scroll testId="reforecast-forward-table" head={[r.metric, 'P10', r.median, 'P90']} rows={rows} />
      <p className="hint" data-testid="reforecast-loss">{r.lossReading(fmt.percent(plan.summary.probLoss.value, 1), fmt.percent(run.summary.probLoss.value, 1))}</p>
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
