import { useMemo, useRef, type RefObject } from 'react'
import { Bar } from 'react-chartjs-2'
import { Chart as ChartJs, type Chart, type ChartOptions, type Plugin } from 'chart.js'
import type { CheckResult } from '@pcsim/engine'
import { wrapLabel } from '../../charts/labels.ts'
import { COLORS } from '../../charts/setup.ts'
import { labelUnits, useWidth } from '../../charts/useWidth.ts'
import { axisBounds, bandPosition, type BandPosition } from './position.ts'

interface Props {
  checks: CheckResult[]
  /** A check's figure as text, in its unit. */
  figure: (c: CheckResult, x: number) => string
  legend: { band: string; allowance: string; simulated: string; published: string }
  axisTitle: string
  ariaLabel: string
  chartRef: RefObject<Chart | null>
}

const FAIL = '#b91c1c'

/** The published figure of each row as a dashed tick. */
function publishedTicks(current: () => BandPosition[]): Plugin<'bar'> {
  return {
    id: 'pcsimPublished',
    afterDatasetsDraw(chart) {
      const x = chart.scales.x
      const meta = chart.getDatasetMeta(1)
      if (!x) return
      const { ctx } = chart
      ctx.save()
      ctx.strokeStyle = COLORS.target
      ctx.lineWidth = 2
      ctx.setLineDash([3, 2])
      current().forEach((p, i) => {
        const bar = meta.data[i] as unknown as { y: number; height: number } | undefined
        if (!bar) return
        const px = x.getPixelForValue(p.published)
        const half = Math.max(8, (bar.height || 16) * 0.8)
        ctx.beginPath()
        ctx.moveTo(px, bar.y - half)
        ctx.lineTo(px, bar.y + half)
        ctx.stroke()
      })
      ctx.restore()
    },
  }
}

/**
 * One row per figure of a benchmark, on its band's scale (0 = low end, 1 = high end): the band in
 * grey, the 3-SE allowance lighter around it, the published figure as a red dashed tick and the
 * simulated figure ± 1 SE in green (passes) or red (fails).
 */
export function BenchmarkChart({ checks, figure, legend, axisTitle, ariaLabel, chartRef }: Props) {
  const box = useRef<HTMLDivElement>(null)
  const units = labelUnits(useWidth(box))
  const positions = useMemo(() => checks.map(bandPosition), [checks])
  const labels = useMemo(() => checks.map((c) => wrapLabel(c.title, units)), [checks, units])
  const [lo, hi] = useMemo(() => axisBounds(positions), [positions])
  const data = useMemo(
    () => ({
      labels,
      datasets: [
        { label: legend.allowance, data: positions.map((p) => [p.passLow, p.passHigh] as [number, number]), backgroundColor: 'rgba(100, 116, 139, 0.16)', barPercentage: 0.9, categoryPercentage: 1, grouped: false },
        { label: legend.band, data: positions.map(() => [0, 1] as [number, number]), backgroundColor: 'rgba(100, 116, 139, 0.4)', barPercentage: 0.9, categoryPercentage: 1, grouped: false },
        {
          label: legend.simulated,
          data: positions.map((p) => [p.seLow, p.seHigh] as [number, number]),
          backgroundColor: checks.map((c) => (c.pass ? COLORS.good : FAIL)),
          barPercentage: 0.4,
          categoryPercentage: 1,
          grouped: false,
          minBarLength: 4,
        },
      ],
    }),
    [labels, positions, checks, legend],
  )
  const options = useMemo<ChartOptions<'bar'>>(
    () => ({
      indexAxis: 'y',
      plugins: {
        legend: {
          position: 'bottom',
          onClick: () => undefined,
          labels: {
            boxWidth: 12,
            font: { size: 11 },
            generateLabels: (chart) => [
              ...ChartJs.defaults.plugins.legend.labels.generateLabels(chart),
              { text: legend.published, fillStyle: 'rgba(0, 0, 0, 0)', strokeStyle: COLORS.target, lineWidth: 2, lineDash: [3, 2], hidden: false },
            ],
          },
        },
        tooltip: {
          callbacks: {
            label: (item) => {
              const c = checks[item.dataIndex]!
              if (item.datasetIndex === 2) return `${legend.simulated}: ${figure(c, c.simulated)} ± ${figure(c, c.se)}`
              if (item.datasetIndex === 1) return `${legend.band}: ${figure(c, c.low)} – ${figure(c, c.high)}`
              return `${legend.allowance}: ${figure(c, c.low - 3 * c.se)} – ${figure(c, c.high + 3 * c.se)}`
            },
            afterBody: (items) => {
              const c = checks[items[0]?.dataIndex ?? -1]
              return c ? `${legend.published}: ${figure(c, c.published)}` : ''
            },
          },
        },
      },
      scales: {
        x: { type: 'linear', min: lo, max: hi, title: { display: true, text: axisTitle, font: { size: 11 } }, grid: { color: COLORS.grid } },
        y: { grid: { display: false }, ticks: { autoSkip: false, font: { size: 11 } } },
      },
    }),
    [checks, figure, legend, axisTitle, lo, hi],
  )
  const latest = useRef(positions)
  latest.current = positions
  const plugins = useMemo(() => [publishedTicks(() => latest.current)], [])
  const lines = Math.max(1, ...labels.map((l) => l.length))
  return (
    <div ref={box} className="sized-chart" style={{ height: 90 + checks.length * Math.max(30, lines * 14 + 10) }}>
      <Bar ref={chartRef as RefObject<Chart<'bar'> | null>} data={data} options={options} plugins={plugins} role="img" aria-label={ariaLabel} />
    </div>
  )
}
