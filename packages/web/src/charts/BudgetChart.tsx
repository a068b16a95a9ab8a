import { useMemo, type RefObject } from 'react'
import { Bar } from 'react-chartjs-2'
import type { Chart, ChartOptions } from 'chart.js'
import { COLORS, kindColor } from './setup.ts'

export interface BudgetYear {
  year: number
  expected: number
  p95: number
}

interface Props {
  years: BudgetYear[]
  formatMoney: (m: number) => string
  labels: { expected: string; p95: string; year: string; y: string }
  ariaLabel: string
  chartRef: RefObject<Chart | null>
}

/** Capital called from the government per fund year: the expected call beside the 95th percentile. */
export function BudgetChart({ years, formatMoney, labels, ariaLabel, chartRef }: Props) {
  const data = useMemo(
    () => ({
      labels: years.map((y) => String(y.year)),
      datasets: [
        { label: labels.expected, data: years.map((y) => y.expected), backgroundColor: kindColor('government'), borderColor: kindColor('government'), borderWidth: 1 },
        { label: labels.p95, data: years.map((y) => y.p95), backgroundColor: 'rgba(194, 65, 12, 0.22)', borderColor: kindColor('government'), borderWidth: 1, borderDash: [3, 2] },
      ],
    }),
    [years, labels],
  )
  const options = useMemo<ChartOptions<'bar'>>(
    () => ({
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 14 } },
        tooltip: { callbacks: { title: (items) => `${labels.year} ${items[0]?.label ?? ''}`, label: (c) => `${c.dataset.label}: ${formatMoney(c.parsed.y ?? 0)}` } },
      },
      scales: {
        x: { title: { display: true, text: labels.year }, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 6 } },
        y: { beginAtZero: true, title: { display: true, text: labels.y }, ticks: { callback: (v) => formatMoney(Number(v)), maxTicksLimit: 6 }, grid: { color: COLORS.grid } },
      },
    }),
    [formatMoney, labels],
  )
  return <Bar ref={chartRef as RefObject<Chart<'bar'> | null>} data={data} options={options} role="img" aria-label={ariaLabel} />
}
