import { useMemo, type RefObject } from 'react'
import { Line } from 'react-chartjs-2'
import type { Chart, ChartOptions } from 'chart.js'
import type { FanPoint } from '@pcsim/engine'
import { COLORS } from './setup.ts'

interface Props {
  points: FanPoint[]
  /** Multiplies every value (e.g. fund size to turn shares of commitments into money). */
  scale?: number
  formatY: (y: number) => string
  labels: { band90: string; band50: string; median: string; year: string }
  ariaLabel: string
  chartRef: RefObject<Chart | null>
  zeroLine?: number
}

/** A fan chart over fund years: P10–P90 and P25–P75 bands and the median line. */
export function FanChart({ points, scale = 1, formatY, labels, ariaLabel, chartRef, zeroLine }: Props) {
  const data = useMemo(() => {
    const series = (k: keyof FanPoint) => points.map((p) => ({ x: p.year, y: p[k] * scale }))
    const edge = { pointRadius: 0, borderWidth: 0, fill: false as const }
    return {
      datasets: [
        { label: 'p10', data: series('p10'), ...edge },
        { label: labels.band90, data: series('p90'), ...edge, fill: '-1', backgroundColor: COLORS.primarySoft },
        { label: 'p25', data: series('p25'), ...edge },
        { label: labels.band50, data: series('p75'), ...edge, fill: '-1', backgroundColor: COLORS.primaryMid },
        { label: labels.median, data: series('p50'), pointRadius: 2, borderWidth: 2.5, borderColor: COLORS.primary, backgroundColor: COLORS.primary, fill: false as const },
      ],
    }
  }, [points, scale, labels])
  const options = useMemo<ChartOptions<'line'>>(
    () => ({
      parsing: false,
      normalized: true,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 14, filter: (item) => item.text !== 'p10' && item.text !== 'p25' } },
        tooltip: {
          filter: (item) => item.dataset.label !== 'p10' && item.dataset.label !== 'p25',
          callbacks: { title: (items) => `${labels.year} ${items[0]?.parsed.x ?? ''}`, label: (c) => `${c.dataset.label}: ${formatY(c.parsed.y ?? 0)}` },
        },
      },
      scales: {
        x: { type: 'linear', min: 1, max: points.length, ticks: { stepSize: 1, precision: 0 }, title: { display: true, text: labels.year }, grid: { color: COLORS.grid } },
        y: {
          ticks: { callback: (v) => formatY(Number(v)), maxTicksLimit: 6 },
          grid: { color: (c) => (zeroLine !== undefined && c.tick.value === zeroLine ? '#33404d' : COLORS.grid) },
        },
      },
    }),
    [formatY, labels, points.length, zeroLine],
  )
  return <Line ref={chartRef as RefObject<Chart<'line'> | null>} data={data} options={options} role="img" aria-label={ariaLabel} />
}
