/**
 * Issue 12 in real Chromium: what a fund board relies on — figures that always belong to the fund
 * on screen (also when printed), share links that reopen the same run, validation in the field's
 * own words and units, results marked out of date while the form has errors.
 * Expected figures come from the result object the app itself exports, never from constants.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RunResult } from '@pcsim/engine'
import { createFormat } from '../../packages/web/src/format/index.ts'
import { launchBrowser } from '../../packages/web/e2e/browser.ts'
import { collectErrors, downloadedBytes, downloadedText, loadTemplate, openApp, visibleNumbers, waitForCurrentPreview, waitForPreview } from '../../packages/web/e2e/page-helpers.ts'
import { showPhoneView, waitForDrawn } from '../../packages/web/e2e/screenshots.ts'
import { API_DIR, WEB_DIR } from '../../packages/web/e2e/server.ts'
import { webHarness } from './harness.ts'

const web = webHarness()

const CURRENCIES = ['USD', 'CNY', 'GBP', 'EUR'] as const
/** The symbol a currency's money figures carry in English ("$", "CN¥", "£", "€"). */
const symbol = (currency: string) => createFormat('en', currency).money(1).replace(/[\d.,\s−-]|m$/g, '')

describe('board: no stale numbers', () => {
  it('prints a fund loaded without scrolling with every chart, reading and card from its own result', async () => {
    const page = await openApp(web.context, web.served.url)
    const errors = collectErrors(page, !web.served.api)
    await waitForPreview(page)
    // let the US fund's lazy groups draw once, then switch fund without scrolling
    await loadTemplate(page, 'city-ai-fund')
    // (the export bar does not print: take the result first)
    const r = JSON.parse((await downloadedText(page, page.getByTestId('export-json'))).text) as RunResult
    await page.emulateMedia({ media: 'print' })
    await waitForDrawn(page)
    expect(r.name).toBe(await page.inputValue('#f-name'))
    const fmt = createFormat('en', r.currency)
    const size = r.config.fund.size
    const results = page.locator('#results')
    const text = (await results.innerText()) + (await results.locator('canvas').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')).join('\n')))
    // money only in the fund's own currency
    for (const other of CURRENCIES.filter((c) => c !== r.currency && !symbol(r.currency).includes(symbol(c)))) expect(text, `a ${other} figure on a ${r.currency} fund`).not.toContain(symbol(other))
    // J-curve: the trough of the median, in its reading and its screen-reader label
    const trough = Math.min(...r.fan.netCashFlow.map((p) => p.p50)) * size
    const j = page.getByTestId('chart-jcurve')
    expect(await j.locator('.reading').textContent()).toContain(fmt.money(trough))
    expect(await j.locator('canvas').getAttribute('aria-label')).toContain(fmt.money(trough))
    // NAV peak
    const navPeak = Math.max(...r.fan.nav.map((p) => p.p50)) * size
    expect(await page.getByTestId('chart-nav').locator('.reading').textContent()).toContain(fmt.money(navPeak))
    // the TVPI histogram's median
    expect(await page.getByTestId('chart-tvpi').locator('.reading').textContent()).toContain(fmt.multiple(r.summary.netTvpi.p50))
    // LP classes: every class of this fund, no other
    const lpTable = page.locator('[data-testid="chart-lp-tvpi"] tbody')
    expect(await lpTable.locator('tr').count()).toBe(r.summary.lpClasses.length)
    for (const c of r.summary.lpClasses) expect(await lpTable.locator(`tr[data-class="${c.id}"]`).textContent()).toContain(fmt.probability(c.probLoss))
    // policy cards
    const p = r.summary.policy!
    const count = (x: number) => fmt.number(x, x < 10 && Math.abs(x - Math.round(x)) >= 0.05 ? 1 : 0)
    expect(await page.locator('[data-kpi="companies"] .card-value').textContent()).toBe(count(p.companiesSupported.total))
    expect(await page.locator('[data-kpi="unicorns"] .card-value').textContent()).toBe(fmt.number(p.unicorns.mean, 1))
    if (p.governmentCommitted > 0) expect(text).not.toContain('no class of kind “government”')
    // construction
    expect(await page.getByTestId('construction').textContent()).toContain(fmt.money(r.summary.deployment.planned.initial))
    // and it really prints
    const pdf = await page.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(errors).toEqual([])
    await page.close()
  }, 180_000)
})

describe('board: share links', () => {
  it('opens a share link of a full run with the same trials, seed and numbers — the stored run when the server has it', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForPreview(page)
    await page.fill('#f-run-seed', '4242')
    await waitForCurrentPreview(page)
    await page.fill('#full-trials', '12000')
    await page.getByTestId('full-run-start').click()
    await page.waitForSelector('[data-testid="full-run-status"][data-status="done"]', { timeout: 110_000 })
    await page.waitForSelector('#results[data-showing="full"]')
    const numbers = await visibleNumbers(page)
    const status = await page.getByTestId('preview-status').textContent()
    expect(status).toContain('12,000 trials')
    await page.getByTestId('share-link').click()
    const link = await page.getByTestId('share-url').inputValue()
    const elsewhere = await launchBrowser({ width: 1280, height: 900 })
    try {
      const fresh = await openApp(elsewhere.context, link)
      await fresh.waitForSelector('#results[data-showing="full"]', { timeout: 110_000 })
      expect(await fresh.inputValue('#f-run-seed')).toBe('4242')
      expect(await fresh.inputValue('#full-trials')).toBe('12000')
      expect(await fresh.getByTestId('preview-status').textContent()).toBe(status)
      expect(await visibleNumbers(fresh)).toEqual(numbers)
      expect(await fresh.getByTestId('notice').textContent()).toContain('12,000 trials with seed 4242')
      if (web.served.api) expect(await fresh.locator('[data-testid="full-run-status"] [data-stored]').getAttribute('data-stored')).toBe('true')
    } finally {
      await elsewhere.close()
    }
    await page.close()
  }, 240_000)
})

