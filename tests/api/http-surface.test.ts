import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configJsonSchema, ENGINE_VERSION, listPresets, parseConfig } from '@pcsim/engine'
import { createTestApp, removeDir, type TestApp } from './helper.ts'

describe('catalogues, schema, docs and health', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(async () => {
    await t.close()
    removeDir(t.dir)
  })

  it('answers health and readiness', async () => {
    expect((await t.app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok', engineVersion: ENGINE_VERSION, limits: { maxTrials: 1_000_000, maxQueued: 16, bodyLimit: 1_048_576, workers: 2 } })
    await expect.poll(async () => (await t.app.inject({ url: '/api/ready' })).statusCode, { timeout: 30_000 }).toBe(200)
    expect((await t.app.inject({ url: '/api/ready' })).json()).toEqual({ status: 'ready' })
  })

  it('serves the engine presets and full template configs', async () => {
    expect((await t.app.inject({ url: '/api/presets' })).json()).toEqual(listPresets())
    const fund = await t.app.inject({ url: '/api/presets/funds/patient-capital-15y' })
    const parsed = parseConfig({ template: 'patient-capital-15y' })
    expect(fund.json()).toEqual(parsed.ok && parsed.config)
    const scenario = (await t.app.inject({ url: '/api/presets/scenarios/ipo-shut-3y' })).json()
    expect(scenario.shocks[0].id).toBe('ipo-shut-3y')
  })

  it('serves the config JSON Schema and an OpenAPI document that uses it for request bodies', async () => {
    expect((await t.app.inject({ url: '/api/schema' })).json()).toEqual(configJsonSchema())
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json()
    expect(doc.openapi).toBe('3.1.0')
    const { $id: _id, ...config } = configJsonSchema()
    expect(doc.components.schemas.SimulationConfig).toEqual(config)
    const runBody = doc.paths['/api/runs'].post.requestBody.content['application/json'].schema
    expect(runBody.properties.config.$ref).toBe('#/components/schemas/SimulationConfig')
    expect(JSON.stringify(doc)).not.toContain('PCSIM_CONFIG')
    for (const path of ['/api/runs/{id}/events', '/api/comparisons', '/api/scenarios/{id}', '/api/presets/funds/{id}']) expect(doc.paths[path]).toBeDefined()
    const ui = await t.app.inject({ url: '/api/docs/' })
    expect(ui.statusCode).toBe(200)
    expect(ui.headers['content-type']).toMatch(/text\/html/)
  })

  it('has no web build here: / is a JSON 404', async () => {
    const res = await t.app.inject({ url: '/' })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('PCSIM_ERR_NOT_FOUND')
  })
})

describe('web app', () => {
  it('serves packages/web/dist at / with SPA fallback to index.html, but never for /api', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcsim-web-'))
    const dist = join(dir, 'dist')
    mkdirSync(join(dist, 'assets'), { recursive: true })
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>pcsim</title><div id="root"></div>')
    writeFileSync(join(dist, 'assets', 'app-123.js'), 'console.log(1)')
    const t = await createTestApp({ PCSIM_WEB_DIST: dist })
    try {
      const home = await t.app.inject({ url: '/' })
      expect(home.statusCode).toBe(200)
      expect(home.body).toContain('<title>pcsim</title>')
      const deep = await t.app.inject({ url: '/compare/abc?x=1' })
      expect(deep.statusCode).toBe(200)
      expect(deep.headers['content-type']).toMatch(/text\/html/)
      expect(deep.headers['content-security-policy']).toMatch(/script-src 'self'/)
      const asset = await t.app.inject({ url: '/assets/app-123.js' })
      expect(asset.statusCode).toBe(200)
      expect(asset.headers['cache-control']).toMatch(/immutable/)
      // a file added after start (a rebuild) is served; a missing asset is a 404, not index.html
      writeFileSync(join(dist, 'assets', 'app-456.js'), 'console.log(2)')
      expect((await t.app.inject({ url: '/assets/app-456.js' })).body).toBe('console.log(2)')
      expect((await t.app.inject({ url: '/assets/gone-789.js' })).statusCode).toBe(404)
      const api = await t.app.inject({ url: '/api/unknown' })
      expect(api.statusCode).toBe(404)
      expect(api.json().code).toBe('PCSIM_ERR_NOT_FOUND')
      expect((await t.app.inject({ method: 'POST', url: '/somewhere', payload: {} })).statusCode).toBe(404)
    } finally {
      await t.close()
      removeDir(dir)
    }
  })
})
