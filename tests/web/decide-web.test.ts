/**
 * The Decide tab in a real headless Chromium: a sensitivity whose tornado bar opens its variant in
 * the builder, the goal-seek sentence in both languages, and the optimiser's frontier and table.
 */
import { describe, expect, it } from 'vitest'

import { type Page } from '../../packages/web/e2e/browser.ts'
import { collectErrors, openApp, waitForPreview } from '../../packages/web/e2e/page-helpers.ts'
import { webHarness } from './harness.ts'

const web = webHarness()

/** Clicks the centre of bar `index` of dataset `dataset` of a chart canvas (positions from its data-hit). */
async function clickBar(page: Page, testId: string, dataset: number, index: number) {
  const canvas = page.getByTestId(testId)
  await expect.poll(() => canvas.getAttribute('data-hit')).not.toBeNull()
  const hit = JSON.parse((await canvas.getAttribute('data-hit'))!) as number[][][]
  const [x, y] = hit[dataset]![index]!
  await canvas.click({ position: { x: x!, y: y! } })
}

describe('Decide tab in Chromium', () => {
  it('sensitivity: a tornado and a spider; a bar opens its variant in the builder', async () => {
    const page = await openApp(web.context, web.served.url)
    const errors = collectErrors(page, !web.served.api)
    await waitForPreview(page)
    await page.getByTestId('tab-decide').click()
    const panel = page.getByTestId('sensitivity')
    for (const id of ['carry', 'reserveShare', 'companies', 'graduation', 'exitValue']) await panel.getByTestId(`lever-${id}`).uncheck()
    await panel.locator('#sens-trials').fill('300')
    // with the API serving the page, the job runs on the server's executor
    const posted = web.served.api ? page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/sensitivities')) : null
    await panel.getByTestId('sensitivity-run').click()
    if (posted) await posted
    const tornado = page.getByTestId('tornado')
    await expect.poll(() => tornado.locator('.reading').textContent(), { timeout: 90_000 }).toMatch(/moves the metric most: a swing of [0-9.]+ over its range/)
    expect(await page.getByTestId('spider').locator('canvas').count()).toBe(1)
    expect(await tornado.locator('.reading').textContent()).toContain('Management fee rate')
    // the high end (dark bar, dataset 1) of the only row, the fee rate: the builder gets 2.5%
    await clickBar(page, 'tornado-canvas', 1, 0)
    await expect.poll(() => page.getByTestId('tab-build').getAttribute('aria-selected')).toBe('true')
    expect(await page.inputValue('#f-fund-managementFee-rate')).toBe('2.5')
    expect(await page.getByTestId('notice').textContent()).toContain('loaded in the builder')
    expect(errors).toEqual([])
    await page.close()
  })

  it('solve: the answer as a sentence in English and in Chinese; optimise: frontier and the best few', async () => {
    const page = await openApp(web.context, web.served.url)
    const errors = collectErrors(page, !web.served.api)
    await waitForPreview(page)
    await page.getByTestId('tab-decide').click()
    const solve = page.getByTestId('solve')
    await solve.getByTestId('solve-lever').selectOption('exitValue')
    // 1.2× is inside what exit values × 0.5 … × 2 can reach for the template's fund, whether its median now is below or above it
    await solve.getByTestId('solve-target').fill('p50(netTvpi) = 1.2')
    await solve.locator('#solve-trials').fill('300')
    await solve.getByTestId('solve-run').click()
    const sentence = solve.getByTestId('solve-sentence')
    await expect.poll(() => sentence.textContent(), { timeout: 90_000 }).toMatch(/^Exit values \(multiplier\) must be [0-9.]+ \(95% interval [0-9.]+ to [0-9.]+; now 1\) for p50\(netTvpi\) = 1\.2\. Today p50\(netTvpi\) is [0-9.]+\.$/)
    expect(await solve.getByTestId('return-the-fund').locator('tbody tr').count()).toBeGreaterThan(0)
    await page.getByTestId('lang-zh-CN').click()
    await expect.poll(() => sentence.textContent()).toMatch(/^要使 p50\(netTvpi\) = 1\.2，退出估值（倍数）必须为 [0-9.]+（95% 区间/)
    await page.getByTestId('lang-en').click()
    // a bad target names the character
    await solve.getByTestId('solve-target').fill('p50(netTvp) = 2')
    await solve.getByTestId('solve-run').click()
    await expect.poll(() => solve.getByTestId('solve-error').textContent()).toContain('unknown name "netTvp" at character 5')
    const opt = page.getByTestId('optimise')
    await opt.getByTestId('optimise-candidates').fill('6')
    await opt.getByTestId('optimise-budget').fill('6000')
    await opt.getByTestId('optimise-run').click()
    const frontier = page.getByTestId('frontier')
    await expect.poll(() => frontier.locator('.reading').textContent(), { timeout: 120_000 }).toMatch(/allocations? (is|are) on the frontier/)
    expect(await opt.getByTestId('optimise-best').locator('tbody tr').count()).toBeGreaterThan(0)
    await clickBar(page, 'frontier-canvas', 2, 0) // the best allocation
    await expect.poll(() => page.getByTestId('tab-build').getAttribute('aria-selected')).toBe('true')
    expect(errors).toEqual([])
    await page.close()
  })
})
