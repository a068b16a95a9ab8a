import { useCallback, useMemo, useRef } from 'react'
import type { Chart } from 'chart.js'
import type { FanPoint, RunResult } from '@pcsim/engine'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { FanChart } from '../../charts/FanChart.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import type { Format } from '../../format/index.ts'
import { moneyUnitName } from './money-unit.ts'
import { slug } from './download.ts'
import { fanMilestones } from './fan-milestones.ts'

function FanTable({ points, f, year }: { points: FanPoint[]; f: (x: number) => string; year: string }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{year}</th>
          <th scope="col">P10</th>
          <th scope="col">P25</th>
          <th scope="col">P50</th>
          <th scope="col">P75</th>
          <th scope="col">P90</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.year}>
            <th scope="row">{p.year}</th>
            {([p.p10, p.p25, p.p50, p.p75, p.p90] as const).map((v, i) => (
              <td key={i}>{f(v)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const argMax = (xs: number[]) => xs.reduce((best, x, i) => (x > xs[best]! ? i : best), 0)

/** J-curve, NAV, net TVPI and DPI over fund years: P10–P90 and P25–P75 bands and the median. */
export function FanCharts({ result, fmt }: { result: RunResult; fmt: Format }) {
  const { t, locale } = useI18n()
  const c = t.charts
  const refs = { j: useRef<Chart | null>(null), nav: useRef<Chart | null>(null), tvpi: useRef<Chart | null>(null), dpi: useRef<Chart | null>(null) }
  const size = result.config.fund.size
  const money = useCallback((m: number) => fmt.money(m, 2), [fmt])
  const mult = useCallback((x: number) => fmt.multiple(x, 1), [fmt])
  const labels = useMemo(() => ({ band90: c.band90, band50: c.band50, median: c.median, year: c.year }), [c])
  const unit = moneyUnitName(result.currency, locale)
  const { jcurve, nav, netTvpi, dpi } = { jcurve: result.fan.netCashFlow, nav: result.fan.nav, netTvpi: result.fan.netTvpi, dpi: result.fan.dpi }
  const m = fanMilestones(jcurve, dpi)
  const jReading = c.jcurveReading(fmt.money(m.lowValue * size), String(m.low + 1), m.breakEven >= 0 ? String(m.breakEven + 1) : '')
  const navPeak = argMax(nav.map((p) => p.p50))
  const navReading = c.navReading(fmt.money(nav[navPeak]!.p50 * size), String(navPeak + 1))
  const tvpiReading = c.tvpiFanReading(fmt.multiple(netTvpi[netTvpi.length - 1]?.p50 ?? 0))
  const dpiReading = c.dpiFanReading(m.dpiOne >= 0 ? String(m.dpiOne + 1) : '')
  const name = slug(result.name)
  const moneyTable = (m: number) => fmt.money(m * size, 3)
  return (
    <div className="chart-grid">
      <ChartFrame title={c.jcurveTitle} units={c.jcurveUnits(unit)} reading={jReading} explanation={t.explain.jcurve} chartRef={refs.j} fileName={`${name}-j-curve`} testId="chart-jcurve" table={<FanTable points={jcurve} f={moneyTable} year={c.year} />}>
        <FanChart points={jcurve} scale={size} formatY={money} labels={labels} ariaLabel={c.summaryOf(c.jcurveTitle, jReading)} chartRef={refs.j} zeroLine={0} />
      </ChartFrame>
      <ChartFrame title={c.navTitle} units={c.navUnits(unit)} reading={navReading} explanation={t.explain.nav} chartRef={refs.nav} fileName={`${name}-nav`} testId="chart-nav" table={<FanTable points={nav} f={moneyTable} year={c.year} />}>
        <FanChart points={nav} scale={size} formatY={money} labels={labels} ariaLabel={c.summaryOf(c.navTitle, navReading)} chartRef={refs.nav} />
      </ChartFrame>
      <ChartFrame title={c.tvpiFanTitle} units={c.tvpiFanUnits} reading={tvpiReading} explanation={t.explain.tvpiFan} chartRef={refs.tvpi} fileName={`${name}-tvpi-fan`} testId="chart-tvpi-fan" table={<FanTable points={netTvpi} f={(x) => fmt.multiple(x)} year={c.year} />}>
        <FanChart points={netTvpi} formatY={mult} labels={labels} ariaLabel={c.summaryOf(c.tvpiFanTitle, tvpiReading)} chartRef={refs.tvpi} zeroLine={1} />
      </ChartFrame>
      <ChartFrame title={c.dpiFanTitle} units={c.dpiFanUnits} reading={dpiReading} explanation={t.explain.dpi} chartRef={refs.dpi} fileName={`${name}-dpi-fan`} testId="chart-dpi-fan" table={<FanTable points={dpi} f={(x) => fmt.multiple(x)} year={c.year} />}>
        <FanChart points={dpi} formatY={mult} labels={labels} ariaLabel={c.summaryOf(c.dpiFanTitle, dpiReading)} chartRef={refs.dpi} zeroLine={1} />
      </ChartFrame>
    </div>
  )
}
