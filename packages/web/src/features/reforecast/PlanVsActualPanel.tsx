import { useCallback, useMemo, useRef } from 'react'
import type { Chart } from 'chart.js'
import { presetName, type Band, type Distribution, type ToDate } from '@pcsim/engine'
import type { ReforecastResult } from '../../api/types.ts'
import { DataTable } from '../../app/DataTable.tsx'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { OverlayChart } from '../../charts/OverlayChart.tsx'
import { RangeChart } from '../../charts/RangeChart.tsx'
import { COLORS } from '../../charts/setup.ts'
import { createFormat } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { positionOf } from './position.ts'

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

/** A plan band as RangeChart draws it: one bar from P10 to P90 (the engine reports no quartiles here) and the median. */
const asRange = (b: Band | null) => (b ? { p10: b.p10, p25: b.p10, p50: b.p50, p75: b.p90, p90: b.p90 } : null)

/** What the fund has done by the reforecast date beside the plan's trials by then: the figures, a chart of each against its band, and companies by stage. */
function ToDateView({ result }: { result: ReforecastResult }) {
  const { t, locale, pick } = useI18n()
  const r = t.reforecast
  const fmt = useMemo(() => createFormat(locale, result.run.currency), [locale, result])
  const multRef = useRef<Chart | null>(null)
  const shareRef = useRef<Chart | null>(null)
  const pva = result.planVsActual
  const d = pva.toDate
  const mult = useCallback((x: number) => fmt.multiple(x, 2), [fmt])
  const share = useCallback((x: number) => fmt.percent(x, 0), [fmt])
  const planColor = COLORS.series[0]!
  const legend = useMemo(() => [{ label: r.legendPlan, color: planColor }, { label: r.legendActual, color: COLORS.target }], [r, planColor])
  const rowsOf = (keys: Array<keyof typeof r.toDateRows>) => keys.map((k) => ({ key: k, label: r.toDateRows[k], x: d[k as keyof typeof d] as ToDate }))
  const multiples = rowsOf(['rvpi', 'dpi', 'tvpi'])
  const shares = rowsOf(['paidIn', 'invested'])
  const chartRows = (rows: typeof multiples) => rows.map((row) => ({ label: row.label, range: asRange(row.x.plan), color: planColor, target: row.x.actual }))
  const reading = (rows: typeof multiples, f: (x: number) => string) => rows.map((row) => r.positionReading(row.label, f(row.x.actual), positionOf(row.x) ?? 'within')).join(r.sentenceSep)
  const multReading = reading(multiples, (x) => fmt.multiple(x, 2))
  const shareReading = reading(shares, (x) => fmt.percent(x, 1))
  const tableRows = [...shares.map((row) => [row, (x: number) => fmt.percent(x, 1)] as const), ...multiples.map((row) => [row, (x: number) => fmt.multiple(x, 2)] as const)].map(([row, f]) => [
    row.label,
    f(row.x.actual),
    row.x.plan ? f(row.x.plan.p50) : '–',
    row.x.plan ? `${f(row.x.plan.p10)} – ${f(row.x.plan.p90)}` : '–',
    <span data-position={positionOf(row.x) ?? 'none'}>{row.x.plan ? r.position[positionOf(row.x)!] : '–'}</span>,
  ])
  const stages = Object.entries(d.companies) as Array<[string, { actual: number; plan: number }]>
  return (
    <div className="to-date" data-testid="reforecast-to-date">
      <h4>{r.toDateTitle(pva.asOf)}</h4>
      <DataTable scroll testId="reforecast-to-date-table" head={[r.metric, r.actual, r.planMedian, r.planBand, r.standing]} rows={tableRows} />
      <div className="chart-grid">
        <ChartFrame title={r.deploymentTitle} units={r.deploymentUnits} reading={shareReading} explanation={r.deploymentExplain} chartRef={shareRef} fileName="pcsim-reforecast-deployment" testId="chart-reforecast-deployment" height={null}>
          <RangeChart rows={chartRows(shares)} format={share} xTitle={r.shareAxis} legend={legend} ariaLabel={t.charts.summaryOf(r.deploymentTitle, shareReading)} chartRef={shareRef} />
        </ChartFrame>
        <ChartFrame title={r.multiplesTitle} units={r.multiplesUnits} reading={multReading} explanation={r.multiplesExplain} chartRef={multRef} fileName="pcsim-reforecast-to-date" testId="chart-reforecast-multiples" height={null}>
          <RangeChart rows={chartRows(multiples)} format={mult} xTitle={r.multipleAxis} reference={{ value: 1, label: '1×' }} legend={legend} ariaLabel={t.charts.summaryOf(r.multiplesTitle, multReading)} chartRef={multRef} />
        </ChartFrame>
      </div>
      <h4>{r.stagesTitle}</h4>
      <DataTable testId="reforecast-stages" head={[r.stage, r.actualCompanies, r.planCompanies]} rows={stages.map(([id, c]) => [pick(presetName(`stage.${id}`)), fmt.number(c.actual, 0), fmt.number(c.plan, 0)])} />
    </div>
  )
}

/** Plan against actual: where the fund stands today against what its plan expected by now, and the futures of both. */
export function PlanVsActualPanel({ result }: { result: ReforecastResult }) {
  const { t } = useI18n()
  return (
    <div className="plan-vs-actual" data-testid="plan-vs-actual">
      {result.planVsActual.asOfQuarter > 0 ? <ToDateView result={result} /> : <p className="hint">{t.reforecast.dayZero}</p>}
      <ForwardDistributions result={result} />
    </div>
  )
}