describe('board: validation in the field’s words', () => {
  it('names fields by label, gives percent limits in percent, places the LP-share sum at a share field, and judges trial counts by the right rule', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForPreview(page)
    const summary = page.getByTestId('issue-summary')
    // a fee of 50%: the limit in percent, in the field and in the summary, named by its label
    await page.fill('#f-fund-managementFee-rate', '50')
    const fee = page.locator('#f-fund-managementFee-rate-error')
    await expect.poll(() => fee.textContent()).toMatch(/^Must be at most \d+(\.\d+)?%\.$/)
    const feeLabel = (await page.locator('label[for="f-fund-managementFee-rate"]').textContent())!
    await expect.poll(() => summary.textContent()).toContain(`${feeLabel}: ${await fee.textContent()}`)
    expect(await summary.textContent()).not.toMatch(/\/fund\//)
    // "abc" is not a number
    await page.fill('#f-fund-size', 'abc')
    await expect.poll(() => page.locator('#f-fund-size-error').textContent()).toBe('Must be a number.')
    await page.getByTestId('lang-zh-CN').click()
    await expect.poll(() => page.locator('#f-fund-size-error').textContent()).toBe('必须是数字。')
    await expect.poll(() => fee.textContent()).toMatch(/^不得大于 \d+(\.\d+)?%。$/)
    await page.getByTestId('lang-en').click()
    // thousands separators are accepted
    await page.fill('#f-fund-size', '1,000')
    await expect.poll(() => page.locator('#f-fund-size-error').count()).toBe(0)
    await page.fill('#f-fund-managementFee-rate', '2')
    await expect.poll(() => summary.count()).toBe(0)
    // LP shares that do not add up: in percent, at the last class's share field
    const rows = await page.locator('fieldset[data-testid^="lp-row-"]').count()
    const first = Number(await page.inputValue('#f-lpClasses-0-share'))
    await page.fill('#f-lpClasses-0-share', String(first - 7))
    let total = 0
    for (let i = 0; i < rows; i++) total += Number(await page.inputValue(`#f-lpClasses-${i}-share`))
    const last = page.locator(`#f-lpClasses-${rows - 1}-share-error`)
    await expect.poll(() => last.textContent()).toBe(`The LP classes’ shares must add up to 100% (they add up to ${Number(total.toPrecision(6))}%).`)
    expect(await page.locator(`#f-lpClasses-${rows - 1}-share`).getAttribute('aria-invalid')).toBe('true')
    expect(await summary.textContent()).toContain(`LP class ${rows}: `)
    await page.fill('#f-lpClasses-0-share', String(first))
    await expect.poll(() => summary.count()).toBe(0)
    // the full run's trials: each wrong count gets its own rule; "20,000" is fine
    const trialsError = page.getByTestId('full-trials-error')
    for (const [typed, rule] of [
      ['0', 'At least 1 trial.'],
      ['-5', 'At least 1 trial.'],
      ['1.5', 'Must be a whole number.'],
      ['abc', 'Must be a number.'],
      ['99,000,000', 'At most'],
    ] as const) {
      await page.fill('#full-trials', typed)
      await expect.poll(() => trialsError.textContent()).toContain(rule)
      expect(await page.getByTestId('full-run-start').isDisabled(), typed).toBe(true)
    }
    await page.fill('#full-trials', '20,000')
    await expect.poll(() => trialsError.count()).toBe(0)
    expect(await page.getByTestId('full-run-start').isDisabled()).toBe(false)
    await page.close()
  })
})

