/// <reference lib="dom" />
// (functions passed to page.evaluate run in the page)
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { holdingsTemplateCsv } from '@pcsim/engine'
import type { BrowserContext } from 'playwright-core'
import { collectErrors, loadTemplate, openApp, waitForCurrentPreview, waitForPreview } from './page-helpers.ts'

export const LOCALES = ['en', 'zh-CN'] as const
export const WIDTHS = [
  [390, 844],
  [1440, 900],
] as const

export interface ShotOptions {
  context: BrowserContext
  url: string
  /** Where the PNGs go: a temp folder in tests, packages/web/screenshots for `pnpm screenshots`. */
  outDir: string
  /** True when the app is served without the API (network errors are then expected). */
  offline: boolean
}

/** Build, results and compare views at both widths in both languages; returns the files written. */
export async function shootMainViews({ context, url, outDir }: ShotOptions): Promise<string[]> {
  mkdirSync(outDir, { recursive: true })
  const files: string[] = []
  const shot = async (page: import('playwright-core').Page, name: string) => {
    const path = join(outDir, `${name}.png`)
    await page.screenshot({ path })
    files.push(path)
  }
  for (const locale of LOCALES) {
    for (const [w, h] of WIDTHS) {
      const page = await openApp(context, url, { locale, viewport: { width: w, height: h } })
      await waitForPreview(page)
      const tag = `${locale}-${w}`
      await shot(page, `build-${tag}`)
      await showPhoneView(page, 'results')
      await page.locator('#results').scrollIntoViewIfNeeded()
      await page.locator('[data-testid="chart-tvpi"]').scrollIntoViewIfNeeded()
      await shot(page, `results-${tag}`)
      await page.getByTestId('tab-compare').click()
      await page.getByTestId('compare-add-current').click()
      await page.selectOption('#compare-template', 'patient-capital-15y')
      await page.getByTestId('compare-add-template').click()
      await page.fill('#compare-trials', '2000')
      await page.getByTestId('compare-run').click()
      await page.getByTestId('compare-results').waitFor({ timeout: 90_000 })
      await page.evaluate(() => window.scrollTo(0, 0))
      await shot(page, `compare-${tag}`)
      await page.locator('[data-testid="compare-table"]').scrollIntoViewIfNeeded()
      await shot(page, `compare-results-${tag}`)
      await page.close()
    }
  }
  return files
}

/** LP terms, LP classes, policy, budget and re-investment panels of angel-guidance-60; returns files and page errors. */
export async function shootPolicyViews({ context, url, outDir, offline }: ShotOptions): Promise<{ files: string[]; errors: string[] }> {
  mkdirSync(outDir, { recursive: true })
  const files: string[] = []
  const errors: string[] = []
  for (const locale of LOCALES) {
    for (const [w, h] of WIDTHS) {
      const page = await openApp(context, url, { locale, viewport: { width: w, height: h } })
      errors.push(...collectErrors(page, offline))
      await loadTemplate(page, 'angel-guidance-60')
      const tag = `${locale}-${w}`
      const lpSection = page.locator('details.section', { has: page.locator('#f-lpClasses') })
      if ((await lpSection.getAttribute('open')) === null) await lpSection.locator('> summary').click()
      await page.locator('[data-testid="lp-terms-0"] > summary').click()
      await page.locator('[data-testid="lp-row-0"] > legend').evaluate((el) => el.scrollIntoView({ block: 'start' }))
      const terms = join(outDir, `terms-${tag}.png`)
      await page.screenshot({ path: terms })
      files.push(terms)
      await showPhoneView(page, 'results')
      for (const [name, selector] of [
        ['lp-classes', '[data-testid="lp-classes"]'],
        ['policy', '[data-testid="policy"]'],
        ['budget', '[data-testid="chart-budget"]'],
        ['reinvestment', '[data-testid="chart-reinvestment"]'],
      ] as const) {
        await page.locator(selector).evaluate((el) => el.scrollIntoView({ block: 'start' }))
        await waitForDrawn(page)
        const path = join(outDir, `${name}-${tag}.png`)
        await page.screenshot({ path })
        files.push(path)
      }
      await page.close()
    }
  }
  return { files, errors }
}

