import { hostname, networkInterfaces } from 'node:os'
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../packages/api/src/app.ts'
import { ConfigError, loadConfig } from '../../packages/api/src/config.ts'
import { createTestApp, postRun, removeDir, type TestApp } from './helper.ts'

const TOKEN = 'test-token-0123456789abcdef'
let current: TestApp | undefined
afterEach(async () => {
  if (current) {
    await current.close()
    removeDir(current.dir)
    current = undefined
  }
})
const app = async (env: Record<string, string> = {}) => (current = await createTestApp(env)).app

describe('limits', () => {
  it('rate-limits each client per minute with 429 and Retry-After; POST /runs has its own stricter limit', async () => {
    const a = await app({ PCSIM_RATE_LIMIT: '5', PCSIM_RATE_LIMIT_JOBS: '2', PCSIM_MAX_TRIALS: '1000' })
    for (let i = 0; i < 5; i++) expect((await a.inject({ url: '/api/presets' })).statusCode).toBe(200)
    const limited = await a.inject({ url: '/api/presets' })
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'PCSIM_ERR_RATE_LIMITED', limit: 5 })
    // health probes are never limited
    expect((await a.inject({ url: '/api/health' })).statusCode).toBe(200)
    // another client (IP) has its own budget
    expect((await a.inject({ url: '/api/presets', remoteAddress: '127.0.0.9' })).statusCode).toBe(200)
    const ip = { remoteAddress: '127.0.0.7' }
    const post = () => a.inject({ method: 'POST', url: '/api/runs', payload: { trials: 1000 }, ...ip })
    expect((await post()).statusCode).toBe(202)
    expect((await post()).statusCode).toBe(202)
    const third = await post()
    expect(third.statusCode).toBe(429)
    expect(third.headers['retry-after']).toBeDefined()
  })

  it('refuses a body over PCSIM_BODY_LIMIT with 413 before reading it all', async () => {
    const a = await app({ PCSIM_BODY_LIMIT: '2048' })
    const res = await a.inject({ method: 'POST', url: '/api/scenarios', payload: JSON.stringify({ name: 'n', config: { name: 'y'.repeat(4000) } }), headers: { 'content-type': 'application/json' } })
    expect(res.statusCode).toBe(413)
    expect(res.json().code).toBe('PCSIM_ERR_BODY_TOO_LARGE')
  })

  it('refuses trials over PCSIM_MAX_TRIALS naming the field where they were sent', async () => {
    const a = await app({ PCSIM_MAX_TRIALS: '5000' })
    const res = await postRun(a, { trials: 5001 })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'PCSIM_ERR_TRIALS_LIMIT', issues: [{ path: '/trials', code: 'too_big', params: { limit: 5000 } }] })
    const inConfig = await postRun(a, { config: { run: { trials: 5001 } } })
    expect(inConfig.json()).toMatchObject({ code: 'PCSIM_ERR_TRIALS_LIMIT', issues: [{ path: '/config/run/trials' }] })
    const inItem = await a.inject({ method: 'POST', url: '/api/comparisons', payload: { items: [{ config: { run: { trials: 6000 } } }, {}] } })
    expect(inItem.json()).toMatchObject({ code: 'PCSIM_ERR_TRIALS_LIMIT', issues: [{ path: '/items/0/config/run/trials' }] })
  })

  it('answers 503 with Retry-After when the queue is full', async () => {
    const a = await app({ PCSIM_MAX_QUEUED: '1', PCSIM_MAX_TRIALS: '1000000' })
    const first = await postRun(a, { trials: 200_000 })
    expect(first.statusCode).toBe(202)
    const second = await postRun(a, { trials: 100 })
    expect(second.statusCode).toBe(503)
    expect(second.headers['retry-after']).toBe('5')
    expect(second.json()).toMatchObject({ statusCode: 503, code: 'PCSIM_ERR_QUEUE_FULL' })
    // refused before the body is read: a body that is not even JSON (or a comparison) gets the 503 too
    const unread = await a.inject({ method: 'POST', url: '/api/runs', headers: { 'content-type': 'application/json' }, payload: '{"trials": 10,' })
    expect(unread.statusCode).toBe(503)
    const comparison = await a.inject({ method: 'POST', url: '/api/comparisons', headers: { 'content-type': 'application/json' }, payload: 'not json' })
    expect(comparison.json()).toMatchObject({ statusCode: 503, code: 'PCSIM_ERR_QUEUE_FULL' })
    expect((await a.inject({ method: 'DELETE', url: `/api/runs/${first.json().id}` })).statusCode).toBe(202)
  })

  it('validates the environment at start, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError)
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: must be between 0 and 65535/)
    expect(() => loadConfig({ PCSIM_MAX_TRIALS: '0' })).toThrow(/PCSIM_MAX_TRIALS/)
    expect(() => loadConfig({ PCSIM_MAX_TRIALS: '99999999999' })).toThrow(/PCSIM_MAX_TRIALS/)
    expect(() => loadConfig({ PCSIM_WORKERS: '-1' })).toThrow(/PCSIM_WORKERS/)
    expect(() => loadConfig({ PCSIM_API_TOKEN: 'short' })).toThrow(/PCSIM_API_TOKEN/)
    expect(() => loadConfig({ PCSIM_LOG_LEVEL: 'loud' })).toThrow(/PCSIM_LOG_LEVEL/)
    expect(() => loadConfig({ PCSIM_ALLOWED_HOSTS: 'pcsim.example:3000' })).toThrow(/PCSIM_ALLOWED_HOSTS: .*"pcsim.example:3000"/)
    expect(() => loadConfig({ PCSIM_ALLOWED_HOSTS: 'ok.example, bad_name' })).toThrow(/PCSIM_ALLOWED_HOSTS/)
    const defaults = loadConfig({})
    expect(defaults).toMatchObject({ host: '127.0.0.1', port: 3000, dbPath: './data/pcsim.sqlite', chunkSize: 5000, bodyLimit: 1048576, maxTrials: 1_000_000, maxQueued: 16, rateLimit: 300, rateLimitJobs: 30 })
  })
})

