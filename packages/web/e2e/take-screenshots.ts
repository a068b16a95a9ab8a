/**
 * Writes the README's screenshots into packages/web/screenshots (tracked files, on purpose):
 *
 *   npx -y pnpm@12.4.2 screenshots
 *
 * Builds the app, serves it (with the API when packages/api exists) and drives Debian's chromium.
 * The test suite takes the same pictures into a temp folder, so `vitest run` leaves the tree clean.
 */
import { join } from 'node:path'
import { launchBrowser } from './browser.ts'
import { shootBoardViews, shootMainViews, shootPolicyViews, shootReforecastViews, shootToolViews } from './screenshots.ts'
import { buildWeb, serveApp, WEB_DIR } from './server.ts'

const outDir = join(WEB_DIR, 'screenshots')
buildWeb()
const served = await serveApp()
const browser = await launchBrowser()
try {
  const options = { context: browser.context, url: served.url, outDir, offline: !served.api }
  const files = [...(await shootMainViews(options)), ...(await shootPolicyViews(options)).files, ...(await shootBoardViews(options)).files, ...(await shootToolViews(options)), ...(await shootReforecastViews(options)).files]
  console.log(`${files.length} screenshots in ${outDir}`)
} finally {
  await browser.close()
  await served.stop()
}
