import { useMemo, type RefObject } from 'react'
import { Line } from 'react-chartjs-2'
import type { Chart, ChartOptions } from 'chart.js'
import { COLORS } from './setup.ts'

export interface OverlaySeries {
  label: string
  edges: number[]
  counts: number[]
}

interface Props {
  series: OverlaySeries[]
  formatX: (x: number) => string
  ariaLabel: string
  chartRef: RefObject<Chart | null>
}

/** Several distributions on one x-axis, as densities (each run has its own bins). */
export function OverlayChart({ series, formatX, ariaLabel, chartRef }: Props) {
  const data = useMemo(
    () => ({
      datasets: series.map((s, i) => {
        const n = s.counts.reduce((a, b) => a + b, 0) || 1
        const w = s.edges.length > 1 ? s.edges[1]! - s.edges[0]! : 1
        const color = COLORS.series[i % COLORS.series.length]!
        return {
          label: s.label,
          data: s.counts.map((c, k) => ({ x: (s.edges[k]! + s.edges[k + 1]!) / 2, y: c / n / w })),
          borderColor: color,
          backgroundColor: `${color}22`,
          fill: 'origin' as const,
          pointRadius: 0,
          borderWidth: 2,
          tension: 0.25,
        }
      }),
    }),
    [series],
  )
  const options = useMemo<ChartOptions<'line'>>(
    () => ({
      parsing: false,
      interaction: { mode: 'nearest', intersect: false },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 14 } }, tooltip: { callbacks: { title: (items) => formatX(items[0]?.parsed.x ?? 0) } } },
      scales: {
        x: { type: 'linear', min: 0, ticks: { callback: (v) => formatX(Number(v)), maxTicksLimit: 8 }, grid: { color: COLORS.grid } },
        y: { beginAtZero: true, grid: { color: COLORS.grid } },
      },
    }),
    [formatX],
  )
  return <Line ref={chartRef as RefObject<Chart<'line'> | null>} data={data} options={options} role="img" aria-label={ariaLabel} />
}