describe('board: out-of-date results', () => {
  it('dims and marks the results while the form has errors, and clears the mark once fixed', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForCurrentPreview(page)
    const results = page.locator('#results')
    const opacity = () => page.locator('#results .results-body').evaluate((el) => Number(getComputedStyle(el.parentElement!).opacity))
    expect(await results.getAttribute('data-out-of-date')).toBe('false')
    expect(await opacity()).toBe(1)
    await page.fill('#f-fund-size', 'abc')
    await expect.poll(() => results.getAttribute('data-out-of-date')).toBe('true')
    expect(await page.getByTestId('out-of-date').textContent()).toMatch(/^Out of date/)
    expect(await opacity()).toBeLessThan(0.6)
    await page.getByTestId('lang-zh-CN').click()
    await expect.poll(() => page.getByTestId('out-of-date').textContent()).toMatch(/^结果已过期/)
    await page.getByTestId('lang-en').click()
    await page.fill('#f-fund-size', '100')
    await expect.poll(() => results.getAttribute('data-out-of-date')).toBe('false')
    expect(await page.getByTestId('out-of-date').count()).toBe(0)
    await waitForCurrentPreview(page)
    expect(await opacity()).toBe(1)
    await page.close()
  })
})

/** The part of ExcelJS's reading API the test uses (exceljs is a dependency of packages/web). */
interface Sheet {
  name: string
  rowCount: number
  eachRow(f: (row: { values: unknown }) => void): void
}
interface Workbook {
  worksheets: Sheet[]
  getWorksheet(name: string): Sheet | undefined
  xlsx: { load(data: ArrayBuffer): Promise<unknown> }
}

/** Width and height of a PNG (its IHDR chunk). */
const pngSize = (b: Buffer) => ({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) })

