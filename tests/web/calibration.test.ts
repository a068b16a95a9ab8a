/**
 * The Calibration page in headless Chromium, served by the real API (a small report:
 * PCSIM_CALIBRATION_TRIALS=200) or, without packages/api, computed in the browser.
 */
import { describe, expect, it } from 'vitest'
import { CALIBRATION_BENCHMARKS } from '@pcsim/engine'
import { collectErrors, openApp } from '../../packages/web/e2e/page-helpers.ts'
import { webHarness } from './harness.ts'

const previous = process.env.PCSIM_CALIBRATION_TRIALS
const web = webHarness({
  before: () => {
    process.env.PCSIM_CALIBRATION_TRIALS = '200'
  },
  after: () => {
    if (previous === undefined) delete process.env.PCSIM_CALIBRATION_TRIALS
    else process.env.PCSIM_CALIBRATION_TRIALS = previous
  },
})

describe('Calibration page', () => {
  it('shows the report as a table and one chart per benchmark, in English and Chinese', async () => {
    const page = await openApp(web.context, web.served.url)
    const errors = collectErrors(page, !web.served.api)
    await page.getByTestId('tab-calibration').click()
    const view = page.getByTestId('calibration')
    if (!web.served.api) {
      await expect.poll(() => view.getAttribute('data-status'), { timeout: 30_000 }).toBe('offline')
      await page.getByTestId('calibration-compute').click()
    }
    await expect.poll(() => view.getAttribute('data-status'), { timeout: 180_000, interval: 500 }).toBe('done')
    const rows = page.locator('[data-testid="calibration-table"] tbody tr')
    expect(await rows.count()).toBe(CALIBRATION_BENCHMARKS.length)
    const passes = await page.locator('[data-testid="calibration-table"] tbody tr[data-pass="true"]').count()
    expect(await page.getByTestId('calibration-summary').textContent()).toContain(`${passes} of ${CALIBRATION_BENCHMARKS.length} benchmarks pass`)
    for (const b of CALIBRATION_BENCHMARKS) expect(await page.locator(`[data-testid="calibration-chart-${b.id}"] canvas`).count(), b.id).toBe(1)
    const first = page.locator(`[data-testid="calibration-chart-${CALIBRATION_BENCHMARKS[0]!.id}"] .reading`)
    expect(await first.textContent()).toMatch(/^(Passes|Fails)/)
    await page.getByTestId('lang-zh-CN').click()
    await expect.poll(() => page.locator('#calibration-heading').textContent()).toContain('校准')
    expect(await page.getByTestId('calibration-summary').textContent()).toContain(`${CALIBRATION_BENCHMARKS.length} 项基准中 ${passes} 项通过`)
    expect(errors).toEqual([])
    await page.close()
  }, 240_000)
})
