import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const WEB_DIR = dirname(dirname(fileURLToPath(import.meta.url)))
export const API_DIR = join(WEB_DIR, '..', 'api')
/** The compiled server production runs (scripts/build.mjs, run by vitest's global set-up and by `start`). */
const API_ENTRY = join(API_DIR, 'dist', 'server.js')

export interface Served {
  url: string
  /** True when the real pcsim API serves the app (same origin), false under `vite preview`. */
  api: boolean
  /** Why the API is not used, when it is not. */
  reason?: string
  stop(): Promise<void>
}

/** Builds packages/web into dist with vite (skipped when PCSIM_WEB_SKIP_BUILD=1). */
export function buildWeb(): void {
  if (process.env.PCSIM_WEB_SKIP_BUILD === '1' && existsSync(join(WEB_DIR, 'dist', 'index.html'))) return
  const r = spawnSync(join(WEB_DIR, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: WEB_DIR, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`vite build failed (${r.status}):\n${r.stdout}\n${r.stderr}`)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

async function waitFor(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${log()}`)
}

function stopper(child: ChildProcess, cleanup: () => void): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      const done = () => (cleanup(), resolve())
      if (child.exitCode !== null) return done()
      child.once('exit', done)
      child.kill('SIGTERM')
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 8000).unref()
    })
}

function capture(child: ChildProcess): () => string {
  let out = ''
  const add = (b: Buffer) => (out = (out + b.toString()).slice(-8000))
  child.stdout?.on('data', add)
  child.stderr?.on('data', add)
  return () => out
}

/** The pcsim API (packages/api) on a free port with a temporary database, serving packages/web/dist. */
async function startApi(): Promise<Served> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'pcsim-web-e2e-'))
  const child = spawn(process.execPath, [API_ENTRY], {
    cwd: API_DIR,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PCSIM_DB: join(dir, 'pcsim.sqlite'), PCSIM_WEB_DIST: join(WEB_DIR, 'dist'), PCSIM_LOG_LEVEL: 'warn', PCSIM_RATE_LIMIT: '100000', PCSIM_RATE_LIMIT_JOBS: '100000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const log = capture(child)
  const url = `http://127.0.0.1:${port}`
  const stop = stopper(child, () => rmSync(dir, { recursive: true, force: true }))
  try {
    await waitFor(`${url}/api/health`, child, log, 90_000)
  } catch (e) {
    await stop()
    throw e
  }
  return { url, api: true, stop }
}

/** `vite preview` of the built app; /api is proxied to a port where nothing listens (offline mode). */
async function startPreview(reason: string): Promise<Served> {
  const port = await freePort()
  const deadApi = await freePort()
  const child = spawn(join(WEB_DIR, 'node_modules', '.bin', 'vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: WEB_DIR,
    env: { ...process.env, PCSIM_API_URL: `http://127.0.0.1:${deadApi}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const log = capture(child)
  const url = `http://127.0.0.1:${port}`
  await waitFor(url, child, log, 30_000)
  return { url, api: false, reason, stop: stopper(child, () => undefined) }
}

/**
 * Serves the built app: with the real API when packages/api exists (a failure to start it is an
 * error), else with `vite preview` and the reason recorded. PCSIM_WEB_NO_API=1 forces the preview.
 */
export async function serveApp(): Promise<Served> {
  if (process.env.PCSIM_WEB_NO_API === '1') return startPreview('PCSIM_WEB_NO_API=1 was set')
  if (!existsSync(API_ENTRY)) return startPreview('packages/api is not built (no packages/api/dist/server.js; run `npx -y pnpm@12.4.2 build`)')
  return startApi()
}
