/**
 * The web app in a real headless Chromium (playwright-core, Debian chromium). The app is built
 * with vite and served by the real API (packages/api, temp database) when that package exists,
 * otherwise by `vite preview` with no API (everything but saving runs in the browser).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { launchBrowser } from '../../packages/web/e2e/browser.ts'
import { measurePreview } from '../../packages/web/e2e/measure.ts'
import { classMedian, collectErrors, loadTemplate, openApp, previewSeq, tvpiSummary, visibleNumbers, waitForCurrentPreview, waitForPreview, watchProgress } from '../../packages/web/e2e/page-helpers.ts'
import { shootBoardViews, shootMainViews, shootPolicyViews } from '../../packages/web/e2e/screenshots.ts'
import { API_DIR, WEB_DIR } from '../../packages/web/e2e/server.ts'
import { webHarness } from './harness.ts'

const API_EXISTS = existsSync(join(API_DIR, 'src', 'server.ts'))
const NO_API = ' [skipped: packages/api does not exist yet, so nothing can be saved]'
// artefacts of a test run (screenshots) go to a temp folder; `pnpm screenshots` writes the README's
const SHOTS = mkdtempSync(join(tmpdir(), 'pcsim-web-shots-'))
const REPO = join(WEB_DIR, '..', '..')
const IN_GIT = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: REPO, encoding: 'utf8' }).stdout.trim() === 'true'
const gitStatus = () => spawnSync('git', ['status', '--porcelain', '--', 'packages/web', 'tests/web'], { cwd: REPO, encoding: 'utf8' }).stdout
let statusBefore = ''

const web = webHarness({
  before: () => {
    if (IN_GIT) statusBefore = gitStatus()
  },
  after: () => rmSync(SHOTS, { recursive: true, force: true }),
})

describe('web app in Chromium', () => {
  it('opens a template, and moving a sector weight changes the charts', async () => {
    const page = await openApp(web.context, web.served.url)
    const errors = collectErrors(page, !web.served.api)
    await waitForPreview(page)
    let seq = await previewSeq(page)
    await page.selectOption('#template-select', 'gov-angel-fund')
    await page.getByRole('button', { name: 'Load template' }).click()
    await expect.poll(() => page.inputValue('#f-name')).toBe('Government angel guidance fund')
    await waitForPreview(page, seq)
    const before = await tvpiSummary(page)
    const p50Before = await page.locator('[data-testid="chart-tvpi"] .reading').textContent()
    seq = await previewSeq(page)
    await page.locator('#f-strategy-sectorWeights-ai').fill('60')
    await waitForPreview(page, seq)
    expect(await page.locator('#f-strategy-sectorWeights-ai').inputValue()).toBe('60')
    expect(await page.locator('.weights-total').first().textContent()).toContain('100%')
    const after = await tvpiSummary(page)
    expect(after).not.toBe(before)
    expect(await page.locator('[data-testid="chart-tvpi"] .reading').textContent()).not.toBe(p50Before)
    expect(await page.locator('[data-testid="chart-tvpi"] canvas').count()).toBe(1)
    expect(errors).toEqual([])
    await page.close()
  })

  it('shows the engine message beside a field with a bad value, in either language', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForPreview(page)
    await page.fill('#f-fund-managementFee-rate', '50')
    const error = page.locator('#f-fund-managementFee-rate-error')
    await expect.poll(() => error.textContent()).toBe('Must be at most 10%.')
    expect(await page.locator('[data-testid="issue-summary"]').textContent()).toContain('Management fee rate (per year): Must be at most 10%.')
    expect(await page.locator('[data-testid="preview-status"]').textContent()).toContain('Paused')
    await page.fill('#f-fund-size', 'abc')
    await expect.poll(() => page.locator('#f-fund-size-error').textContent()).toBe('Must be a number.')
    await page.getByTestId('lang-zh-CN').click()
    await expect.poll(() => error.textContent()).toBe('不得大于 10%。')
    await page.getByTestId('lang-en').click()
    await page.fill('#f-fund-managementFee-rate', '2')
    await page.fill('#f-fund-size', '100')
    await expect.poll(() => error.count()).toBe(0)
    await waitForPreview(page)
    await page.close()
  })

  it('shows the government and private LP classes side by side and the policy panel with the budget chart; a cap change moves the government class', async () => {
    const page = await openApp(web.context, web.served.url)
    const errors = collectErrors(page, !web.served.api)
    await loadTemplate(page, 'uk-ecf-fund')
    const lp = page.getByTestId('chart-lp-tvpi')
    await lp.scrollIntoViewIfNeeded()
    expect(await lp.locator('canvas').count()).toBe(1)
    expect(await lp.locator('canvas').getAttribute('aria-label')).toMatch(/Government \(bbb\): median [0-9.]+×, loses money in [0-9.]+% of futures; Private: median/)
    expect(await lp.locator('tbody tr').count()).toBe(3)
    expect(await lp.locator('tr[data-class="bbb"]').textContent()).toContain('Government')
    expect(await lp.locator('tr[data-class="private"]').textContent()).toContain('Private')
    expect(await page.getByTestId('chart-lp-irr').locator('canvas').count()).toBe(1)
    const policy = page.getByTestId('policy')
    await policy.scrollIntoViewIfNeeded()
    // (panels off screen keep their last result and catch up when scrolled to)
    await expect.poll(() => policy.locator('[data-kpi="mobilised-fund"] .card-value').textContent()).toMatch(/^0\.5\d×$/)
    expect(await policy.locator('[data-kpi="mobilised-entry"] .card-value').textContent()).toMatch(/×$/)
    const budget = page.getByTestId('chart-budget')
    await budget.scrollIntoViewIfNeeded()
    expect(await budget.locator('canvas').count()).toBe(1)
    await expect.poll(() => budget.locator('.reading').textContent()).toMatch(/Expected calls peak in year \d+ at £[0-9.]+m; in 1 future in 20 a year’s call reaches £[0-9.]+m/)
    expect(await budget.locator('.units').textContent()).toContain('(£m / £bn)')
    // raise the government's cap from 3% to 8% a year: its figures move, the private class's too
    const gov = await classMedian(page, 'bbb')
    const row = await lp.locator('tr[data-class="bbb"]').textContent()
    await page.locator('[data-testid="lp-terms-0"] > summary').click()
    expect(await page.inputValue('#f-lpClasses-0-terms-cappedReturn-rate')).toBe('3')
    const seq = await previewSeq(page)
    await page.fill('#f-lpClasses-0-terms-cappedReturn-rate', '8')
    await waitForPreview(page, seq)
    await lp.scrollIntoViewIfNeeded()
    await expect.poll(() => lp.locator('tr[data-class="bbb"]').textContent()).not.toBe(row)
    expect(await classMedian(page, 'bbb')).toBeGreaterThan(gov)
    expect(errors).toEqual([])
    await page.close()
  })

  it('shows the engine message beside an LP term that names an unknown class or absorbs more than the class, in either language', async () => {
    const page = await openApp(web.context, web.served.url)
    await loadTemplate(page, 'uk-ecf-fund')
    const seq = await previewSeq(page)
    // renaming the private class leaves the government's upside naming a class that no longer exists
    await page.fill('#f-lpClasses-1-id', 'angels')
    const upside = page.locator('#f-lpClasses-0-terms-cappedReturn-upsideTo-error')
    await expect.poll(() => upside.textContent()).toContain('No LP class has the id "private"')
    expect(await page.locator('[data-testid="lp-terms-0"]').getAttribute('open')).not.toBeNull()
    expect(await page.isChecked('#f-lpClasses-0-terms-cappedReturn-upsideTo--private')).toBe(true)
    // a first loss larger than the class's own commitment
    await page.locator('[data-testid="lp-terms-1"] > summary').click()
    await page.check('#f-lpClasses-1-terms-firstLoss')
    await page.fill('#f-lpClasses-1-terms-firstLoss-share', '50')
    const firstLoss = page.locator('#f-lpClasses-1-terms-firstLoss-share-error')
    await expect.poll(() => firstLoss.textContent()).toContain('cannot absorb more losses than its own commitment')
    expect(await firstLoss.textContent()).toContain('33%')
    expect(await page.locator('[data-testid="issue-summary"] [data-issue-path="/lpClasses/1/terms/firstLoss/share"]').count()).toBe(1)
    expect(await page.locator('[data-testid="preview-status"]').textContent()).toContain('Paused')
    await page.getByTestId('lang-zh-CN').click()
    await expect.poll(() => upside.textContent()).toContain('没有标识为“private”的出资人类别')
    expect(await firstLoss.textContent()).toContain('不能超过其自身认缴额')
    await page.getByTestId('lang-en').click()
    // fixed: the upside goes to the renamed class, the first loss fits the class
    await page.check('#f-lpClasses-0-terms-cappedReturn-upsideTo--angels')
    // (unticked, the stale id leaves the list, so click rather than uncheck)
    await page.click('#f-lpClasses-0-terms-cappedReturn-upsideTo--private')
    await page.fill('#f-lpClasses-1-terms-firstLoss-share', '20')
    await expect.poll(() => page.locator('[data-testid="issue-summary"]').count()).toBe(0)
    await waitForPreview(page, seq)
    expect(await page.locator('[data-testid="chart-lp-tvpi"] tr[data-class="angels"]').count()).toBe(1)
    await page.close()
  })

  it('loads every template with government terms and shows its terms; a fund-of-funds lists its sub-funds and their results', async () => {
    const page = await openApp(web.context, web.served.url)
    const errors = collectErrors(page, !web.served.api)
    const expected: Array<[string, number, RegExp]> = [
      ['city-ai-fund', 0, /profit concession, re-investment/],
      ['angel-guidance-60', 0, /first loss, re-investment/],
      ['yozma-fund', 0, /buy-out/],
      ['uk-ecf-fund', 0, /capped return/],
      ['jjj-joint-fund', 2, /re-investment/],
      ['nssf-special-fund', 0, /none/],
      ['beijing-fof', 0, /none/],
    ]
    for (const [template, row, terms] of expected) {
      await loadTemplate(page, template)
      expect(await page.locator(`[data-testid="lp-terms-${row}"] .terms-set`).textContent(), template).toMatch(terms)
      expect(await page.locator('[data-testid="issue-summary"]').count(), template).toBe(0)
    }
    // the last one loaded is the fund-of-funds
    expect(await page.locator('[data-testid="sub-funds"] tbody tr').count()).toBe(3)
    expect(await page.locator('[data-testid="sub-funds"] tbody').textContent()).toContain('beijing_gov')
    const subs = page.getByTestId('chart-sub-funds')
    await subs.scrollIntoViewIfNeeded()
    expect(await subs.locator('tbody tr').count()).toBe(3)
    expect(await subs.locator('.reading').textContent()).toMatch(/Of 3 sub-funds/)
    // a sub-fund's start year is edited here; out of range, the field says so under its own label
    await page.fill('#f-subFunds-1-startYear', '30')
    await page.waitForSelector('#f-subFunds-1-startYear-error')
    expect(await page.locator('#f-subFunds-1-startYear-error').textContent()).toMatch(/20/)
    await page.fill('#f-subFunds-1-startYear', '2')
    await page.waitForSelector('#f-subFunds-1-startYear-error', { state: 'detached' })
    expect(await page.locator('[data-testid="sub-funds"] tbody tr').nth(1).locator('td').last().textContent()).toBe('2')
    // angel-guidance-60's pipeline and region weights reached the builder
    await loadTemplate(page, 'angel-guidance-60')
    expect(await page.isChecked('#f-strategy-pipeline-enabled')).toBe(true)
    expect(await page.inputValue('#f-strategy-pipeline-plannedPerQuarter')).toBe('12')
    expect(await page.inputValue('#f-strategy-regionWeights-beijing')).toBe('70')
    expect(await page.inputValue('#f-policy-toleratedLoss-fund')).toBe('60')
    const policy = page.getByTestId('policy')
    await policy.scrollIntoViewIfNeeded()
    expect(await policy.locator('[data-kpi="pipeline"]').count()).toBe(1)
    expect(await policy.locator('[data-kpi="first-loss"]').count()).toBe(1)
    expect(await page.getByTestId('chart-reinvestment').locator('.reading').textContent()).toMatch(/Government \(Beijing\) requires 1\.50×/)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)

  it('switches to Chinese and back at any time', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForPreview(page)
    await page.getByTestId('lang-zh-CN').click()
    await expect.poll(() => page.locator('#builder-heading').textContent()).toBe('基金构建')
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    expect(await page.locator('[data-testid="chart-tvpi"] .reading').textContent()).toMatch(/一半的情形/)
    expect(await page.locator('label[for="f-strategy-sectorWeights-ai"]').textContent()).toBe('人工智能')
    expect(await page.locator('[data-testid="construction"]').textContent()).toMatch(/万美元|亿美元/)
    await page.getByTestId('lang-en').click()
    await expect.poll(() => page.locator('#builder-heading').textContent()).toBe('Fund builder')
    await page.close()
  })

  it('runs a full simulation with a progress bar to the end, and cancels one', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForPreview(page)
    await page.fill('#full-trials', '60000')
    const maxProgress = await watchProgress(page, '[data-testid="full-run-progress"]')
    await page.getByTestId('full-run-start').click()
    await page.getByTestId('full-run-progress').waitFor({ timeout: 30_000 })
    await page.waitForSelector('[data-testid="full-run-status"][data-status="done"]', { timeout: 110_000 })
    expect(await maxProgress()).toBeGreaterThan(0)
    const status = await page.locator('[data-testid="preview-status"]').textContent()
    expect(status).toContain('60,000 trials')
    expect(status).toContain(web.served.api ? 'server' : 'this browser')
    expect(await page.locator('#results').getAttribute('data-showing')).toBe('full')
    // a big run, cancelled while it runs
    await page.fill('#full-trials', web.served.api ? '1000000' : '200000')
    await page.getByTestId('full-run-start').click()
    await page.getByTestId('full-run-cancel').click({ timeout: 30_000 })
    await page.waitForSelector('[data-testid="full-run-status"][data-status="cancelled"]', { timeout: 30_000 })
    await page.close()
  }, 180_000)

  it('compares two strategies on the same random futures', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForPreview(page)
    await page.getByTestId('tab-compare').click()
    await page.getByTestId('compare-add-current').click()
    await page.selectOption('#compare-template', 'gov-angel-fund')
    await page.getByTestId('compare-add-template').click()
    await page.fill('#compare-trials', '3000')
    await page.getByTestId('compare-run').click()
    await page.getByTestId('compare-results').waitFor({ timeout: 90_000 })
    expect(await page.locator('[data-testid="compare-table"] tbody tr').count()).toBe(2)
    const pair = await page.locator('[data-testid="compare-pairs"] tbody tr').first().textContent()
    expect(pair).toMatch(/A − B/)
    expect(pair).toMatch(/%/)
    expect(await page.locator('[data-testid="chart-overlay"] canvas').count()).toBe(1)
    expect(await page.locator('.pair-readings li').first().textContent()).toMatch(/beats/)
    await page.close()
  }, 120_000)

  it.skipIf(!API_EXISTS)(`saves, reopens, renames and deletes a scenario through the API${API_EXISTS ? '' : NO_API}`, async () => {
    expect(web.served.api, 'packages/api exists but the app is not served by it').toBe(true)
    const page = await openApp(web.context, web.served.url)
    page.on('dialog', (d) => void d.accept())
    await waitForPreview(page)
    await page.locator('#f-strategy-stageWeights-seed').fill('70')
    await page.getByTestId('tab-scenarios').click()
    const name = `E2E fund ${Date.now()}`
    await page.fill('#scenario-name', name)
    await page.getByTestId('scenario-save').click()
    const item = page.locator('[data-testid="scenario-list"] li', { hasText: name })
    await item.waitFor({ timeout: 20_000 })
    // change the draft, then reopen the saved one
    await page.getByTestId('tab-build').click()
    await page.fill('#f-name', 'something else')
    await page.locator('#f-strategy-stageWeights-seed').fill('20')
    await page.getByTestId('tab-scenarios').click()
    await item.getByRole('button', { name: 'Open' }).click()
    await expect.poll(() => page.inputValue('#f-name')).toBe(name)
    expect(await page.locator('#f-strategy-stageWeights-seed').inputValue()).toBe('70')
    expect(await page.getByTestId('tab-build').getAttribute('aria-selected')).toBe('true')
    // rename, then delete
    await page.getByTestId('tab-scenarios').click()
    await item.getByRole('button', { name: 'Rename' }).click()
    await page.getByRole('textbox', { name: `New name for ${name}` }).fill(`${name} renamed`)
    await page.getByRole('button', { name: 'Save name' }).click()
    const renamed = page.locator('[data-testid="scenario-list"] li', { hasText: `${name} renamed` })
    await renamed.waitFor({ timeout: 20_000 })
    expect(await renamed.textContent()).toContain('version 2')
    await renamed.getByRole('button', { name: 'Delete' }).click()
    await renamed.waitFor({ state: 'detached', timeout: 20_000 })
    await page.close()
  }, 120_000)

  it('opens a share link in a fresh browser and shows the same numbers', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForPreview(page)
    const seq = await previewSeq(page)
    await page.fill('#f-run-seed', '777')
    await page.locator('#f-strategy-sectorWeights-ai').fill('30')
    await page.getByLabel('AI boom').check()
    await waitForPreview(page, seq)
    await waitForCurrentPreview(page)
    const numbers = await visibleNumbers(page)
    await page.getByTestId('share-link').click()
    const link = await page.getByTestId('share-url').inputValue()
    expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/)
    const elsewhere = await launchBrowser({ width: 1280, height: 900 })
    try {
      const fresh = await openApp(elsewhere.context, link)
      await waitForPreview(fresh)
      expect(await fresh.inputValue('#f-run-seed')).toBe('777')
      expect(await fresh.locator('#scenario-ai-boom').isChecked()).toBe(true)
      expect(await visibleNumbers(fresh)).toEqual(numbers)
      expect(await fresh.getByTestId('notice').textContent()).toContain('shared link')
    } finally {
      await elsewhere.close()
    }
    await page.close()
  }, 120_000)

  it('has a dismissible, re-openable guided tour', async () => {
    const page = await openApp(web.context, web.served.url, { fresh: true })
    await page.evaluate(() => localStorage.removeItem('pcsim.tourSeen'))
    await page.reload()
    const tour = page.getByTestId('tour')
    await tour.waitFor()
    await page.getByRole('button', { name: 'Next' }).click()
    expect(await tour.textContent()).toContain('Step 2 of 5')
    await page.getByTestId('tour-close').click()
    await tour.waitFor({ state: 'detached' })
    await page.getByTestId('tour-open').click()
    await tour.waitFor()
    await page.keyboard.press('Escape')
    await tour.waitFor({ state: 'detached' })
    await page.close()
  })

  it('redraws the live preview of us-vc-10y quickly after a slider change (prints median and P95)', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForPreview(page)
    const slider = '#f-strategy-stageWeights-seed'
    await measurePreview(page, slider, 5, 500) // warm-up, not counted
    const f = await measurePreview(page, slider, 30, 500)
    console.log(
      `live preview (us-vc-10y, slider → on-screen charts redrawn), 30 changes: first pass median ${f.median.toFixed(0)} ms, P95 ${f.p95.toFixed(0)} ms, max ${f.max.toFixed(0)} ms; refined median ${f.refined.median.toFixed(0)} ms, P95 ${f.refined.p95.toFixed(0)} ms`,
    )
    expect(f.samples).toHaveLength(30)
    expect(f.median).toBeLessThan(2000)
    await page.close()
  }, 120_000)

  it('takes the README screenshots (both widths, both languages) into a temp folder', async () => {
    const options = { context: web.context, url: web.served.url, outDir: SHOTS, offline: !web.served.api }
    const main = await shootMainViews(options)
    const policy = await shootPolicyViews(options)
    expect(main).toHaveLength(16)
    expect(policy.files).toHaveLength(20)
    for (const f of [...main, ...policy.files]) expect(statSync(f).size, f).toBeGreaterThan(10_000)
    expect(policy.errors).toEqual([])
    const board = await shootBoardViews(options)
    expect(board.files).toHaveLength(24)
    for (const f of board.files) expect(statSync(f).size, f).toBeGreaterThan(10_000)
    expect(board.errors).toEqual([])
  }, 600_000)

  it('keeps the shared-link notice until the reader dismisses it (no timer removes it)', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForPreview(page)
    await page.getByTestId('share-link').click()
    const link = await page.getByTestId('share-url').inputValue()
    await page.close()
    const fresh = await web.context.newPage()
    await fresh.clock.install()
    await fresh.addInitScript(() => localStorage.setItem('pcsim.tourSeen', '1'))
    await fresh.goto(link)
    await waitForPreview(fresh)
    const notice = fresh.getByTestId('notice')
    await notice.waitFor()
    await fresh.clock.fastForward('00:30')
    expect(await notice.textContent()).toContain('shared link')
    await fresh.getByTestId('notice-dismiss').click()
    await notice.waitFor({ state: 'detached' })
    await fresh.close()
  })

  it.skipIf(!IN_GIT)('leaves the work tree as it found it (artefacts go to a temp folder)', () => {
    expect(gitStatus()).toBe(statusBefore)
  })
})