describe('board: exports', () => {
  it('names the scenario on the results and in every export: PNG at 2× with a header, CSV and JSON with config and shocks, an Excel workbook, per-trial CSV', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForPreview(page)
    await page.getByLabel('AI boom').check()
    await waitForCurrentPreview(page)
    await expect.poll(() => page.getByTestId('results-scenario').textContent()).toMatch(/^Scenario: AI boom \(\d+ shocks?\)$/)
    const r = JSON.parse((await downloadedText(page, page.getByTestId('export-json'))).text) as RunResult & { export: { scenario: string; shocks: unknown[] } }
    expect(r.export.scenario).toBe('AI boom')
    expect(r.export.shocks).toEqual(r.config.market.shocks)
    expect(r.config.market.shocks.length).toBeGreaterThan(0)
    // PNG: twice the on-screen drawing plus a header
    const frame = page.getByTestId('chart-tvpi')
    const box = (await frame.locator('canvas').boundingBox())!
    const png = await downloadedBytes(page, frame.getByRole('button', { name: /PNG/ }))
    const size = pngSize(png.bytes)
    expect(size.width).toBeGreaterThanOrEqual(Math.floor(2 * box.width))
    expect(size.height).toBeGreaterThan(2 * box.height + 80)
    // CSV: the run, its scenario and shocks, and every config field
    const csv = (await downloadedText(page, page.getByTestId('export-csv'))).text
    expect(csv).toContain('run,scenario,,AI boom')
    expect(csv).toContain(`run,engineVersion,,${r.engineVersion}`)
    expect(csv).toContain(`run,seed,,${r.seed}`)
    for (const shock of r.config.market.shocks) expect(csv).toContain(`scenario.shock,${shock.id},fromYear,${shock.fromYear}`)
    expect(csv).toContain(`config,/fund/size,,${r.config.fund.size}`)
    // Excel: the sheets, with the run on the summary sheet
    const xlsx = await downloadedBytes(page, page.getByTestId('export-xlsx'))
    expect(xlsx.name).toMatch(/\.xlsx$/)
    const ExcelJS = createRequire(join(WEB_DIR, 'package.json'))('exceljs') as { Workbook: new () => Workbook }
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Distributions', 'Fan charts by year', 'LP classes', 'Policy', 'Config'])
    const summary = wb.getWorksheet('Summary')!
    const cells = (ws: Sheet) => {
      const out = new Map<string, unknown[]>()
      ws.eachRow((row) => {
        const v = row.values as unknown[]
        out.set(String(v[1]), v.slice(2))
      })
      return out
    }
    const sum = cells(summary)
    expect(sum.get('scenario')?.[0]).toBe('AI boom')
    expect(sum.get('trials')?.[0]).toBe(r.trials)
    expect(sum.get('seed')?.[0]).toBe(String(r.seed))
    expect(sum.get('engineVersion')?.[0]).toBe(r.engineVersion)
    expect(sum.get('netTvpi')?.[2]).toBe(r.summary.netTvpi.p50)
    expect(wb.getWorksheet('Fan charts by year')!.rowCount).toBe(1 + Object.values(r.fan).reduce((n, f) => n + f.length, 0))
    expect(wb.getWorksheet('LP classes')!.rowCount).toBe(1 + r.summary.lpClasses.length)
    // per trial: one row per trial; their mean is the result's mean
    const trials = (await downloadedText(page, page.getByTestId('export-trials'))).text.trim().split('\n').filter((l) => !l.startsWith('#'))
    const head = trials[0]!.split(',')
    expect(trials.length - 1).toBe(r.trials)
    const col = head.indexOf('netTvpi')
    const values = trials.slice(1).map((l) => Number(l.split(',')[col]))
    const mean = values.reduce((a, b) => a + b, 0) / values.length
    expect(Math.abs(mean - r.summary.netTvpi.mean)).toBeLessThan(1e-9 * Math.max(1, Math.abs(r.summary.netTvpi.mean)))
    await page.close()
  }, 180_000)
})

