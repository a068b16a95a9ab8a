import { useMemo, useRef, type RefObject } from 'react'
import { Bar } from 'react-chartjs-2'
import type { Chart, ChartOptions, Plugin } from 'chart.js'
import { wrapLabel } from './labels.ts'
import { labelUnits, useWidth } from './useWidth.ts'
import { COLORS } from './setup.ts'

export interface Range {
  p10: number
  p25: number
  p50: number
  p75: number
  p90: number
}

export interface RangeRow {
  /** One line, or several (Chart.js draws an array as lines). */
  label: string | string[]
  /** The row's spread across futures; null draws nothing (e.g. an IRR that never exists). */
  range: Range | null
  color: string
  /** A required or tolerated value for this row, drawn as a red dashed tick. */
  target?: number
}

interface Props {
  rows: RangeRow[]
  format: (x: number) => string
  xTitle: string
  /** A vertical line across all rows (1× for TVPI, 0% for IRR). */
  reference?: { value: number; label: string }
  /** Legend entries (drawn into the canvas, so the PNG carries them). */
  legend?: Array<{ label: string; color: string }>
  ariaLabel: string
  chartRef: RefObject<Chart | null>
}

const alpha = (hex: string, a: number) => {
  const n = Number.parseInt(hex.slice(1), 16)
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`
}

/** Drops zeros after the decimal point of a formatted tick ("1.50×" → "1.5×", "2.00×" → "2×"). */
const trimZeros = (s: string) => s.replace(/(\.\d*?)0+(?=\D*$)/, '$1').replace(/\.(?=\D*$)/, '')

/** Height (px) for these wrapped labels: every row as tall as the row with the most lines. */
function heightFor(labels: string[][], legend: boolean): number {
  const lines = Math.max(1, ...labels.map((l) => l.length))
  return 62 + (legend ? 26 : 0) + labels.length * Math.max(40, lines * 14 + 12)
}

/** Round bounds around [a, b] and about five round ticks between them. */
function niceRange(a: number, b: number): [number, number, number[]] {
  if (!(b > a)) [a, b] = [a - (Math.abs(a) || 1) * 0.5, b + (Math.abs(b) || 1) * 0.5]
  const raw = (b - a) / 5
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag
  const lo = Math.floor(a / step + 1e-9) * step
  const hi = Math.ceil(b / step - 1e-9) * step
  const ticks: number[] = []
  for (let v = lo; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)))
  return [Number(lo.toPrecision(12)), Number(hi.toPrecision(12)), ticks]
}

interface Latest {
  rows: RangeRow[]
  format: (x: number) => string
  reference?: { value: number; label: string }
}

/** Medians as a dark tick, targets as red dashed ticks, the reference line labelled above the plot. */
function rangePlugin(current: () => Latest): Plugin<'bar'> {
  return {
    id: 'pcsimRanges',
    afterDatasetsDraw(chart) {
      const { rows, reference } = current()
      const x = chart.scales.x
      const wide = chart.getDatasetMeta(0)
      if (!x) return
      const { top, bottom, left, right } = chart.chartArea
      const { ctx } = chart
      ctx.save()
      if (reference && reference.value >= x.min && reference.value <= x.max) {
        const px = x.getPixelForValue(reference.value)
        ctx.strokeStyle = '#33404d'
        ctx.setLineDash([4, 4])
        ctx.lineWidth = 1
        ctx.beginPath()
        ctx.moveTo(px, top)
        ctx.lineTo(px, bottom)
        ctx.stroke()
        ctx.setLineDash([])
        ctx.font = '10px system-ui, sans-serif'
        ctx.fillStyle = '#33404d'
        ctx.textBaseline = 'bottom'
        const w = ctx.measureText(reference.label).width
        ctx.fillText(reference.label, Math.min(Math.max(px - w / 2, left), right - w), top - 2)
      }
      rows.forEach((row, i) => {
        const bar = wide.data[i] as unknown as { y: number; height: number } | undefined
        if (!bar) return
        const cy = bar.y
        const half = Math.max(9, (bar.height || 18) * 0.95)
        if (row.target !== undefined) {
          const tx = x.getPixelForValue(row.target)
          ctx.strokeStyle = COLORS.target
          ctx.lineWidth = 2.5
          ctx.setLineDash([3, 2])
          ctx.beginPath()
          ctx.moveTo(tx, cy - half)
          ctx.lineTo(tx, cy + half)
          ctx.stroke()
          ctx.setLineDash([])
        }
        if (!row.range) return
        const mx = x.getPixelForValue(row.range.p50)
        ctx.strokeStyle = '#111827'
        ctx.lineWidth = 3
        ctx.beginPath()
        ctx.moveTo(mx, cy - half * 0.75)
        ctx.lineTo(mx, cy + half * 0.75)
        ctx.stroke()
      })
      ctx.restore()
    },
  }
}

/**
 * One horizontal row per item (LP class, requirement, sub-fund): a thin bar from P10 to P90, a
 * thick bar from P25 to P75 and a tick at the median, with optional targets and a reference line.
 */
export function RangeChart({ rows, format, xTitle, reference, legend, ariaLabel, chartRef }: Props) {
  const box = useRef<HTMLDivElement>(null)
  const units = labelUnits(useWidth(box))
  const labels = useMemo(() => rows.map((r) => wrapLabel(r.label, units)), [rows, units])
  const data = useMemo(
    () => ({
      labels,
      datasets: [
        {
          label: 'P10–P90',
          data: rows.map((r) => (r.range ? ([r.range.p10, r.range.p90] as [number, number]) : null)),
          backgroundColor: rows.map((r) => alpha(r.color, 0.22)),
          borderColor: rows.map((r) => r.color),
          borderWidth: 1,
          barPercentage: 0.4,
          categoryPercentage: 1,
          grouped: false,
          minBarLength: 2,
        },
        {
          label: 'P25–P75',
          data: rows.map((r) => (r.range ? ([r.range.p25, r.range.p75] as [number, number]) : null)),
          backgroundColor: rows.map((r) => alpha(r.color, 0.7)),
          borderColor: rows.map((r) => r.color),
          borderWidth: 1,
          barPercentage: 0.75,
          categoryPercentage: 1,
          grouped: false,
          minBarLength: 2,
        },
      ],
    }),
    [rows, labels],
  )
  const [lo, hi, ticks] = useMemo(() => {
    const xs = rows.flatMap((r) => [...(r.range ? [r.range.p10, r.range.p90] : []), ...(r.target !== undefined ? [r.target] : [])])
    if (reference) xs.push(reference.value)
    return niceRange(xs.length ? Math.min(...xs) : 0, xs.length ? Math.max(...xs) : 1)
  }, [rows, reference])
  const options = useMemo<ChartOptions<'bar'>>(
    () => ({
      indexAxis: 'y',
      layout: { padding: { right: 10, top: reference ? 14 : 4 } },
      plugins: {
        legend: legend?.length
          ? {
              position: 'bottom',
              onClick: () => undefined,
              labels: { boxWidth: 14, generateLabels: () => legend.map((l) => ({ text: l.label, fillStyle: alpha(l.color, 0.7), strokeStyle: l.color, lineWidth: 1, hidden: false, datasetIndex: 0 })) },
            }
          : { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const l = items[0]?.label
              return Array.isArray(l) ? l.join(' · ') : (l ?? '')
            },
            label: (c) => {
              const raw = c.raw as [number, number] | null
              return raw ? `${c.dataset.label}: ${format(raw[0])} – ${format(raw[1])}` : ''
            },
            afterBody: (items) => {
              const row = rows[items[0]?.dataIndex ?? -1]
              return row?.range ? `P50: ${format(row.range.p50)}` : ''
            },
          },
        },
      },
      scales: {
        x: { type: 'linear', min: lo, max: hi, afterBuildTicks: (scale) => void (scale.ticks = ticks.map((value) => ({ value }))), title: { display: true, text: xTitle }, ticks: { callback: (v) => trimZeros(format(Number(v))), maxRotation: 0 }, grid: { color: COLORS.grid } },
        y: { grid: { display: false }, ticks: { autoSkip: false, font: { size: 11 } } },
      },
    }),
    [format, xTitle, lo, hi, ticks, legend, rows, reference],
  )
  const latest = useRef<Latest>({ rows, format, reference })
  latest.current = { rows, format, reference }
  const plugins = useMemo(() => [rangePlugin(() => latest.current)], [])
  return (
    <div ref={box} className="sized-chart" style={{ height: heightFor(labels, Boolean(legend?.length)) }}>
      <Bar ref={chartRef as RefObject<Chart<'bar'> | null>} data={data} options={options} plugins={plugins} role="img" aria-label={ariaLabel} />
    </div>
  )
}