describe('security', () => {
  it('needs the bearer token for writes when PCSIM_API_TOKEN is set, and never logs it', async () => {
    const dir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/pcsim-api-`)
    const lines: string[] = []
    const stream = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) })
    const config = loadConfig({ PCSIM_DB: `${dir}/db.sqlite`, PCSIM_WORKERS: '1', PCSIM_API_TOKEN: TOKEN, PCSIM_WEB_DIST: `${dir}/none`, PCSIM_SHUTDOWN_GRACE_MS: '0' })
    const a = await buildApp({ config, logger: { level: 'trace', stream } })
    current = { app: a, dir, dbPath: '', close: () => a.close() }
    const body = { payload: { name: 's', config: {} } }
    const none = await a.inject({ method: 'POST', url: '/api/scenarios', ...body })
    expect(none.statusCode).toBe(401)
    expect(none.json().code).toBe('PCSIM_ERR_UNAUTHORIZED')
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/)
    const wrong = await a.inject({ method: 'POST', url: '/api/scenarios', headers: { authorization: `Bearer ${TOKEN}x` }, ...body })
    expect(wrong.statusCode).toBe(401)
    const ok = await a.inject({ method: 'POST', url: '/api/scenarios', headers: { authorization: `Bearer ${TOKEN}` }, ...body })
    expect(ok.statusCode).toBe(201)
    expect((await a.inject({ method: 'DELETE', url: `/api/scenarios/${ok.json().id}` })).statusCode).toBe(401)
    expect((await a.inject({ method: 'POST', url: '/api/runs', payload: {} })).statusCode).toBe(401)
    // reads stay open
    expect((await a.inject({ url: `/api/scenarios/${ok.json().id}` })).statusCode).toBe(200)
    const log = lines.join('')
    expect(log).toContain('incoming request')
    expect(log).not.toContain(TOKEN)
  })

  it('answers only for allowed Host names: the bound address and localhost by default, more from PCSIM_ALLOWED_HOSTS', async () => {
    const a = await app()
    for (const host of ['localhost', 'localhost:5173', '127.0.0.1:3000', '[::1]:3000', 'app.localhost', 'LOCALHOST.'])
      expect((await a.inject({ url: '/api/presets', headers: { host } })).statusCode, host).toBe(200)
    for (const host of ['pcsim.example', '127.0.0.2', '10.0.0.1:3000', 'localhost.evil.example'])
      expect((await a.inject({ url: '/api/presets', headers: { host } })).json().code, host).toBe('PCSIM_ERR_HOST_NOT_ALLOWED')
    await current!.close()
    removeDir(current!.dir)
    current = undefined
    const b = await app({ PCSIM_ALLOWED_HOSTS: 'pcsim.example, 10.0.0.1' })
    for (const host of ['pcsim.example', 'PCSIM.example:8080', '10.0.0.1:3000', 'localhost']) expect((await b.inject({ url: '/api/presets', headers: { host } })).statusCode, host).toBe(200)
    expect((await b.inject({ method: 'POST', url: '/api/runs', headers: { host: 'other.example' }, payload: {} })).statusCode).toBe(421)
    expect(loadConfig({ PCSIM_ALLOWED_HOSTS: '*' }).allowedHosts).toEqual({ any: true })
    expect(loadConfig({ HOST: '192.168.1.20' }).allowedHosts).toMatchObject({ names: new Set(['localhost', '127.0.0.1', '::1', '192.168.1.20']) })
    // on every interface: each interface's address and the machine's name answer too
    const everywhere = loadConfig({ HOST: '0.0.0.0' }).allowedHosts as { names: ReadonlySet<string> }
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) expect(everywhere.names.has(i.address.split('%')[0]!.toLowerCase())).toBe(true)
    expect(everywhere.names.has(hostname().toLowerCase())).toBe(true)
    expect(everywhere.names.has('0.0.0.0')).toBe(false)
  })

  it('answers in the app\'s shape while starting and while shutting down', async () => {
    const a = await app()
    const { state } = current!.app.services
    const ready = state.poolReady
    state.poolReady = false
    const starting = await a.inject({ url: '/api/ready' })
    expect(starting.statusCode).toBe(503)
    expect(starting.json()).toMatchObject({ statusCode: 503, code: 'PCSIM_ERR_NOT_READY', error: 'Service Unavailable', message: expect.any(String), status: 'starting' })
    state.poolReady = ready
    state.shuttingDown = true
    for (const url of ['/api/ready', '/api/runs', '/api/presets']) {
      const res = await a.inject({ url })
      expect(res.statusCode, url).toBe(503)
      expect(res.json()).toMatchObject({ statusCode: 503, code: 'PCSIM_ERR_SHUTTING_DOWN', error: 'Service Unavailable', message: expect.any(String), status: 'shutting_down' })
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['retry-after']).toBe('5')
      expect(res.headers.connection).toBe('close')
    }
  })

  it('sets security headers on every response and has CORS off by default', async () => {
    const a = await app()
    for (const url of ['/api/health', '/api/runs/nope', '/api/docs']) {
      const res = await a.inject({ url, headers: { origin: 'https://evil.example' } })
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['x-frame-options']).toBe('DENY')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/)
      expect(res.headers['access-control-allow-origin']).toBeUndefined()
    }
  })

  it('enables CORS for the origins in PCSIM_CORS_ORIGIN', async () => {
    const a = await app({ PCSIM_CORS_ORIGIN: 'http://localhost:5173' })
    const ok = await a.inject({ url: '/api/health', headers: { origin: 'http://localhost:5173' } })
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:5173')
    const other = await a.inject({ url: '/api/health', headers: { origin: 'https://evil.example' } })
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
    const preflight = await a.inject({ method: 'OPTIONS', url: '/api/runs', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } })
    expect(preflight.statusCode).toBe(204)
  })
})