/** The text of a PDF, page by page (pdf.js, a dev dependency of packages/web). */
async function pdfText(bytes: Uint8Array): Promise<string[]> {
  // pdf.js 6 expects Node 22's Promise.withResolvers; Node 20 (the project's minimum) lacks it
  const P = Promise as unknown as { withResolvers?: () => unknown }
  P.withResolvers ??= () => {
    let resolve: unknown, reject: unknown
    const promise = new Promise((a, b) => ((resolve = a), (reject = b)))
    return { promise, resolve, reject }
  }
  const pdfjs = (await import(join(WEB_DIR, 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.mjs'))) as {
    getDocument(src: { data: Uint8Array; useSystemFonts?: boolean }): { promise: Promise<{ numPages: number; getPage(n: number): Promise<{ getTextContent(): Promise<{ items: Array<{ str?: string }> }> }> }> }
  }
  const doc = await pdfjs.getDocument({ data: bytes, useSystemFonts: false }).promise
  const pages: string[] = []
  for (let i = 1; i <= doc.numPages; i++) pages.push((await (await doc.getPage(i)).getTextContent()).items.map((x) => x.str ?? '').join(' '))
  return pages
}

describe('board: report', () => {
  for (const locale of ['en', 'zh-CN'] as const)
    it(`prints a board report (PDF) with the fund, trials, seed and engine version, in ${locale}`, async () => {
      const page = await openApp(web.context, web.served.url, { locale })
      const errors = collectErrors(page, !web.served.api)
      await waitForPreview(page)
      await loadTemplate(page, 'city-ai-fund')
      await waitForCurrentPreview(page)
      const r = JSON.parse((await downloadedText(page, page.getByTestId('export-json'))).text) as RunResult
      await page.getByTestId('report-open').click()
      const report = page.getByTestId('report')
      await report.waitFor()
      expect(await report.locator('h1').textContent()).toBe(r.name)
      const facts = (await page.getByTestId('report-facts').textContent())!
      const fmt = createFormat(locale, r.currency)
      expect(facts).toContain(fmt.number(r.trials))
      expect(facts).toContain(String(r.seed))
      expect(facts).toContain(r.engineVersion)
      expect(await page.getByTestId('report-lp').locator('tbody tr').count()).toBe(r.config.lpClasses.length)
      expect(await page.getByTestId('report-headline').textContent()).toContain(fmt.multiple(r.summary.netTvpi.p50, 2))
      await expect.poll(() => report.locator('canvas').count()).toBeGreaterThan(5)
      await page.emulateMedia({ media: 'print' })
      const pdf = await page.pdf({ format: 'A4', printBackground: true })
      const pages = await pdfText(new Uint8Array(pdf))
      const all = pages.join(' ').replace(/\s+/g, ' ')
      expect(pages.length).toBeGreaterThan(2)
      // (CJK fonts map some glyphs to Kangxi radicals, e.g. ⼈ for 人: NFKC folds them back)
      const squash = (x: string) => x.normalize('NFKC').replace(/\s+/g, '')
      expect(squash(all)).toContain(squash(r.name))
      expect(squash(all)).toContain(squash(fmt.number(r.trials)))
      expect(squash(all)).toContain(String(r.seed))
      expect(squash(all)).toContain(r.engineVersion)
      // the app's own chrome is not printed
      expect(all).not.toContain(locale === 'en' ? 'Fund builder' : '基金构建')
      expect(errors).toEqual([])
      await page.close()
    }, 180_000)
})

describe('board: compare', () => {
  it('compares three funds: pair labels per pair, a currency warning, IRR, J-curve/DPI, policy and class tables, and a CSV', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForPreview(page)
    await page.getByTestId('tab-compare').click()
    await page.getByTestId('compare-add-current').click()
    await page.selectOption('#compare-template', 'city-ai-fund')
    await page.getByTestId('compare-add-template').click()
    await page.selectOption('#compare-template', 'uk-ecf-fund')
    await page.getByTestId('compare-add-template').click()
    await page.fill('#compare-trials', '1500')
    await page.getByTestId('compare-run').click()
    await page.getByTestId('compare-results').waitFor({ timeout: 120_000 })
    const csv = (await downloadedText(page, page.getByTestId('compare-csv'))).text
    const runs = [...csv.matchAll(/^strategy,"?([A-Z]) .*,currency,(\w+)$/gm)].map((m) => [m[1], m[2]])
    expect(runs.map((r) => r[0])).toEqual(['A', 'B', 'C'])
    // a warning when currencies differ, naming each one
    const currencies = new Set(runs.map((r) => r[1]))
    if (currencies.size > 1) for (const [letter, cur] of runs) expect(await page.getByTestId('compare-currency').textContent()).toContain(`${letter} ${cur}`)
    // each pair labelled as itself; the column says what the probability is of
    const pairs = page.locator('[data-testid="compare-pairs"]')
    expect(await pairs.locator('tbody th').allTextContents()).toEqual(['A − B', 'A − C', 'B − C'])
    expect(await pairs.locator('thead').textContent()).not.toContain('A beats B')
    for (const pair of ['A − B', 'A − C', 'B − C']) expect(csv).toContain(`pair,${pair},netTvpi mean difference,`)
    expect(csv).toMatch(/^pair,A − C,P\(A beats C\),/m)
    expect(await page.getByTestId('chart-overlay-irr').locator('canvas').count()).toBe(1)
    expect(await page.locator('[data-testid="compare-timeline"] tbody tr').count()).toBe(3)
    expect(await page.locator('[data-testid="compare-classes"] tbody tr').count()).toBe(3)
    expect(await page.locator('[data-testid="compare-policy"] tbody tr').count()).toBe(3)
    await page.close()
  }, 240_000)
})

describe('board: value by sector', () => {
  it('shows every sector and stage name whole, at 390 and 1440 px, in both languages', async () => {
    for (const locale of ['en', 'zh-CN'] as const)
      for (const width of [390, 1440]) {
        const page = await openApp(web.context, web.served.url, { locale, viewport: { width, height: 900 } })
        await waitForPreview(page)
        await loadTemplate(page, 'city-ai-fund')
        await showPhoneView(page, 'results')
        for (const id of ['chart-sector', 'chart-stage']) {
          const canvas = page.getByTestId(id).locator('canvas')
          await canvas.scrollIntoViewIfNeeded()
          await expect.poll(() => canvas.getAttribute('data-labels-clipped').then((n) => `${id} ${locale} ${width}: ${n}`)).toBe(`${id} ${locale} ${width}: 0`)
        }
        await page.close()
      }
  }, 240_000)
})

describe('board: policy prose', () => {
  it('names classes by kind (not "Government class government"), keeps Chinese punctuation, units as the ticks write them, and explains the hurdle spike and the last bin', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForPreview(page)
    await loadTemplate(page, 'city-ai-fund')
    const r = JSON.parse((await downloadedText(page, page.getByTestId('export-json'))).text) as RunResult
    const lp = page.getByTestId('chart-lp-tvpi')
    await lp.scrollIntoViewIfNeeded()
    await waitForDrawn(page)
    const reading = (await lp.locator('.reading').textContent())!
    expect(reading).not.toMatch(/[Cc]lass government|\bgovernment:/)
    expect(reading).toMatch(/^Government: median /)
    const policy = page.getByTestId('policy')
    await policy.scrollIntoViewIfNeeded()
    await waitForDrawn(page)
    const prose = (await policy.textContent())!
    expect(prose).not.toMatch(/chance government misses|government →|Government class government/)
    expect(prose).toContain('chance Government misses its re-investment')
    // the IRR note explains the hurdle spike at this fund's hurdle, and the last bin
    const fmt = createFormat('en', r.currency)
    const irr = page.getByTestId('chart-irr')
    await irr.scrollIntoViewIfNeeded()
    await irr.locator('details.explain summary').first().click()
    const note = (await irr.locator('details.explain').first().textContent())!
    expect(note).toContain(`A spike at ${fmt.percent(r.config.fund.carry.hurdle, 0)} is the hurdle`)
    expect(note).toContain('The last bar gathers every future at or above')
    // Chinese: full-width colons after Chinese text, and axis units in the units the figures use
    await page.getByTestId('lang-zh-CN').click()
    await expect.poll(() => lp.locator('.reading').textContent()).toMatch(/^政府：中位数/)
    await waitForDrawn(page)
    const zh = (await page.locator('#results').innerText())
    expect(zh).not.toMatch(/[\u4e00-\u9fff]: /)
    const j = page.getByTestId('chart-jcurve')
    const jReading = (await j.locator('.reading').textContent())!
    const unit = /(亿元|万元)/.exec(jReading)?.[1]
    expect(unit).toBeDefined()
    expect(await j.locator('.units').textContent()).toContain(unit!)
    await page.close()
  }, 180_000)
})

describe('board: saved scenarios', () => {
  it.skipIf(!existsSync(join(API_DIR, 'src', 'server.ts')))('lists a saved scenario with its figures; opening one sets the template picker and drops the old run status', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForPreview(page)
    await loadTemplate(page, 'yozma-fund')
    await waitForCurrentPreview(page)
    await page.fill('#full-trials', '5000')
    await page.getByTestId('full-run-start').click()
    await page.waitForSelector('[data-testid="full-run-status"][data-status="done"]', { timeout: 110_000 })
    const r = JSON.parse((await downloadedText(page, page.getByTestId('export-json'))).text) as RunResult
    expect(r.trials).toBe(5000)
    await page.getByTestId('tab-scenarios').click()
    const name = `Board ${Date.now()}`
    await page.fill('#scenario-name', name)
    await page.getByTestId('scenario-save').click()
    const item = page.locator('[data-testid="scenario-list"] li', { hasText: name })
    await item.waitFor({ timeout: 30_000 })
    const fmt = createFormat('en', r.currency)
    expect(await item.getByTestId('scenario-figures').textContent()).toBe(`median net TVPI ${fmt.multiple(r.summary.netTvpi.p50)} · median net IRR ${fmt.percent(r.summary.netIrr.p50)} · P(loss) ${fmt.percent(r.summary.probLoss.value, 0)} · 5,000 trials`)
    // another fund, then the saved one again
    await page.getByTestId('tab-build').click()
    await loadTemplate(page, 'uk-ecf-fund')
    await page.getByTestId('tab-scenarios').click()
    await item.getByRole('button', { name: 'Open' }).click()
    await expect.poll(() => page.inputValue('#f-name')).toBe(name)
    expect(await page.inputValue('#template-select')).toBe('yozma-fund')
    expect(await page.getByTestId('full-run-status').getAttribute('data-status')).toBe('idle')
    expect(await page.locator('#results').textContent()).not.toContain('Done: 5,000 trials')
    // and it can be compared with the fund on screen
    await page.getByTestId('tab-compare').click()
    await page.getByTestId('compare-add-current').click()
    await page.locator('#compare-saved').waitFor()
    await page.selectOption('#compare-saved', { label: name })
    await page.getByTestId('compare-add-saved').click()
    await expect.poll(() => page.locator('.compare-items li input').evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).value))).toContain(name)
    await page.close()
  }, 240_000)
})

