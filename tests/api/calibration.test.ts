import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CALIBRATION_BENCHMARKS, ENGINE_VERSION } from '@pcsim/engine'
import { buildApp, type App } from '../../packages/api/src/app.ts'
import { calibrationTrials } from '../../packages/api/src/calibration/calibration-service.ts'
import { ConfigError, loadConfig } from '../../packages/api/src/config.ts'
import { listen, removeDir } from './helper.ts'

/** GET /api/calibration on a real server: 202 with progress while computing, then the report, kept across a restart. */
const dir = mkdtempSync(join(tmpdir(), 'pcsim-api-calibration-'))
const dbPath = join(dir, 'pcsim.sqlite')

async function start(): Promise<{ app: App; base: string }> {
  const config = loadConfig({ PCSIM_DB: dbPath, PCSIM_WORKERS: '1', PCSIM_WEB_DIST: join(dir, 'no-web-build'), PCSIM_SHUTDOWN_GRACE_MS: '0' })
  const app = await buildApp({ config, calibrationTrials: 200 })
  await app.ready()
  return { app, base: await listen(app) }
}

async function untilDone(base: string, timeoutMs = 90_000): Promise<Response> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const res = await fetch(`${base}/api/calibration`)
    if (res.status !== 202) return res
    if (Date.now() > until) throw new Error(`calibration still computing after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

let current: App | undefined
afterAll(async () => {
  await current?.close()
  removeDir(dir)
})

describe('GET /api/calibration', () => {
  let first: Record<string, any>

  it('answers 202 with progress, then the report as `pcsim calibrate --format json`', async () => {
    const { app, base } = await start()
    current = app
    const res = await fetch(`${base}/api/calibration`)
    expect(res.status).toBe(202)
    expect(res.headers.get('retry-after')).toBe('2')
    const progress = await res.json()
    expect(progress).toMatchObject({ status: 'computing', engineVersion: ENGINE_VERSION, trials: 200, total: CALIBRATION_BENCHMARKS.length })
    expect(progress.done).toBeGreaterThanOrEqual(0)

    const done = await untilDone(base)
    expect(done.status).toBe(200)
    first = await done.json()
    expect(first.engineVersion).toBe(ENGINE_VERSION)
    expect(first.trials).toBe(200)
    expect(first.benchmarks.map((b: { id: string }) => b.id)).toEqual(CALIBRATION_BENCHMARKS.map((b) => b.id))
    for (const b of first.benchmarks) {
      for (const k of ['published', 'simulated', 'se', 'low', 'high']) expect(Number.isFinite(b[k]), `${b.id}.${k}`).toBe(true)
      expect(typeof b.pass).toBe('boolean')
      if (!b.pass) expect(b.note).toMatch(/\S/)
    }
    expect(first.passed).toBe(first.benchmarks.filter((b: { pass: boolean }) => b.pass).length)
  }, 120_000)

  it('serves the same report again without recomputing, and after a restart from the database', async () => {
    const again = await fetch(`${new URL(current!.listeningOrigin).origin}/api/calibration`)
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual(first)
    await current!.close()
    const { app, base } = await start()
    current = app
    const res = await fetch(`${base}/api/calibration`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual(first)
  })

  it('is in the OpenAPI document', async () => {
    const doc = (await current!.inject({ url: '/api/openapi.json' })).json()
    expect(doc.paths['/api/calibration'].get.responses).toHaveProperty('200')
    expect(doc.paths['/api/calibration'].get.responses).toHaveProperty('202')
  })
})

describe('PCSIM_CALIBRATION_TRIALS', () => {
  it('defaults to 10,000 and names the variable when out of range', () => {
    expect(calibrationTrials({})).toBe(10_000)
    expect(calibrationTrials({ PCSIM_CALIBRATION_TRIALS: '500' })).toBe(500)
    for (const bad of ['5', '1e4', 'many', '300000']) {
      expect(() => calibrationTrials({ PCSIM_CALIBRATION_TRIALS: bad })).toThrow(ConfigError)
      expect(() => calibrationTrials({ PCSIM_CALIBRATION_TRIALS: bad })).toThrow('PCSIM_CALIBRATION_TRIALS: must be a whole number from 200 to 200000')
    }
  })
})
