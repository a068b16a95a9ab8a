/// <reference lib="dom" />
// (functions passed to page.evaluate run in the page)
import type { Page } from 'playwright-core'

export interface LatencyFigures {
  samples: number[]
  median: number
  p95: number
  max: number
  /** Medians of the parts: input → run starts, run → first result, result → charts redrawn. */
  parts: { toStart: number; compute: number; render: number }
  /** Input → charts redrawn with the refined (final) preview result: median and P95. */
  refined: { median: number; p95: number }
}

interface Sample {
  total: number
  toStart: number
  compute: number
  render: number
  refined: number
}

const quantile = (sorted: number[], p: number) => {
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(sorted.length - 1, lo + 1)] ?? sorted[lo]!) - sorted[lo]!)
}

const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5)

export function summariseLatency(all: Sample[]): LatencyFigures {
  const samples = all.map((x) => x.total)
  const s = [...samples].sort((a, b) => a - b)
  return {
    samples,
    median: quantile(s, 0.5),
    p95: quantile(s, 0.95),
    max: s[s.length - 1] ?? 0,
    parts: { toStart: median(all.map((x) => x.toStart)), compute: median(all.map((x) => x.compute)), render: median(all.map((x) => x.render)) },
    refined: { median: median(all.map((x) => x.refined)), p95: quantile([...all.map((x) => x.refined)].sort((a, b) => a - b), 0.95) },
  }
}

/**
 * Sets a range input to `value` the way a user's drag does (native setter + input event) and
 * returns the milliseconds until every on-screen chart has redrawn with the new preview result:
 * the results section's data-preview-seq grows, a chart fires `pcsim:rendered`, and the task that
 * redraws the charts ends (setTimeout 0 after that event). `refined` is the same for the final,
 * refined preview result (data-preview-state "done").
 */
export function changeSliderAndTime(page: Page, selector: string, value: number): Promise<Sample> {
  return page.evaluate(
    ({ selector, value }) =>
      new Promise<Sample>((resolve, reject) => {
        const input = document.querySelector<HTMLInputElement>(selector)
        const results = document.querySelector<HTMLElement>('[data-preview-seq]')
        if (!input || !results) return reject(new Error(`missing ${selector} or results`))
        const before = Number(results.dataset.previewSeq)
        const timer = setTimeout(() => reject(new Error('no redraw within 20 s')), 20_000)
        let firstDrawn: Omit<Sample, 'refined'> | null = null
        const onRendered = () => {
          if (Number(results.dataset.previewSeq) <= before) return
          setTimeout(() => {
            const t1 = performance.now()
            if (!firstDrawn) {
              const last = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? t0
              const start = last('pcsim:run-start')
              const first = last('pcsim:first-result')
              firstDrawn = { total: t1 - t0, toStart: start - t0, compute: first - start, render: t1 - first }
            }
            if (results.dataset.previewState !== 'done') return
            document.removeEventListener('pcsim:rendered', onRendered, true)
            clearTimeout(timer)
            resolve({ ...firstDrawn, refined: t1 - t0 })
          }, 0)
        }
        document.addEventListener('pcsim:rendered', onRendered, true)
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
        const t0 = performance.now()
        setter.call(input, String(value))
        input.dispatchEvent(new Event('input', { bubbles: true }))
      }),
    { selector, value },
  )
}

/** `count` slider changes on the page's current fund, alternating up and down around its value. */
export async function measurePreview(page: Page, selector: string, count: number, pauseMs = 150): Promise<LatencyFigures> {
  const start = Number(await page.locator(selector).inputValue())
  const samples: Sample[] = []
  for (let i = 0; i < count; i++) {
    // a walk of distinct values, so each change is a new config: start+1, start+2, … then back down
    const offset = (i % 20) + 1
    const value = i % 40 < 20 ? start + offset : start + 20 - offset
    samples.push(await changeSliderAndTime(page, selector, value))
    await page.waitForTimeout(pauseMs)
  }
  return summariseLatency(samples)
}