describe('board: phones', () => {
  it('at 390 px: every tab on screen, Build / Results one tap apart, and wide tables say they scroll', async () => {
    const page = await openApp(web.context, web.served.url, { viewport: { width: 390, height: 844 } })
    await waitForPreview(page)
    for (const tab of ['build', 'compare', 'scenarios', 'learn']) {
      const box = (await page.getByTestId(`tab-${tab}`).boundingBox())!
      expect(box.x, tab).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width, tab).toBeLessThanOrEqual(390)
    }
    const switcher = page.getByTestId('phone-switch')
    expect((await switcher.boundingBox())!.y).toBeLessThan(844)
    expect(await page.locator('#results').isVisible()).toBe(false)
    await page.getByTestId('phone-results').click()
    const results = page.locator('#results')
    await results.waitFor({ state: 'visible' })
    const top = (await results.boundingBox())!.y
    expect(top).toBeLessThan(844)
    expect(await page.locator('#builder-heading').isVisible()).toBe(false)
    await waitForDrawn(page)
    expect(await page.getByTestId('chart-tvpi').locator('canvas').count()).toBe(1)
    await page.getByTestId('phone-build').click()
    await page.locator('#builder-heading').waitFor({ state: 'visible' })
    // compare: the side-by-side table is wider than the phone and says so
    await page.getByTestId('tab-compare').click()
    await page.getByTestId('compare-add-current').click()
    await page.selectOption('#compare-template', 'city-ai-fund')
    await page.getByTestId('compare-add-template').click()
    await page.fill('#compare-trials', '1000')
    await page.getByTestId('compare-run').click()
    await page.getByTestId('compare-results').waitFor({ timeout: 120_000 })
    const box = page.locator('.table-scroll', { has: page.getByTestId('compare-table') })
    await expect.poll(() => box.getAttribute('data-overflows')).toBe('true')
    expect(await box.evaluate((el) => getComputedStyle(el, '::before').content)).toContain('Scroll sideways')
    await page.close()
  }, 240_000)
})

