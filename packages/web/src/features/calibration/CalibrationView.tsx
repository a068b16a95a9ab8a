import { useCallback, useMemo, useRef } from 'react'
import type { Chart } from 'chart.js'
import type { BenchmarkResult, CheckResult } from '@pcsim/engine'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { createFormat } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { BenchmarkChart } from './BenchmarkChart.tsx'
import { useCalibration } from './useCalibration.ts'
import './calibration.css'

type Figure = (c: Pick<CheckResult, 'unit'>, x: number) => string

/** The calibration report: published venture benchmarks against the default model. */
export function CalibrationView({ active }: { active: boolean }) {
  const { t, locale } = useI18n()
  const c = t.calibration
  const { status, computeHere } = useCalibration(active)
  const fmt = useMemo(() => createFormat(locale, 'USD'), [locale])
  const figure = useCallback<Figure>(
    (check, x) =>
      check.unit === 'share' ? fmt.percent(x, 1) : check.unit === 'multiple' ? fmt.multiple(x, 2) : check.unit === 'months' ? c.months(fmt.number(x, 1)) : c.years(fmt.number(x, 2)),
    [fmt, c],
  )
  return (
    <section className="calibration" aria-labelledby="calibration-heading" data-testid="calibration" data-status={status.kind}>
      <h2 id="calibration-heading">{c.heading}</h2>
      {c.intro.map((p) => (
        <p key={p}>{p}</p>
      ))}
      {status.kind === 'loading' && <p role="status">{c.loading}</p>}
      {status.kind === 'computing' && (
        <p role="status">
          {status.where === 'server' ? c.computing(status.done, status.total) : c.computingHere(status.done, status.total)}{' '}
          <progress max={status.total} value={status.done} aria-label={c.heading} />
        </p>
      )}
      {status.kind === 'offline' && (
        <p role="status">
          {c.offline}{' '}
          <button type="button" className="primary" onClick={computeHere} data-testid="calibration-compute">
            {c.computeHere}
          </button>
        </p>
      )}
      {status.kind === 'error' && <p role="alert">{c.error(status.message)}</p>}
      {status.kind === 'done' && (
        <>
          <p className="calibration-summary" data-testid="calibration-summary">
            <strong>{c.summary(status.report.passed, status.report.total)}</strong> · {c.about(status.report.engineVersion, status.report.trials, status.where === 'server')}
          </p>
          <div className="table-scroll">
            <table data-testid="calibration-table">
              <thead>
                <tr>
                  <th scope="col">{c.benchmark}</th>
                  <th scope="col">{c.published}</th>
                  <th scope="col">{c.simulated}</th>
                  <th scope="col">{c.band}</th>
                  <th scope="col">{c.result}</th>
                </tr>
              </thead>
              <tbody>
                {status.report.benchmarks.map((b) => (
                  <tr key={b.id} data-benchmark={b.id} data-pass={b.pass}>
                    <th scope="row">
                      {b.title} <span className="source">{b.source}</span>
                    </th>
                    <td>{figure(b, b.published)}</td>
                    <td>
                      {figure(b, b.simulated)} ± {figure(b, b.se)}
                    </td>
                    <td>
                      {figure(b, b.low)} – {figure(b, b.high)}
                    </td>
                    <td className={b.pass ? 'pass' : 'fail'}>{b.pass ? c.pass : c.fail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="calibration-charts">
            {status.report.benchmarks.map((b) => (
              <BenchmarkFigure key={b.id} benchmark={b} figure={figure} />
            ))}
          </div>
        </>
      )}
    </section>
  )
}

function BenchmarkFigure({ benchmark: b, figure }: { benchmark: BenchmarkResult; figure: Figure }) {
  const { t } = useI18n()
  const c = t.calibration
  const ref = useRef<Chart | null>(null)
  const legend = useMemo(() => ({ band: c.legendBand, allowance: c.legendAllowance, simulated: c.legendSimulated, published: c.legendPublished }), [c])
  return (
    <ChartFrame
      title={b.title}
      units={c.chartUnits}
      reading={b.pass ? c.readingPass : c.readingFail(b.note ?? '')}
      explanation={[c.chartExplain, c.method(b.method)]}
      chartRef={ref}
      fileName={`calibration-${b.id}`}
      testId={`calibration-chart-${b.id}`}
      height={null}
    >
      <BenchmarkChart checks={b.checks} figure={figure} legend={legend} axisTitle={c.axisTitle} ariaLabel={c.aria(b.title, b.pass)} chartRef={ref} />
    </ChartFrame>
  )
}
