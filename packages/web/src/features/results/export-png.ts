import type { Chart } from 'chart.js'
import type { ExportMeta } from './export-meta.ts'

const SCALE = 2
const PAD = 16
const FONT = 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif'

export interface PngLabels {
  title: string
  units: string
  /** "Fund · scenario · 4,000 trials · seed 42 · engine 1.2.0", in the page's language. */
  line: (m: ExportMeta) => string
}

/**
 * The chart at 2× its on-screen resolution, under a header with its title, the run it belongs to
 * (fund, scenario, trials, seed, engine) and its units, on white: a picture that stands on its own.
 */
export function chartPng(chart: Chart, meta: ExportMeta | null, labels: PngLabels): string {
  const before = chart.options.devicePixelRatio
  chart.options.devicePixelRatio = SCALE
  chart.resize()
  chart.update('none')
  try {
    const plot = chart.canvas
    const out = document.createElement('canvas')
    const width = plot.width + 2 * PAD * SCALE
    const ctx = out.getContext('2d')!
    // the header's lines, wrapped to the picture's width (measured in the font they are drawn in)
    const head: Array<[string, number, string]> = [
      [labels.title, 18, '600'],
      ...(meta ? ([[labels.line(meta), 13, '400']] as Array<[string, number, string]>) : []),
      [labels.units, 13, '400'],
    ]
    const lines: Array<[string, number, string]> = []
    for (const [text, size, weight] of head) {
      ctx.font = `${weight} ${size * SCALE}px ${FONT}`
      for (const line of wrap(ctx, text, width - 2 * PAD * SCALE)) lines.push([line, size, weight])
    }
    const headH = lines.reduce((h, [, size]) => h + size * 1.5, 0)
    out.width = width
    out.height = plot.height + (headH + 2 * PAD) * SCALE
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, out.width, out.height)
    ctx.fillStyle = '#1b1f24'
    ctx.textBaseline = 'top'
    let y = PAD * SCALE
    for (const [text, size, weight] of lines) {
      ctx.font = `${weight} ${size * SCALE}px ${FONT}`
      ctx.fillText(text, PAD * SCALE, y)
      y += size * 1.5 * SCALE
    }
    ctx.drawImage(plot, PAD * SCALE, y + (PAD / 2) * SCALE)
    return out.toDataURL('image/png')
  } finally {
    chart.options.devicePixelRatio = before
    chart.resize()
    chart.update('none')
  }
}

/** Splits `text` into lines no wider than `max` px: at spaces (and " · "), or between CJK characters. */
function wrap(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const pieces = text.split(/(?<=\s)|(?<=[\u3000-\u9fff\uff00-\uffef])(?=[\u3000-\u9fff\uff00-\uffef])/)
  const out: string[] = []
  let cur = ''
  for (const p of pieces) {
    if (cur && ctx.measureText(cur + p).width > max) {
      out.push(cur.trimEnd())
      cur = p.trimStart()
    } else cur += p
  }
  if (cur.trim()) out.push(cur.trimEnd())
  return out
}
