import { useCallback, useRef } from 'react'
import type { Chart } from 'chart.js'
import type { RunResult } from '@pcsim/engine'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { Histogram } from '../../charts/Histogram.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import type { Format } from '../../format/index.ts'
import { slug } from './download.ts'

function PercentileTable({ rows }: { rows: Array<[string, string]> }) {
  return (
    <table>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Histograms of net TVPI and net IRR with P10 / P50 / P90 marked. */
/** The left edge of a histogram's last bin, which holds every value above it. */
const lastEdge = (edges: number[]) => edges[edges.length - 2] ?? edges[0] ?? 0

export function DistributionCharts({ result, fmt }: { result: RunResult; fmt: Format }) {
  const { t } = useI18n()
  const c = t.charts
  const tvpiRef = useRef<Chart | null>(null)
  const irrRef = useRef<Chart | null>(null)
  const s = result.summary
  const mult = useCallback((x: number) => fmt.multiple(x, x < 10 ? 1 : 0), [fmt])
  const pct = useCallback((x: number) => fmt.percent(x, 0), [fmt])
  const share = useCallback((x: number) => fmt.percent(x, 1), [fmt])
  const tv = [s.netTvpi.p10, s.netTvpi.p50, s.netTvpi.p90].map((x) => fmt.multiple(x)) as [string, string, string]
  const ir = [s.netIrr.p10, s.netIrr.p50, s.netIrr.p90].map((x) => fmt.percent(x)) as [string, string, string]
  const tvMarkers = [{ label: `P10 ${tv[0]}`, value: s.netTvpi.p10 }, { label: `P50 ${tv[1]}`, value: s.netTvpi.p50 }, { label: `P90 ${tv[2]}`, value: s.netTvpi.p90 }]
  const irMarkers = [{ label: `P10 ${ir[0]}`, value: s.netIrr.p10 }, { label: `P50 ${ir[1]}`, value: s.netIrr.p50 }, { label: `P90 ${ir[2]}`, value: s.netIrr.p90 }]
  const hurdle = result.config.fund.carry.hurdle
  const irrNotes = [t.explain.irr, ...(hurdle > 0 && result.config.fund.carry.rate > 0 ? [t.explain.irrHurdle(fmt.percent(hurdle, 0))] : []), t.explain.lastBin(fmt.percent(lastEdge(result.histograms.netIrr.edges), 0))]
  const tvReading = c.tvpiReading(...tv)
  const irReading = c.irrReading(...ir) + (s.netIrr.undefinedShare > 0.005 ? ` ${c.irrUndefined(fmt.percent(s.netIrr.undefinedShare))}` : '')
  const rows = (d: typeof s.netTvpi, f: (x: number) => string): Array<[string, string]> => [
    ['P10', f(d.p10)],
    ['P25', f(d.p25)],
    ['P50', f(d.p50)],
    ['P75', f(d.p75)],
    ['P90', f(d.p90)],
    [t.compare.mean, f(d.mean)],
  ]
  const name = slug(result.name)
  return (
    <div className="chart-grid">
      <ChartFrame title={c.tvpiTitle} units={c.tvpiUnits} reading={tvReading} explanation={[t.explain.tvpi, t.explain.lastBin(fmt.multiple(lastEdge(result.histograms.netTvpi.edges)))]} chartRef={tvpiRef} fileName={`${name}-net-tvpi`} testId="chart-tvpi" tour="histogram" table={<PercentileTable rows={rows(s.netTvpi, (x) => fmt.multiple(x))} />}>
        <Histogram edges={result.histograms.netTvpi.edges} counts={result.histograms.netTvpi.counts} markers={tvMarkers} formatX={mult} formatY={share} yTitle={c.share} ariaLabel={c.summaryOf(c.tvpiTitle, tvReading)} chartRef={tvpiRef} />
      </ChartFrame>
      <ChartFrame title={c.irrTitle} units={c.irrUnits} reading={irReading} explanation={irrNotes} chartRef={irrRef} fileName={`${name}-net-irr`} testId="chart-irr" table={<PercentileTable rows={rows(s.netIrr, (x) => fmt.percent(x))} />}>
        <Histogram edges={result.histograms.netIrr.edges} counts={result.histograms.netIrr.counts} markers={irMarkers} formatX={pct} formatY={share} yTitle={c.share} ariaLabel={c.summaryOf(c.irrTitle, irReading)} chartRef={irrRef} />
      </ChartFrame>
    </div>
  )
}
