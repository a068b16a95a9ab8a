import { useMemo, type RefObject } from 'react'
import { Bar, Line, Scatter } from 'react-chartjs-2'
import { ScatterController, type Chart, type ChartOptions, type Plugin } from 'chart.js'
import type { OptimiseResult, SensitivityResult } from '@pcsim/engine/decide'
import { wrapLabel } from '../../charts/labels.ts'
import { Chart as ChartJs, COLORS } from '../../charts/setup.ts'

ChartJs.register(ScatterController)

/** Writes the centre (CSS px in the canvas) of every bar or point on the canvas as data-hit, so a
 * keyboard-free test or an assistive script can click a given bar. */
const hitPoints: Plugin = {
  id: 'pcsimHitPoints',
  afterRender(chart) {
    const points = chart.data.datasets.map((_, i) =>
      chart.getDatasetMeta(i).data.map((el) => {
        const p = (el as unknown as { getCenterPoint(): { x: number; y: number } }).getCenterPoint()
        return [Math.round(p.x), Math.round(p.y)]
      }),
    )
    chart.canvas.dataset.hit = JSON.stringify(points)
  },
}

const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(3))) : '–')

/** Tornado: per lever, the change at its low end (light) and high end (dark), largest swing on top. */
export function TornadoChart({ result, metric, label, onPick, chartRef, ariaLabel }: { result: SensitivityResult; metric: number; label: (lever: string) => string; onPick: (lever: string, end: 'low' | 'high') => void; chartRef: RefObject<Chart | null>; ariaLabel: string }) {
  const bars = result.tornado[metric]!.bars
  const data = useMemo(
    () => ({
      labels: bars.map((b) => wrapLabel([label(b.lever), `(${fmt(b.low)} / ${fmt(b.high)})`], 18)),
      datasets: [
        { label: 'low', data: bars.map((b) => [0, b.lowChange.value] as [number, number]), backgroundColor: COLORS.primaryMid, grouped: false, barPercentage: 0.7 },
        { label: 'high', data: bars.map((b) => [0, b.highChange.value] as [number, number]), backgroundColor: COLORS.primary, grouped: false, barPercentage: 0.45 },
      ],
    }),
    [bars, label],
  )
  const options = useMemo<ChartOptions<'bar'>>(
    () => ({
      indexAxis: 'y',
      onClick: (_e, elements) => {
        const el = elements[0]
        if (el) onPick(bars[el.index]!.lever, el.datasetIndex === 0 ? 'low' : 'high')
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (c) => {
              const b = bars[c.dataIndex]!
              const e = c.datasetIndex === 0 ? b.lowChange : b.highChange
              return `${c.datasetIndex === 0 ? fmt(b.low) : fmt(b.high)}: ${fmt(e.value)} [${fmt(e.ci95[0])}, ${fmt(e.ci95[1])}]`
            },
          },
        },
      },
      scales: { x: { grid: { color: COLORS.grid } }, y: { grid: { display: false }, ticks: { autoSkip: false, font: { size: 11 } } } },
    }),
    [bars, onPick],
  )
  return (
    <Bar ref={chartRef as RefObject<Chart<'bar'> | null>} data={data} options={options} plugins={[hitPoints]} role="img" aria-label={ariaLabel} data-testid="tornado-canvas" />
  )
}

/** Spider: the metric's level along each lever's range (0 = low, 1 = high); the base as a dashed line. */
export function SpiderChart({ result, metric, label, onPick, chartRef, ariaLabel }: { result: SensitivityResult; metric: number; label: (lever: string) => string; onPick: (lever: string, point: number) => void; chartRef: RefObject<Chart | null>; ariaLabel: string }) {
  const data = useMemo(() => {
    const base = result.base[metric]!.value
    return {
      datasets: [
        ...result.levers.map((l, i) => {
          const lo = l.points[0]!.value
          const span = l.points[l.points.length - 1]!.value - lo || 1
          return {
            label: label(l.lever),
            data: l.points.map((p) => ({ x: (p.value - lo) / span, y: p.changes[metric]!.level })),
            borderColor: COLORS.series[i % COLORS.series.length],
            backgroundColor: COLORS.series[i % COLORS.series.length],
            pointRadius: 4,
          }
        }),
        { label: '—', data: [{ x: 0, y: base }, { x: 1, y: base }], borderColor: '#5b6875', borderDash: [5, 4], pointRadius: 0 },
      ],
    }
  }, [result, metric, label])
  const options = useMemo<ChartOptions<'line'>>(
    () => ({
      onClick: (_e, elements) => {
        const el = elements[0]
        if (el && el.datasetIndex < result.levers.length) onPick(result.levers[el.datasetIndex]!.lever, el.index)
      },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, font: { size: 11 } } } },
      scales: {
        x: { type: 'linear', min: 0, max: 1, ticks: { callback: (v) => `${Math.round(Number(v) * 100)}%` }, grid: { color: COLORS.grid } },
        y: { grid: { color: COLORS.grid } },
      },
    }),
    [result, onPick],
  )
  return <Line ref={chartRef as RefObject<Chart<'line'> | null>} data={data} options={options} plugins={[hitPoints]} role="img" aria-label={ariaLabel} data-testid="spider-canvas" />
}

/** Frontier scatter: every evaluated candidate, the Pareto frontier, the best allocation. */
export function FrontierChart({ result, onPick, chartRef, ariaLabel }: { result: OptimiseResult; onPick: (id: number) => void; chartRef: RefObject<Chart | null>; ariaLabel: string }) {
  const evaluated = useMemo(() => result.candidates.filter((c) => c.rung >= 0 && Number.isFinite(c.frontier[0]) && Number.isFinite(c.frontier[1])), [result])
  const front = useMemo(() => new Set(result.frontier.points), [result])
  const groups = useMemo(
    () => [
      { ids: evaluated.filter((c) => !front.has(c.id) && c.id !== result.best?.id), color: 'rgba(91, 104, 117, 0.45)', radius: 3 },
      { ids: evaluated.filter((c) => front.has(c.id) && c.id !== result.best?.id), color: COLORS.primary, radius: 5 },
      { ids: evaluated.filter((c) => c.id === result.best?.id), color: COLORS.accent, radius: 7 },
    ],
    [evaluated, front, result],
  )
  const data = useMemo(
    () => ({
      datasets: groups.map((g, i) => ({
        label: ['candidates', 'frontier', 'best'][i]!,
        data: g.ids.map((c) => ({ x: c.frontier[0], y: c.frontier[1] })),
        backgroundColor: g.color,
        pointRadius: g.radius,
      })),
    }),
    [groups],
  )
  const options = useMemo<ChartOptions<'scatter'>>(
    () => ({
      onClick: (_e, elements) => {
        const el = elements[0]
        if (el) onPick(groups[el.datasetIndex]!.ids[el.index]!.id)
      },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => `#${groups[c.datasetIndex]!.ids[c.dataIndex]!.id}: ${fmt(c.parsed.x ?? NaN)}, ${fmt(c.parsed.y ?? NaN)}` } } },
      scales: {
        x: { title: { display: true, text: result.frontier.metrics[0] }, grid: { color: COLORS.grid } },
        y: { title: { display: true, text: result.frontier.metrics[1] }, grid: { color: COLORS.grid } },
      },
    }),
    [groups, onPick, result],
  )
  return <Scatter ref={chartRef as RefObject<Chart<'scatter'> | null>} data={data} options={options} plugins={[hitPoints]} role="img" aria-label={ariaLabel} data-testid="frontier-canvas" />
}