/**
 * The board report, the exports (the export bar and a 2× chart PNG as downloaded), the scenario
 * editor with two stacked shocks, and compare's side-by-side tables; returns files and page errors.
 */
export async function shootBoardViews({ context, url, outDir, offline }: ShotOptions): Promise<{ files: string[]; errors: string[] }> {
  mkdirSync(outDir, { recursive: true })
  const files: string[] = []
  const errors: string[] = []
  const shot = async (page: import('playwright-core').Page, name: string, full = false) => {
    const path = join(outDir, `${name}.png`)
    // two animation frames: the layout a scroll or a view switch asked for has been painted
    await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))))
    await page.screenshot({ path, fullPage: full })
    files.push(path)
  }
  for (const locale of LOCALES) {
    for (const [w, h] of WIDTHS) {
      const tag = `${locale}-${w}`
      const page = await openApp(context, url, { locale, viewport: { width: w, height: h } })
      errors.push(...collectErrors(page, offline))
      await loadTemplate(page, 'city-ai-fund')
      // scenario editor: two shocks on the timeline
      const market = page.locator('details.section', { has: page.getByTestId('scenario-editor') })
      if ((await market.getAttribute('open')) === null) await market.locator('> summary').click()
      await page.getByTestId('shock-add').click()
      await page.fill('#f-market-shocks-0-id', 'ai-winter')
      await page.getByTestId('shock-0-sector-ai').check()
      await page.getByTestId('shock-add').click()
      await page.fill('#f-market-shocks-1-fromYear', '5')
      await page.getByTestId('scenario-editor').evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await shot(page, `scenario-editor-${tag}`)
      await waitForPreview(page)
      await waitForCurrentPreview(page)
      // exports: the bar, and a chart's PNG as a reader downloads it
      await showPhoneView(page, 'results')
      await page.getByTestId('share-export').waitFor({ state: 'visible' })
      await page.getByTestId('share-export').evaluate((el) => el.scrollIntoView({ block: 'center' }))
      await shot(page, `exports-${tag}`)
      const chart = page.getByTestId('chart-jcurve')
      await chart.scrollIntoViewIfNeeded()
      await waitForDrawn(page)
      const [download] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: /PNG/ }).click()])
      const png = join(outDir, `export-png-${tag}.png`)
      await download.saveAs(png)
      files.push(png)
      // the board report, its first screen and as printed
      await page.getByTestId('report-open').click()
      await page.getByTestId('report').waitFor()
      await shot(page, `report-${tag}`)
      await page.emulateMedia({ media: 'print' })
      await page.locator('.report-charts').first().evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await shot(page, `report-print-${tag}`)
      await page.emulateMedia({ media: 'screen' })
      await page.getByTestId('report-close').click()
      // compare with the new tables
      await page.getByTestId('tab-compare').click()
      await page.getByTestId('compare-add-current').click()
      await page.selectOption('#compare-template', 'us-vc-10y')
      await page.getByTestId('compare-add-template').click()
      await page.fill('#compare-trials', '2000')
      await page.getByTestId('compare-run').click()
      await page.getByTestId('compare-results').waitFor({ timeout: 120_000 })
      await page.getByTestId('compare-timeline').evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await shot(page, `compare-tables-${tag}`)
      await page.close()
    }
  }
  return { files, errors }
}

/** On a phone, switches the build tab to its Build or Results view (no-op where both show). */
export async function showPhoneView(page: import('playwright-core').Page, view: 'build' | 'results'): Promise<void> {
  const button = page.getByTestId(`phone-${view}`)
  if (await button.isVisible()) await button.click()
}

/** Waits until no chart group on the page is waiting to draw the current result. */
export async function waitForDrawn(page: import('playwright-core').Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-drawn="pending"]') === null, undefined, { timeout })
}

/** The Calibration tab (the report, computed by the server or in the browser) and the Decide tab after a
 * sensitivity run, at both widths in both languages; returns the files written. */
