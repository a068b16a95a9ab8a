import { useId, type ReactNode, type RefObject } from 'react'
import type { Chart } from 'chart.js'
import { useI18n } from '../i18n/I18nProvider.tsx'
import { downloadDataUrl } from '../features/results/download.ts'
import { useExportMeta } from '../features/results/export-meta.ts'
import { chartPng } from '../features/results/export-png.ts'

interface Props {
  title: string
  units: string
  reading: string
  /** A note for students; several paragraphs as an array. */
  explanation?: string | string[]
  chartRef: RefObject<Chart | null>
  fileName: string
  testId?: string
  /** Height of the drawing area in px; null when the chart sizes itself (by its rows and width). */
  height?: number | null
  table?: ReactNode
  children: ReactNode
  tour?: string
}

/** A labelled chart: title, units, a one-line reading, the canvas, an explanation and a PNG button. */
export function ChartFrame({ title, units, reading, explanation, chartRef, fileName, testId, height = 240, table, children, tour }: Props) {
  const { t, locale } = useI18n()
  const id = useId()
  const meta = useExportMeta()
  const png = () => {
    const chart = chartRef.current
    if (!chart) return
    const line = (m: NonNullable<typeof meta>) => t.share.pngLine(m.fund, m.scenario, m.trials.toLocaleString(locale), m.seed, m.engineVersion)
    downloadDataUrl(chartPng(chart, meta, { title, units, line }), `${fileName}.png`)
  }
  return (
    <figure className="chart" aria-labelledby={`${id}-t`} aria-describedby={`${id}-r`} data-testid={testId} data-tour={tour}>
      <div className="chart-head">
        <h3 id={`${id}-t`}>{title}</h3>
        <button type="button" className="small ghost" onClick={png} aria-label={t.share.pngOf(title)}>
          {t.share.png}
        </button>
      </div>
      <p className="units">{units}</p>
      <div className="canvas-box" style={height === null ? undefined : { height }}>
        {children}
      </div>
      <p className="reading" id={`${id}-r`}>
        {reading}
      </p>
      {explanation && (
        <details className="explain">
          <summary>{t.charts.explain}</summary>
          {(Array.isArray(explanation) ? explanation : [explanation]).map((e) => (
            <p key={e}>{e}</p>
          ))}
        </details>
      )}
      {table && (
        <details className="explain">
          <summary>{t.charts.table}</summary>
          <div className="table-scroll">{table}</div>
        </details>
      )}
    </figure>
  )
}
