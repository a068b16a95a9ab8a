import { useCallback, useMemo, useRef, type RefObject } from 'react'
import type { Chart } from 'chart.js'
import type { ComparisonResult } from '@pcsim/engine'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { OverlayChart } from '../../charts/OverlayChart.tsx'
import type { RunSource } from '../../engine/simulation-client.ts'
import { createFormat } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { downloadText } from '../results/download.ts'
import { fanMilestones } from '../results/fan-milestones.ts'
import { className } from '../results/class-name.ts'
import { comparisonToCsv } from './compare-csv.ts'

/**
 * Overlaid net TVPI and IRR distributions; side by side: returns, the J-curve and DPI milestones,
 * policy outcomes and LP classes; paired differences with 95% CIs; a CSV of it all.
 */
export function CompareResults({ result, source, chartRef }: { result: ComparisonResult; source: RunSource | null; chartRef: RefObject<Chart | null> }) {
  const { t, locale } = useI18n()
  const irrRef = useRef<Chart | null>(null)
  const c = t.compare
  const fmt = useMemo(() => createFormat(locale, result.runs[0]?.currency ?? 'USD'), [locale, result])
  const letter = (i: number) => String.fromCharCode(65 + i)
  const label = (i: number) => `${letter(i)} · ${result.runs[i]?.name ?? ''}`
  const series = useMemo(() => result.runs.map((r, i) => ({ label: label(i), edges: r.histograms.netTvpi.edges, counts: r.histograms.netTvpi.counts })), [result])
  const irrSeries = useMemo(() => result.runs.map((r, i) => ({ label: label(i), edges: r.histograms.netIrr.edges, counts: r.histograms.netIrr.counts })), [result])
  const mult = useCallback((x: number) => fmt.multiple(x, 1), [fmt])
  const pct = useCallback((x: number) => fmt.percent(x, 0), [fmt])
  const currencies = [...new Set(result.runs.map((r) => r.currency))]
  const year = (i: number) => (i >= 0 ? String(i + 1) : c.never)
  const withPolicy = result.runs.some((r) => r.summary.policy)
  const maxClasses = Math.max(0, ...result.runs.map((r) => r.summary.lpClasses?.length ?? 0))
  const first = result.pairs[0]
  const firstReading = first
    ? c.pairReading(label(first.a), label(first.b), fmt.percent(first.probABeatsB.value, 0), first.netTvpi.ci95[0] > 0 || first.netTvpi.ci95[1] < 0)
    : ''
  const signed = (x: number, f: (x: number) => string) => (x > 0 ? `+${f(x)}` : f(x))
  const diffMult = (x: number) => signed(x, (v) => fmt.multiple(v, 2))
  const diffPct = (x: number) => signed(x, (v) => fmt.percent(v, 1))
  const irrReading = c.irrOverlayReading(result.runs.map((r, i) => `${letter(i)} ${fmt.percent(r.summary.netIrr.p50)}`).join(t.builder.terms.sep))
  return (
    <div className="compare-results" data-testid="compare-results">
      <p className="hint">
        {c.where(source === 'server' ? t.preview.whereServer : t.preview.whereBrowser)} · {c.runInfo(result.seed, fmt.number(result.trials), result.runs.length)}
      </p>
      {currencies.length > 1 && (
        <p className="warn-note" role="note" data-testid="compare-currency">
          {c.currencies(result.runs.map((r, i) => `${letter(i)} ${r.currency}`).join(', '))}
        </p>
      )}
      <button type="button" className="small" onClick={() => downloadText(comparisonToCsv(result), 'pcsim-comparison.csv', 'text/csv')} data-testid="compare-csv">
        {c.csv}
      </button>
      <ChartFrame title={t.charts.overlayTitle} units={t.charts.overlayUnits} reading={firstReading} explanation={t.explain.tvpi} chartRef={chartRef} fileName="pcsim-compare-tvpi" testId="chart-overlay" height={260}>
        <OverlayChart series={series} formatX={mult} ariaLabel={t.charts.summaryOf(t.charts.overlayTitle, firstReading)} chartRef={chartRef} />
      </ChartFrame>
      <ChartFrame title={c.irrOverlayTitle} units={c.irrOverlayUnits} reading={irrReading} chartRef={irrRef} fileName="pcsim-compare-irr" testId="chart-overlay-irr" height={260}>
        <OverlayChart series={irrSeries} formatX={pct} ariaLabel={t.charts.summaryOf(c.irrOverlayTitle, irrReading)} chartRef={irrRef} />
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
              <th scope="col">{c.irrRange}</th>
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
                <td>
                  {fmt.percent(r.summary.netIrr.p10)} – {fmt.percent(r.summary.netIrr.p90)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{c.timeline}</h3>
      <div className="table-scroll">
        <table data-testid="compare-timeline">
          <thead>
            <tr>
              <th scope="col">{c.strategy}</th>
              <th scope="col">{c.trough}</th>
              <th scope="col">{c.troughYear}</th>
              <th scope="col">{c.breakEven}</th>
              <th scope="col">{c.dpiOne}</th>
            </tr>
          </thead>
          <tbody>
            {result.runs.map((r, i) => {
              const m = fanMilestones(r.fan.netCashFlow, r.fan.dpi)
              const own = createFormat(locale, r.currency)
              return (
                <tr key={i}>
                  <th scope="row">{label(i)}</th>
                  <td>{own.money(m.lowValue * r.config.fund.size)}</td>
                  <td>{year(m.low)}</td>
                  <td>{year(m.breakEven)}</td>
                  <td>{year(m.dpiOne)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {withPolicy && (
        <>
          <h3>{c.policyTable}</h3>
          <div className="table-scroll">
            <table data-testid="compare-policy">
              <thead>
                <tr>
                  <th scope="col">{c.strategy}</th>
                  <th scope="col">{c.mobilised}</th>
                  <th scope="col">{c.companies}</th>
                  <th scope="col">{c.breach}</th>
                </tr>
              </thead>
              <tbody>
                {result.runs.map((r, i) => {
                  const p = r.summary.policy
                  return (
                    <tr key={i}>
                      <th scope="row">{label(i)}</th>
                      <td>{p?.privateCapitalMobilised.inFund != null ? fmt.multiple(p.privateCapitalMobilised.inFund, 2) : '–'}</td>
                      <td>{p ? fmt.number(p.companiesSupported.total, 0) : '–'}</td>
                      <td>{p ? fmt.probability(p.toleratedLoss.probBreach) : '–'}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      {maxClasses > 0 && (
        <>
          <h3>{c.classesTable}</h3>
          <div className="table-scroll">
            <table data-testid="compare-classes">
              <thead>
                <tr>
                  <th scope="col">{c.strategy}</th>
                  {Array.from({ length: maxClasses }, (_, k) => (
                    <th scope="col" key={k}>
                      {t.builder.lpRow(k + 1)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.runs.map((r, i) => (
                  <tr key={i}>
                    <th scope="row">{label(i)}</th>
                    {Array.from({ length: maxClasses }, (_, k) => {
                      const l = r.summary.lpClasses?.[k]
                      return <td key={k}>{l ? `${className(l.id, l.kind, t)}${t.validation.nameSep}${l.netTvpi ? fmt.multiple(l.netTvpi.p50) : '–'} · ${t.compare.probLoss} ${fmt.percent(l.probLoss.value, 0)}` : ''}</td>
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h3>{c.pairs}</h3>
      <div className="table-scroll">
        <table data-testid="compare-pairs">
          <thead>
            <tr>
              <th scope="col">{c.pair}</th>
              <th scope="col">{c.pairTvpi}</th>
              <th scope="col">{c.ci}</th>
              <th scope="col">{c.pairIrr}</th>
              <th scope="col">{c.ci}</th>
              <th scope="col">{c.beatsPair}</th>
            </tr>
          </thead>
          <tbody>
            {result.pairs.map((p) => (
              <tr key={`${p.a}-${p.b}`}>
                <th scope="row">{c.pairRow(letter(p.a), letter(p.b))}</th>
                <td>{diffMult(p.netTvpi.mean)}</td>
                <td>
                  {diffMult(p.netTvpi.ci95[0])} … {diffMult(p.netTvpi.ci95[1])}
                </td>
                <td>{diffPct(p.netIrr.mean)}</td>
                <td>
                  {diffPct(p.netIrr.ci95[0])} … {diffPct(p.netIrr.ci95[1])}
                </td>
                <td title={`P(${letter(p.a)} > ${letter(p.b)})`}>{fmt.probability(p.probABeatsB)}</td>
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
