import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type Plugin,
} from 'chart.js'
import * as helpers from 'chart.js/helpers'

/** White background, so a downloaded PNG reads like the page. */
const background: Plugin = {
  id: 'pcsimBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart
    ctx.save()
    ctx.globalCompositeOperation = 'destination-over'
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, width, height)
    ctx.restore()
  },
}

/**
 * Counts the category labels of a vertical axis wider than the axis (Chart.js gives an axis at most
 * half the chart, and a longer label runs off the canvas): canvas data-labels-clipped, 0 when all fit.
 */
const labelsClipped: Plugin = {
  id: 'pcsimLabelsClipped',
  afterDraw(chart) {
    let clipped = 0
    for (const scale of Object.values(chart.scales)) {
      if (scale.type !== 'category' || scale.isHorizontal()) continue
      const font = helpers.toFont((scale.options as { ticks?: { font?: Parameters<typeof helpers.toFont>[0] } }).ticks?.font ?? {})
      chart.ctx.save()
      chart.ctx.font = font.string
      for (const tick of scale.ticks) {
        const lines = Array.isArray(tick.label) ? tick.label : [String(tick.label ?? '')]
        const widest = Math.max(0, ...lines.map((l) => chart.ctx.measureText(String(l)).width))
        if (widest > scale.width) clipped++
      }
      chart.ctx.restore()
    }
    chart.canvas.dataset.labelsClipped = String(clipped)
  },
}

/** Tells listeners (tests, the latency probe) that a chart finished drawing. */
const renderedSignal: Plugin = {
  id: 'pcsimRendered',
  afterRender(chart) {
    chart.canvas.dispatchEvent(new Event('pcsim:rendered', { bubbles: true }))
  },
}

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Filler, Legend, Tooltip, background, labelsClipped, renderedSignal)
Chart.defaults.animation = false
Chart.defaults.maintainAspectRatio = false
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'
Chart.defaults.color = '#33404d'

export const COLORS = {
  primary: '#1f5fa8',
  primarySoft: 'rgba(31, 95, 168, 0.18)',
  primaryMid: 'rgba(31, 95, 168, 0.38)',
  accent: '#c2410c',
  good: '#15803d',
  grid: 'rgba(0, 0, 0, 0.08)',
  target: '#b91c1c',
  series: ['#1f5fa8', '#c2410c', '#15803d', '#7c3aed', '#b45309', '#0e7490'],
}

export { Chart }

/** One colour per LP kind, so government and private money read apart in every chart. */
export const KIND_COLORS: Record<string, string> = {
  government: '#c2410c',
  social_security: '#7c3aed',
  insurance: '#0e7490',
  private: '#1f5fa8',
  gp: '#5b6875',
}
export const kindColor = (kind: string) => KIND_COLORS[kind] ?? '#5b6875'
