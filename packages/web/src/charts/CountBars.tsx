import { useMemo, useRef, type RefObject } from 'react'
import { Bar } from 'react-chartjs-2'
import type { Chart, ChartOptions } from 'chart.js'
import { barEndLabels } from './bar-end-labels.ts'
import { wrapLabel } from './labels.ts'
import { labelUnits, useWidth } from './useWidth.ts'
import { COLORS } from './setup.ts'

export interface CountRow {
  label: string
  value: number
  color?: string
}

interface Props {
  rows: CountRow[]
  format: (x: number) => string
  xTitle: string
  ariaLabel: string
  chartRef: RefObject<Chart | null>
}

/** Height (px) for these wrapped labels: every row as tall as the row with the most lines. */
function heightFor(labels: string[][]): number {
  const lines = Math.max(1, ...labels.map((l) => l.length))
  return 64 + labels.length * Math.max(26, lines * 13 + 8)
}


/** Horizontal bars of a count per group (companies supported by sector or stage), each labelled. */
export function CountBars({ rows, format, xTitle, ariaLabel, chartRef }: Props) {
  const box = useRef<HTMLDivElement>(null)
  const units = labelUnits(useWidth(box))
  const labels = useMemo(() => rows.map((r) => wrapLabel(r.label, units)), [rows, units])
  const data = useMemo(
    () => ({
      labels,
      datasets: [{ data: rows.map((r) => r.value), backgroundColor: rows.map((r) => r.color ?? COLORS.primary), barPercentage: 0.8 }],
    }),
    [rows, labels],
  )
  const options = useMemo<ChartOptions<'bar'>>(
    () => ({
      indexAxis: 'y',
      layout: { padding: { right: 34 } },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => format(c.parsed.x ?? 0) } } },
      scales: {
        x: { beginAtZero: true, title: { display: true, text: xTitle }, ticks: { maxTicksLimit: 5, precision: 0 }, grid: { color: COLORS.grid } },
        y: { grid: { display: false }, ticks: { autoSkip: false, font: { size: 11 } } },
      },
    }),
    [format, xTitle],
  )
  const latest = useRef({ rows, format })
  latest.current = { rows, format }
  const plugins = useMemo(() => [barEndLabels('pcsimCounts', 0, () => latest.current.rows.map((r) => latest.current.format(r.value)))], [])
  return (
    <div ref={box} className="sized-chart" style={{ height: heightFor(labels) }}>
      <Bar ref={chartRef as RefObject<Chart<'bar'> | null>} data={data} options={options} plugins={plugins} role="img" aria-label={ariaLabel} />
    </div>
  )
}
