import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { buildApp, type App } from '../../packages/api/src/app.ts'
import { loadConfig } from '../../packages/api/src/config.ts'

export interface TestApp {
  app: App
  dir: string
  dbPath: string
  close: () => Promise<void>
}

/** A fresh app on a temp SQLite file; 2 workers, small chunks so even small runs have several. */
export async function createTestApp(env: Record<string, string> = {}, dir = mkdtempSync(join(tmpdir(), 'pcsim-api-'))): Promise<TestApp> {
  const dbPath = join(dir, 'pcsim.sqlite')
  const config = loadConfig({
    PCSIM_DB: dbPath,
    PCSIM_WORKERS: '2',
    PCSIM_CHUNK_SIZE: '500',
    PCSIM_WEB_DIST: join(dir, 'no-web-build'),
    PCSIM_SHUTDOWN_GRACE_MS: '0',
    ...env,
  })
  const app = await buildApp({ config, progressIntervalMs: 10 })
  await app.ready()
  return { app, dir, dbPath, close: () => app.close() }
}

export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true })

/** Listens on a random loopback port and returns the base URL. */
export async function listen(app: App): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  return `http://127.0.0.1:${port}`
}


/** Polls GET until the job reaches a terminal state. */
export async function waitForJob(app: App, path: string, timeoutMs = 60_000): Promise<Record<string, any>> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const res = await app.inject({ method: 'GET', url: path })
    const body = res.json()
    if (['done', 'failed', 'cancelled'].includes(body.status)) return body
    if (Date.now() > until) throw new Error(`job ${path} still ${body.status} after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

export async function postRun(app: App, payload: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/api/runs', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) })
}

export interface SseEvent {
  event: string
  data: any
}

/** Reads a server-sent event stream until it closes (or `stopAfter` returns true). */
export async function readEvents(url: string, timeoutMs = 60_000): Promise<SseEvent[]> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'text/event-stream' } })
  if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`)
  const events: SseEvent[] = []
  const decoder = new TextDecoder()
  let buffer = ''
  for await (const bytes of res.body) {
    buffer += decoder.decode(bytes as Uint8Array, { stream: true })
    let cut: number
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, cut)
      buffer = buffer.slice(cut + 2)
      const event = /^event: (.*)$/m.exec(frame)?.[1]
      const data = /^data: (.*)$/m.exec(frame)?.[1]
      if (event && data) events.push({ event, data: JSON.parse(data) })
    }
  }
  return events
}
