import { useMemo, useRef, type RefObject } from 'react'
import { Bar } from 'react-chartjs-2'
import type { Chart, ChartOptions } from 'chart.js'
import { barEndLabels } from './bar-end-labels.ts'
import { wrapLabel } from './labels.ts'
import { COLORS } from './setup.ts'

export interface ValueRow {
  label: string
  invested: number
  proceeds: number
  multiple: number
}

interface Props {
  rows: ValueRow[]
  formatMoney: (m: number) => string
  formatMultiple: (x: number) => string
  labels: { invested: string; proceeds: string }
  ariaLabel: string
  chartRef: RefObject<Chart | null>
}

/** Sector and stage names wrap at this width (Latin characters; a CJK character counts two). */
const LABEL_WIDTH = 14

/** Horizontal bars of mean invested vs proceeds per group (sector or stage), labelled with the multiple. */
export function ValueBars({ rows, formatMoney, formatMultiple, labels, ariaLabel, chartRef }: Props) {
  const data = useMemo(
    () => ({
      labels: rows.map((r) => wrapLabel(r.label, LABEL_WIDTH)),
      datasets: [
        { label: labels.invested, data: rows.map((r) => r.invested), backgroundColor: 'rgba(51, 64, 77, 0.35)' },
        { label: labels.proceeds, data: rows.map((r) => r.proceeds), backgroundColor: COLORS.primary },
      ],
    }),
    [rows, labels],
  )
  const options = useMemo<ChartOptions<'bar'>>(
    () => ({
      indexAxis: 'y',
      layout: { padding: { right: 44 } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 14 } }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatMoney(c.parsed.x ?? 0)}` } } },
      scales: {
        x: { beginAtZero: true, ticks: { callback: (v) => formatMoney(Number(v)), maxTicksLimit: 5 }, grid: { color: COLORS.grid } },
        y: { grid: { display: false }, ticks: { autoSkip: false } },
      },
    }),
    [formatMoney],
  )
  const latest = useRef({ rows, format: formatMultiple })
  latest.current = { rows, format: formatMultiple }
  const plugins = useMemo(() => [barEndLabels('pcsimMultiples', 1, () => latest.current.rows.map((r) => latest.current.format(r.multiple)))], [])
  return <Bar ref={chartRef as RefObject<Chart<'bar'> | null>} data={data} options={options} plugins={plugins} role="img" aria-label={ariaLabel} />
}