describe('board: scenario editor', () => {
  it('builds and stacks shocks on a timeline, previews them on the market path, moves the results, and keeps them in the saved fund', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForCurrentPreview(page)
    const market = page.locator('details.section', { has: page.getByTestId('scenario-editor') })
    if ((await market.getAttribute('open')) === null) await market.locator('> summary').click()
    const before = await page.getByTestId('chart-tvpi').locator('.reading').textContent()
    const flat = await page.getByTestId('path-shocked').getAttribute('d')
    await page.getByTestId('shock-add').click()
    await page.fill('#f-market-shocks-0-id', 'ai-winter')
    await page.fill('#f-market-shocks-0-fromYear', '1')
    await page.fill('#f-market-shocks-0-years', '3')
    await page.fill('#f-market-shocks-0-effects-exitValue', '0.5')
    await page.getByTestId('shock-0-sector-ai').check()
    await page.selectOption('#shock-0-add-effect', 'failure')
    await page.getByTestId('shock-0-add-effect').click()
    await page.fill('#f-market-shocks-0-effects-failure', '1.5')
    // a second shock stacks on the first
    await page.getByTestId('shock-add').click()
    await waitForCurrentPreview(page)
    const timeline = page.getByTestId('shock-timeline')
    expect(await timeline.locator('[data-shock]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-shock')))).toEqual(['ai-winter', 'shock2'])
    expect(await page.getByTestId('path-shocked').getAttribute('d')).not.toBe(flat)
    expect(await page.getByTestId('chart-tvpi').locator('.reading').textContent()).not.toBe(before)
    expect(await page.getByTestId('results-scenario').textContent()).toBe('Scenario: ai-winter + shock2 (2 shocks)')
    expect(await page.getByTestId('issue-summary').count()).toBe(0)
    // saved with the fund: a share link (the saved scenario's config is the same object) carries it
    await page.getByTestId('share-link').click()
    const link = await page.getByTestId('share-url').inputValue()
    const fresh = await openApp(web.context, link)
    await waitForCurrentPreview(fresh)
    expect(await fresh.inputValue('#f-market-shocks-0-id')).toBe('ai-winter')
    expect(await fresh.inputValue('#f-market-shocks-0-effects-exitValue')).toBe('0.5')
    expect(await fresh.inputValue('#f-market-shocks-0-effects-failure')).toBe('1.5')
    expect(await fresh.isChecked('[data-testid="shock-0-sector-ai"]')).toBe(true)
    expect(await fresh.getByTestId('results-scenario').textContent()).toBe('Scenario: ai-winter + shock2 (2 shocks)')
    await fresh.close()
    await page.close()
  }, 180_000)
})

