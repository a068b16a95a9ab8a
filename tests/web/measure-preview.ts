/**
 * Live-preview latency of the standard fund (us-vc-10y) in Chromium: time from a slider change to
 * every on-screen chart redrawn with the new result, over N changes (default 40, at least 30).
 *
 *   node_modules/.bin/tsx tests/web/measure-preview.ts            # builds, serves, measures
 *   PCSIM_WEB_SKIP_BUILD=1 PCSIM_MEASURE_CHANGES=60 node_modules/.bin/tsx tests/web/measure-preview.ts
 *
 * Prints median, P95 and max, the median of each part (input → run start, run → first result,
 * result → charts redrawn) and the machine's cores and load average, which matter on a shared VM.
 */
import { cpus, loadavg } from 'node:os'
import { launchBrowser } from '../../packages/web/e2e/browser.ts'
import { measurePreview } from '../../packages/web/e2e/measure.ts'
import { openApp, waitForPreview } from '../../packages/web/e2e/page-helpers.ts'
import { buildWeb, serveApp } from '../../packages/web/e2e/server.ts'

const changes = Math.max(30, Number(process.env.PCSIM_MEASURE_CHANGES ?? 40))
const pauseMs = Number(process.env.PCSIM_MEASURE_PAUSE_MS ?? 500)
const round = (x: number) => Math.round(x)

buildWeb()
const served = await serveApp()
const browser = await launchBrowser({ width: 1440, height: 900 })
try {
  const page = await openApp(browser.context, served.url)
  await waitForPreview(page)
  const slider = '#f-strategy-stageWeights-seed'
  await measurePreview(page, slider, 5, pauseMs) // warm-up
  const before = loadavg()[0]!
  const f = await measurePreview(page, slider, changes, pauseMs)
  const after = loadavg()[0]!
  const trials = await page.locator('[data-preview-seq]').getAttribute('data-preview-trials')
  console.log(
    JSON.stringify(
      {
        fund: 'us-vc-10y',
        changes,
        pauseMs,
        previewTrials: { first: 500, refined: Number(trials) },
        medianMs: round(f.median),
        p95Ms: round(f.p95),
        maxMs: round(f.max),
        refinedMs: { median: round(f.refined.median), p95: round(f.refined.p95) },
        partsMedianMs: { inputToRunStart: round(f.parts.toStart), runToFirstResult: round(f.parts.compute), resultToChartsDrawn: round(f.parts.render) },
        cores: cpus().length,
        loadAverage1m: { before: before.toFixed(2), after: after.toFixed(2) },
        server: served.api ? 'packages/api' : `vite preview (${served.reason})`,
        samplesMs: f.samples.map(round),
      },
      null,
      1,
    ),
  )
  console.log(
    `live preview: first redraw median ${round(f.median)} ms, P95 ${round(f.p95)} ms; refined (${trials} trials) median ${round(f.refined.median)} ms, P95 ${round(f.refined.p95)} ms; ${changes} changes, ${cpus().length} cores, load ${before.toFixed(1)}→${after.toFixed(1)}`,
  )
} finally {
  await browser.close()
  await served.stop()
}
