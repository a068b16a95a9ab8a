import type { Plugin } from 'chart.js'

/** Writes a text at the end of each bar of one dataset; `current` gives the latest texts, so the
 * plugin object can stay the same across renders. */
export function barEndLabels(id: string, datasetIndex: number, current: () => string[]): Plugin<'bar'> {
  return {
    id,
    afterDatasetsDraw(chart) {
      const texts = current()
      const meta = chart.getDatasetMeta(datasetIndex)
      const { ctx } = chart
      ctx.save()
      ctx.font = 'bold 11px system-ui, sans-serif'
      ctx.fillStyle = '#33404d'
      ctx.textBaseline = 'middle'
      meta.data.forEach((bar, i) => {
        const text = texts[i]
        if (text !== undefined) ctx.fillText(text, bar.x + 4, bar.y)
      })
      ctx.restore()
    },
  }
}
