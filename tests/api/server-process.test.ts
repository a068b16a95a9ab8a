import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../packages/api/src/db/database.ts'
import { removeDir } from './helper.ts'

/** The compiled server, as `start` runs it (tests/global-build.ts compiles it before the tests). */
const SERVER = resolve(import.meta.dirname, '../../packages/api/dist/server.js')

/** Starts the real compiled server (plain node, so the pid is the server itself) on a random port. */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', PCSIM_WORKERS: '2', PCSIM_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  const url = new Promise<string>((ok, fail) => {
    const timer = setInterval(() => {
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) {
        clearInterval(timer)
        ok(m[1]!)
      }
    }, 50)
    void exited.then(() => {
      clearInterval(timer)
      fail(new Error(`server exited: ${err}`))
    })
  })
  // a test that expects the process to exit never awaits the URL: keep its rejection handled
  url.catch(() => undefined)
  return { child, url, exited, output: () => out + err }
}

describe('the server process', () => {
  it('exits with code 2 and names the variable when the environment is bad', async () => {
    const server = startServer({ PORT: 'eighty' })
    expect(await server.exited).toBe(2)
    expect(server.output()).toMatch(/invalid configuration: PORT/)
  })

  it('shuts down on SIGTERM: stops, marks the running job interrupted, keeps finished data, exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcsim-api-'))
    const token = 'process-token-0123456789'
    try {
      const server = startServer({ PCSIM_DB: join(dir, 'db.sqlite'), PCSIM_SHUTDOWN_GRACE_MS: '200', PCSIM_API_TOKEN: token })
      const base = await server.url
      const post = (trials: number) =>
        fetch(`${base}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ trials }) }).then((r) => r.json() as Promise<{ id: string }>)
      const small = await post(500)
      await expect.poll(async () => ((await (await fetch(`${base}/api/runs/${small.id}`)).json()) as { status: string }).status, { timeout: 30_000 }).toBe('done')
      const big = await post(500_000)
      await expect.poll(async () => ((await (await fetch(`${base}/api/runs/${big.id}`)).json()) as { status: string }).status, { timeout: 30_000 }).toBe('running')
      const events = fetch(`${base}/api/runs/${big.id}/events`).then((r) => r.text())
      await new Promise((r) => setTimeout(r, 200))
      server.child.kill('SIGTERM')
      expect(await server.exited).toBe(0)
      expect(await events).toMatch(/event: failed\ndata: \{"id":"[^"]+","status":"failed"\}/)
      const log = server.output()
      expect(log).toContain('shut down cleanly')
      expect(log).not.toContain(token)
      const db = openDatabase(join(dir, 'db.sqlite'))
      const rows = db.prepare('SELECT id, status, error_code FROM runs').all() as Array<{ id: string; status: string; error_code: string | null }>
      db.close()
      expect(rows.find((r) => r.id === small.id)).toMatchObject({ status: 'done' })
      expect(rows.find((r) => r.id === big.id)).toMatchObject({ status: 'failed', error_code: 'PCSIM_ERR_INTERRUPTED' })
    } finally {
      removeDir(dir)
    }
  })
})

describe('a crash', () => {
  it('keeps the progress count of a run interrupted by SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcsim-api-'))
    try {
      const env = { PCSIM_DB: join(dir, 'db.sqlite'), PCSIM_CHUNK_SIZE: '5000' }
      const first = startServer(env)
      const base = await first.url
      const created = (await (await fetch(`${base}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"trials":400000}' })).json()) as { id: string }
      const progress = async (url: string) => ((await (await fetch(`${url}/api/runs/${created.id}`)).json()) as { progress: { done: number } }).progress.done
      // two lanes of 5,000-trial chunks: 10,000 done means at least one chunk has ended (and was recorded)
      await expect.poll(() => progress(base), { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(10_000)
      first.child.kill('SIGKILL')
      await first.exited
      const second = startServer(env)
      try {
        const again = await second.url
        const run = (await (await fetch(`${again}/api/runs/${created.id}`)).json()) as { status: string; error: { code: string }; progress: { done: number; total: number } }
        expect(run).toMatchObject({ status: 'failed', error: { code: 'PCSIM_ERR_INTERRUPTED' }, progress: { total: 400_000 } })
        expect(run.progress.done).toBeGreaterThanOrEqual(5_000)
        expect(run.progress.done).toBeLessThan(400_000)
      } finally {
        second.child.kill('SIGTERM')
        await second.exited
      }
    } finally {
      removeDir(dir)
    }
  })
})