export async function shootToolViews({ context, url, outDir }: ShotOptions): Promise<string[]> {
  mkdirSync(outDir, { recursive: true })
  const files: string[] = []
  for (const locale of LOCALES) {
    for (const [w, h] of WIDTHS) {
      const page = await openApp(context, url, { locale, viewport: { width: w, height: h } })
      await waitForPreview(page)
      const tag = `${locale}-${w}`
      await page.getByTestId('tab-calibration').click()
      const compute = page.getByTestId('calibration-compute')
      if (await compute.isVisible()) await compute.click()
      await page.getByTestId('calibration-table').waitFor({ timeout: 300_000 })
      await page.evaluate(() => window.scrollTo(0, 0))
      files.push(join(outDir, `calibration-${tag}.png`))
      await page.screenshot({ path: files.at(-1)! })
      await page.getByTestId('tab-decide').click()
      await page.getByTestId('sensitivity-run').click()
      await page.getByTestId('sensitivity-metric').waitFor({ timeout: 180_000 })
      await page.getByTestId('sensitivity').scrollIntoViewIfNeeded()
      files.push(join(outDir, `decide-${tag}.png`))
      await page.screenshot({ path: files.at(-1)! })
      await page.close()
    }
  }
  return files
}

/** The holdings CSV template with the ownership of its first company (CSV row 3: the header, then the fund row) set to 1.5; `column` is 1-based. */
export function badHoldingsCsv(): { csv: string; column: number } {
  const lines = holdingsTemplateCsv().trimEnd().split('\n')
  const column = lines[0]!.split(',').indexOf('ownership')
  const cells = lines[2]!.split(',')
  cells[column] = '1.5'
  lines[2] = cells.join(',')
  return { csv: `${lines.join('\n')}\n`, column: column + 1 }
}

/** Holdings of the docs' example reforecast (docs/examples/reforecast-holdings.json). */
export const EXAMPLE_HOLDINGS = join(import.meta.dirname, '..', '..', '..', 'docs', 'examples', 'reforecast-holdings.json')

/**
 * The Reforecast tab at both widths in both languages: the example holdings previewed, a CSV with a
 * bad cell, and the result against its plan; returns the files written and page errors.
 */
export async function shootReforecastViews({ context, url, outDir, offline }: ShotOptions): Promise<{ files: string[]; errors: string[] }> {
  const badCsv = badHoldingsCsv().csv
  mkdirSync(outDir, { recursive: true })
  const files: string[] = []
  const errors: string[] = []
  const shot = async (page: import('playwright-core').Page, name: string) => {
    files.push(join(outDir, `${name}.png`))
    await page.screenshot({ path: files.at(-1)! })
  }
  for (const locale of LOCALES) {
    for (const [w, h] of WIDTHS) {
      const tag = `${locale}-${w}`
      const page = await openApp(context, url, { locale, viewport: { width: w, height: h } })
      errors.push(...collectErrors(page, offline))
      await waitForPreview(page)
      await page.getByTestId('tab-reforecast').click()
      await page.setInputFiles('#holdings-file', EXAMPLE_HOLDINGS)
      await page.getByTestId('holdings-preview').waitFor()
      await page.getByTestId('holdings-preview').evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await shot(page, `reforecast-preview-${tag}`)
      await page.fill('#holdings-text', badCsv)
      await page.getByTestId('holdings-issues').waitFor()
      await page.getByTestId('holdings-issues').evaluate((el) => el.scrollIntoView({ block: 'center' }))
      await shot(page, `reforecast-error-${tag}`)
      await page.setInputFiles('#holdings-file', EXAMPLE_HOLDINGS)
      await page.getByTestId('holdings-preview').waitFor()
      await page.fill('#reforecast-trials', '1000')
      await page.getByTestId('reforecast-run').click()
      await page.getByTestId('reforecast-results').waitFor({ timeout: 120_000 })
      await page.getByTestId('plan-vs-actual').evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await waitForDrawn(page)
      await shot(page, `reforecast-results-${tag}`)
      await page.close()
    }
  }
  return { files, errors }
}
