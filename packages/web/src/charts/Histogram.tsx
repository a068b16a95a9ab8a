import { useMemo, useRef, type RefObject } from 'react'
import { Bar } from 'react-chartjs-2'
import type { Chart, ChartOptions, Plugin } from 'chart.js'
import { COLORS } from './setup.ts'

export interface Marker {
  label: string
  value: number
}

interface Props {
  edges: number[]
  counts: number[]
  markers: Marker[]
  formatX: (x: number) => string
  formatY: (share: number) => string
  yTitle: string
  ariaLabel: string
  chartRef: RefObject<Chart | null>
}

/** Draws P10 / P50 / P90 as vertical lines, labels stacked so they never overlap. */
function markerPlugin(current: () => Marker[]): Plugin<'bar'> {
  return {
    id: 'pcsimMarkers',
    afterDatasetsDraw(chart) {
      const x = chart.scales.x
      if (!x) return
      const { top, bottom, left, right } = chart.chartArea
      const { ctx } = chart
      ctx.save()
      ctx.font = '11px system-ui, sans-serif'
      current().forEach((m, i) => {
        const px = x.getPixelForValue(m.value)
        const median = i === 1
        ctx.strokeStyle = median ? COLORS.accent : '#33404d'
        ctx.fillStyle = ctx.strokeStyle
        ctx.setLineDash(median ? [] : [5, 4])
        ctx.lineWidth = median ? 2 : 1.5
        ctx.beginPath()
        ctx.moveTo(px, top)
        ctx.lineTo(px, bottom)
        ctx.stroke()
        const w = ctx.measureText(m.label).width
        const tx = Math.min(Math.max(px + 4, left + 2), right - w - 2)
        ctx.fillStyle = 'rgba(255,255,255,0.85)'
        ctx.fillRect(tx - 2, top + 2 + i * 14, w + 4, 13)
        ctx.fillStyle = median ? COLORS.accent : '#33404d'
        ctx.fillText(m.label, tx, top + 12 + i * 14)
      })
      ctx.restore()
    },
  }
}

/** Round tick values between lo and hi (about five of them). */
function niceTicks(lo: number, hi: number): Array<{ value: number }> {
  const raw = (hi - lo) / 5
  if (!(raw > 0)) return [{ value: lo }]
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag
  const out: Array<{ value: number }> = []
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push({ value: Number(v.toPrecision(12)) })
  return out
}

/** A histogram of per-trial values (engine `histograms.*`) on a linear axis, with P10/P50/P90 lines. */
export function Histogram({ edges, counts, markers, formatX, formatY, yTitle, ariaLabel, chartRef }: Props) {
  const data = useMemo(() => {
    const total = counts.reduce((a, b) => a + b, 0) || 1
    return {
      datasets: [
        {
          data: counts.map((c, i) => ({ x: (edges[i]! + edges[i + 1]!) / 2, y: c / total })),
          backgroundColor: COLORS.primaryMid,
          borderColor: COLORS.primary,
          borderWidth: 1,
          barPercentage: 1,
          categoryPercentage: 1,
          grouped: false,
        },
      ],
    }
  }, [edges, counts])
  const lo = edges[0] ?? 0
  const hi = edges[edges.length - 1] ?? 1
  const options = useMemo<ChartOptions<'bar'>>(
    () => ({
      parsing: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { title: (items) => formatX(items[0]?.parsed.x ?? 0), label: (c) => formatY(c.parsed.y ?? 0) } },
      },
      scales: {
        x: {
          type: 'linear',
          min: lo,
          max: hi,
          offset: false,
          afterBuildTicks: (scale) => void (scale.ticks = niceTicks(lo, hi)),
          ticks: { maxRotation: 0, callback: (v) => formatX(Number(v)) },
          grid: { display: false },
        },
        y: { beginAtZero: true, title: { display: true, text: yTitle }, ticks: { callback: (v) => formatY(Number(v)), maxTicksLimit: 6 }, grid: { color: COLORS.grid } },
      },
    }),
    [formatX, formatY, yTitle, lo, hi],
  )
  // react-chartjs-2 installs plugins once, so the plugin reads the latest markers through a ref
  const latest = useRef(markers)
  latest.current = markers
  const plugins = useMemo(() => [markerPlugin(() => latest.current)], [])
  return <Bar ref={chartRef as never} data={data} options={options} plugins={plugins} role="img" aria-label={ariaLabel} />
}
