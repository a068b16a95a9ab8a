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

/** Tells listeners (tests, the latency probe) that a chart finished drawing. */
const renderedSignal: Plugin = {
  id: 'pcsimRendered',
  afterRender(chart) {
    chart.canvas.dispatchEvent(new Event('pcsim:rendered', { bubbles: true }))
  },
}

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Filler, Legend, Tooltip, background, renderedSignal)
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