describe('board: sector weights and companies', () => {
  it('types a sector weight, locks one that then stays put, and sets the number of companies directly', async () => {
    const page = await openApp(web.context, web.served.url)
    await waitForCurrentPreview(page)
    const weight = async (k: string) => Number(await page.inputValue(`#f-strategy-sectorWeights-${k}-typed`))
    const keys = await page.locator('[id^="f-strategy-sectorWeights-"][id$="-typed"]').evaluateAll((els) => els.map((e) => e.id.replace('f-strategy-sectorWeights-', '').replace('-typed', '')))
    expect(keys.length).toBeGreaterThan(2)
    const [a, b, c] = keys as [string, string, string]
    // lock b at what it is, then type a: b does not move, the rest still add up to 100%
    await page.fill(`#f-strategy-sectorWeights-${a}-typed`, '20')
    await page.check(`#f-strategy-sectorWeights-${b}-lock`)
    const bLocked = await weight(b)
    await page.fill(`#f-strategy-sectorWeights-${a}-typed`, '35.5')
    await page.locator(`#f-strategy-sectorWeights-${c}-typed`).focus()
    await expect.poll(() => weight(a)).toBe(35.5)
    expect(await weight(b)).toBe(bLocked)
    let total = 0
    for (const k of keys) total += await weight(k)
    expect(Math.abs(total - 100)).toBeLessThan(0.05)
    expect(await page.locator(`#f-strategy-sectorWeights-${b}`).isDisabled()).toBe(true)
    await waitForCurrentPreview(page)
    // the number of companies, typed: the cheques follow and the plan lands near it
    const planned = async () => Number(((await page.getByTestId('construction').locator('dd strong').first().textContent()) ?? '').replace(/[^0-9.]/g, ''))
    const before = await planned()
    const want = Math.max(5, Math.round(before / 2))
    await page.fill('#companies-target', String(want))
    await page.getByTestId('companies-apply').click()
    await waitForCurrentPreview(page)
    await expect.poll(planned).not.toBe(before)
    const after = await planned()
    expect(Math.abs(after - want) / want).toBeLessThan(0.2)
    await page.close()
  }, 180_000)
})
