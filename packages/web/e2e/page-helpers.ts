/// <reference lib="dom" />
// (functions passed to page.evaluate run in the page)
import type { BrowserContext, Page } from 'playwright-core'

/** Opens the app with the tour marked as seen and the language chosen (unless `fresh`). */
export async function openApp(context: BrowserContext, url: string, options: { locale?: 'en' | 'zh-CN'; fresh?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const page = await context.newPage()
  if (options.viewport) await page.setViewportSize(options.viewport)
  if (!options.fresh) {
    const locale = options.locale ?? 'en'
    await page.addInitScript((l) => {
      localStorage.setItem('pcsim.tourSeen', '1')
      localStorage.setItem('pcsim.locale', l)
    }, locale)
  }
  await page.goto(url)
  return page
}

export const previewSeq = (page: Page) => page.locator('[data-preview-seq]').getAttribute('data-preview-seq').then(Number)

/** Waits until the live preview has finished a run newer than `after` (both passes). */
export async function waitForPreview(page: Page, after = -1, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (after) => {
      const el = document.querySelector('[data-preview-seq]')
      return el?.getAttribute('data-preview-state') === 'done' && Number(el.getAttribute('data-preview-seq')) > after
    },
    after,
    { timeout },
  )
}

export const tvpiSummary = (page: Page) => page.locator('[data-testid="chart-tvpi"] canvas').getAttribute('aria-label')

/** The figures a reader sees: the TVPI and IRR readings and the five probability cards. */
export async function visibleNumbers(page: Page): Promise<string[]> {
  const readings = await page.locator('.reading').allTextContents()
  const cards = await page.locator('.card').allTextContents()
  return [...readings.slice(0, 2), ...cards]
}

/** Samples a progress bar every 20 ms; returns a function giving the largest value seen. */
export async function watchProgress(page: Page, selector: string): Promise<() => Promise<number>> {
  await page.evaluate((selector) => {
    const w = window as unknown as { __maxProgress: number }
    w.__maxProgress = 0
    setInterval(() => {
      const el = document.querySelector<HTMLProgressElement>(selector)
      if (el) w.__maxProgress = Math.max(w.__maxProgress, el.value)
    }, 20)
  }, selector)
  return () => page.evaluate(() => (window as unknown as { __maxProgress: number }).__maxProgress)
}

/** Console errors other than expected network failures (favicon, an absent API under `vite preview`). */
export function collectErrors(page: Page, allowNetwork: boolean): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() !== 'error') return
    if (allowNetwork && m.text().startsWith('Failed to load resource')) return
    errors.push(`console: ${m.text()}`)
  })
  return errors
}

/** Loads a fund template from the picker and waits for its live preview (both passes). */
export async function loadTemplate(page: Page, id: string): Promise<void> {
  await waitForPreview(page)
  const seq = await previewSeq(page)
  await page.selectOption('#template-select', id)
  await page.locator('.template-picker button').click()
  await page.waitForFunction((id) => (document.querySelector('#template-select') as HTMLSelectElement | null)?.value === id, id)
  await waitForPreview(page, seq)
}

/** The median net TVPI the LP-class chart's reading gives for `classId` ("Government (bbb): median 1.09× …"). */
export async function classMedian(page: Page, classId: string): Promise<number> {
  const label = (await page.locator('[data-testid="chart-lp-tvpi"] canvas').getAttribute('aria-label')) ?? ''
  const m = new RegExp(`\\(${classId}\\): median ([0-9.]+)×`).exec(label)
  return m ? Number(m[1]) : Number.NaN
}

/** Clicks `button` and returns the text of the file it downloads. */
export async function downloadedText(page: Page, button: ReturnType<Page['locator']>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()])
  const path = await download.path()
  const { readFileSync } = await import('node:fs')
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') }
}

/** Clicks `button` and returns the bytes of the file it downloads. */
export async function downloadedBytes(page: Page, button: ReturnType<Page['locator']>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()])
  const { readFileSync } = await import('node:fs')
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) }
}

/** Waits until the preview on screen is the finished preview of the config as it is now. */
export async function waitForCurrentPreview(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForSelector('#results[data-preview-current="true"]', { state: 'attached', timeout })
}
