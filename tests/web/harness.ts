import { afterAll, beforeAll } from 'vitest'
import { launchBrowser, type BrowserContext } from '../../packages/web/e2e/browser.ts'
import { buildWeb, serveApp, type Served } from '../../packages/web/e2e/server.ts'

/**
 * One test file's web app: built, served (by the real API when packages/api exists, else vite
 * preview) and opened in one headless Chromium, all closed after the file. `before` runs ahead of
 * the build, `after` once everything is closed.
 */
export function webHarness(hooks: { before?: () => void; after?: () => void } = {}): { readonly served: Served; readonly context: BrowserContext } {
  let served: Served | undefined
  let browser: { context: BrowserContext; close: () => Promise<void> } | undefined
  beforeAll(async () => {
    hooks.before?.()
    buildWeb()
    served = await serveApp()
    if (!served.api) console.log(`web e2e: serving with vite preview (${served.reason})`)
    browser = await launchBrowser()
  }, 240_000)
  afterAll(async () => {
    await browser?.close()
    await served?.stop()
    hooks.after?.()
  }, 60_000)
  return {
    get served(): Served {
      return served!
    },
    get context(): BrowserContext {
      return browser!.context
    },
  }
}
