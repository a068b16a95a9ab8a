import { useCallback, useMemo, type RefObject } from 'react'
import type { Chart } from 'chart.js'
import type { ComparisonResult } from '@pcsim/engine'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { OverlayChart } from '../../charts/OverlayChart.tsx'
import type { RunSource } from '../../engine/simulation-client.ts'
import { createFormat } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'

/** Overlaid TVPI distributions, a side-by-side table and paired differences with 95% CIs. */
export function CompareResults({ result, source, chartRef }: { result: ComparisonResult; source: RunSource | null; chartRef: RefObject<Chart | null> }) {
  const { t, locale } = useI18n()
  const c = t.compare
  const fmt = useMemo(() => createFormat(locale, result.runs[0]?.currency ?? 'USD'), [locale, result])
  const letter = (i: number) => String.fromCharCode(65 + i)
  const label = (i: number) => `${letter(i)} · ${result.runs[i]?.name ?? ''}`
  const series = useMemo(() => result.runs.map((r, i) => ({ label: label(i), edges: r.histograms.netTvpi.edges, counts: r.histograms.netTvpi.counts })), [result])
  const mult = useCallback((x: number) => fmt.multiple(x, 1), [fmt])
  const first = result.pairs[0]
  const firstReading = first
    ? c.pairReading(label(first.a), label(first.b), fmt.percent(first.probABeatsB.value, 0), first.netTvpi.ci95[0] > 0 || first.netTvpi.ci95[1] < 0)
    : ''
  const signed = (x: number, f: (x: number) => string) => (x > 0 ? `+${f(x)}` : f(x))
  const diffMult = (x: number) => signed(x, (v) => fmt.multiple(v, 2))
  const diffPct = (x: number) => signed(x, (v) => fmt.percent(v, 1))
  return (
    <div className="compare-results" data-testid="compare-results">
      <p className="hint">
        {c.where(source === 'server' ? t.preview.whereServer : t.preview.whereBrowser)} · {c.runInfo(result.seed, fmt.number(result.trials), result.runs.length)}
      </p>
      <ChartFrame title={t.charts.overlayTitle} units={t.charts.overlayUnits} reading={firstReading} explanation={t.explain.tvpi} chartRef={chartRef} fileName="pcsim-compare-tvpi" testId="chart-overlay" height={260}>
        <OverlayChart series={series} formatX={mult} ariaLabel={t.charts.summaryOf(t.charts.overlayTitle, firstReading)} chartRef={chartRef} />
      </ChartFrame>
      <h3>{c.resultsTable}</h3>
      <div className="table-scroll">
        <table data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">{c.strategy}</th>
              <th scope="col">{c.p10}</th>
              <th scope="col">{c.p50}</th>
              <th scope="col">{c.p90}</th>
              <th scope="col">{c.mean}</th>
              <th scope="col">{c.probLoss}</th>
              <th scope="col">{c.irrMedian}</th>
            </tr>
          </thead>
          <tbody>
            {result.runs.map((r, i) => (
              <tr key={i}>
                <th scope="row">{label(i)}</th>
                <td>{fmt.multiple(r.summary.netTvpi.p10)}</td>
                <td>{fmt.multiple(r.summary.netTvpi.p50)}</td>
                <td>{fmt.multiple(r.summary.netTvpi.p90)}</td>
                <td>{fmt.multiple(r.summary.netTvpi.mean)}</td>
                <td>{fmt.percent(r.summary.probLoss.value)}</td>
                <td>{fmt.percent(r.summary.netIrr.p50)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{c.pairs}</h3>
      <div className="table-scroll">
        <table data-testid="compare-pairs">
          <thead>
            <tr>
              <th scope="col">A − B</th>
              <th scope="col">{c.pairTvpi}</th>
              <th scope="col">{c.ci}</th>
              <th scope="col">{c.pairIrr}</th>
              <th scope="col">{c.ci}</th>
              <th scope="col">{c.beats}</th>
            </tr>
          </thead>
          <tbody>
            {result.pairs.map((p) => (
              <tr key={`${p.a}-${p.b}`}>
                <th scope="row">
                  {letter(p.a)} − {letter(p.b)}
                </th>
                <td>{diffMult(p.netTvpi.mean)}</td>
                <td>
                  {diffMult(p.netTvpi.ci95[0])} … {diffMult(p.netTvpi.ci95[1])}
                </td>
                <td>{diffPct(p.netIrr.mean)}</td>
                <td>
                  {diffPct(p.netIrr.ci95[0])} … {diffPct(p.netIrr.ci95[1])}
                </td>
                <td>{fmt.probability(p.probABeatsB)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="pair-readings">
        {result.pairs.map((p) => (
          <li key={`${p.a}-${p.b}`}>{c.pairReading(label(p.a), label(p.b), fmt.percent(p.probABeatsB.value, 0), p.netTvpi.ci95[0] > 0 || p.netTvpi.ci95[1] < 0)}</li>
        ))}
      </ul>
    </div>
  )
}
