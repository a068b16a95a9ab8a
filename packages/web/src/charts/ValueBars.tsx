import { useMemo, useRef, type RefObject } from 'react'
import { Bar } from 'react-chartjs-2'
import type { Chart, ChartOptions, Plugin } from 'chart.js'
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

/** Writes each row's multiple at the end of its proceeds bar. */
function multiplePlugin(current: () => { rows: ValueRow[]; format: (x: number) => string }): Plugin<'bar'> {
  return {
    id: 'pcsimMultiples',
    afterDatasetsDraw(chart) {
      const { rows, format } = current()
      const meta = chart.getDatasetMeta(1)
      const { ctx } = chart
      ctx.save()
      ctx.font = 'bold 11px system-ui, sans-serif'
      ctx.fillStyle = '#33404d'
      ctx.textBaseline = 'middle'
      meta.data.forEach((bar, i) => {
        const row = rows[i]
        if (row) ctx.fillText(format(row.multiple), bar.x + 4, bar.y)
      })
      ctx.restore()
    },
  }
}

/** Horizontal bars of mean invested vs proceeds per group (sector or stage), labelled with the multiple. */
export function ValueBars({ rows, formatMoney, formatMultiple, labels, ariaLabel, chartRef }: Props) {
  const data = useMemo(
    () => ({
      labels: rows.map((r) => r.label),
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
  const plugins = useMemo(() => [multiplePlugin(() => latest.current)], [])
  return <Bar ref={chartRef as RefObject<Chart<'bar'> | null>} data={data} options={options} plugins={plugins} role="img" aria-label={ariaLabel} />
}
