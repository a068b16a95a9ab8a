import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, listen, removeDir, type TestApp } from './helper.ts'
import { httpRequest, rawRequest, type RawResponse } from './raw-http.ts'

/** Requests a client could send that light-my-request (app.inject) would rewrite: these go over a real socket. */
function expectAppShape(res: RawResponse, status: number, code: string): void {
  expect(res.status, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  expect(res.headers['x-content-type-options']).toBe('nosniff')
  expect(res.headers['x-frame-options']).toBe('DENY')
  expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/)
  expect(JSON.parse(res.body)).toMatchObject({ statusCode: status, code, error: expect.any(String), message: expect.any(String) })
}

/** A listening test server; `port()` is its port once beforeAll has run. */
function serverFor(env: Record<string, string>) {
  let t: TestApp
  let port = 0
  beforeAll(async () => {
    t = await createTestApp(env)
    port = Number(new URL(await listen(t.app)).port)
  })
  afterAll(async () => {
    await t.close()
    removeDir(t.dir)
  })
  return { port: () => port, app: () => t.app }
}

describe('raw requests on a listening server', () => {
  const server = serverFor({ PCSIM_RATE_LIMIT: '100000', PCSIM_RATE_LIMIT_JOBS: '100000', PCSIM_MAX_TRIALS: '1000' })
  const host = () => ({ host: `127.0.0.1:${server.port()}` })

  const CASES: Array<{ name: string; request: () => Buffer; status: number; code: string }> = [
    { name: 'bad percent-encoding', request: () => httpRequest('GET /api/runs/%ZZ HTTP/1.1', host()), status: 400, code: 'PCSIM_ERR_BAD_URL' },
    { name: 'a 101-character id', request: () => httpRequest(`GET /api/runs/${'a'.repeat(101)} HTTP/1.1`, host()), status: 400, code: 'PCSIM_ERR_INVALID_REQUEST' },
    { name: 'an id over the router limit', request: () => httpRequest(`DELETE /api/runs/${'a'.repeat(700)} HTTP/1.1`, host()), status: 404, code: 'PCSIM_ERR_NOT_FOUND' },
    { name: 'an empty path segment', request: () => httpRequest('GET /api//runs HTTP/1.1', host()), status: 400, code: 'PCSIM_ERR_BAD_URL' },
    { name: 'a dot segment under /api', request: () => httpRequest('GET /api/../api/runs HTTP/1.1', host()), status: 404, code: 'PCSIM_ERR_NOT_FOUND' },
    { name: 'an encoded dot segment under /api', request: () => httpRequest('GET /api/%2e%2e/package.json HTTP/1.1', host()), status: 404, code: 'PCSIM_ERR_NOT_FOUND' },
    { name: 'the asterisk form', request: () => httpRequest('OPTIONS * HTTP/1.1', host()), status: 400, code: 'PCSIM_ERR_BAD_URL' },
    { name: 'no Host (HTTP/1.0)', request: () => httpRequest('GET /api/presets HTTP/1.0', {}), status: 421, code: 'PCSIM_ERR_HOST_NOT_ALLOWED' },
    { name: 'a rebinding Host', request: () => httpRequest('GET /api/runs HTTP/1.1', { host: `evil.example:${server.port()}` }), status: 421, code: 'PCSIM_ERR_HOST_NOT_ALLOWED' },
    {
      name: 'invalid UTF-8 in a body',
      request: () => httpRequest('POST /api/scenarios HTTP/1.1', { ...host(), 'content-type': 'application/json' }, Buffer.from([...Buffer.from('{"name":"'), 0xfe, ...Buffer.from('","config":{}}')])),
      status: 400,
      code: 'PCSIM_ERR_BAD_ENCODING',
    },
    {
      name: 'a UTF-16 charset',
      request: () => httpRequest('POST /api/scenarios HTTP/1.1', { ...host(), 'content-type': 'application/json; charset=utf-16le' }, Buffer.from('{"name":"x","config":{}}', 'utf16le')),
      status: 415,
      code: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE',
    },
    { name: 'a header line without a colon', request: () => Buffer.from(`GET /api/presets HTTP/1.1\r\nhost: 127.0.0.1\r\nno colon here\r\n\r\n`), status: 400, code: 'PCSIM_ERR_INVALID_REQUEST' },
    { name: 'headers over 16 KiB', request: () => httpRequest('GET /api/presets HTTP/1.1', { ...host(), 'x-pad': 'p'.repeat(20_000) }), status: 431, code: 'PCSIM_ERR_HEADERS_TOO_LARGE' },
    { name: 'a bodiless cross-site POST', request: () => httpRequest('POST /api/runs HTTP/1.1', { ...host(), 'content-length': '0' }), status: 415, code: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE' },
  ]

  it.each(CASES)('$name → $status $code', async (c) => {
    expectAppShape(await rawRequest(server.port(), c.request()), c.status, c.code)
  })
})

describe('absolute-form targets', () => {
  const server = serverFor({ PCSIM_RATE_LIMIT: '6', PCSIM_RATE_LIMIT_JOBS: '2', PCSIM_MAX_TRIALS: '1000' })

  it('refuses absolute-form targets and still counts them against both rate limits', async () => {
    const port = server.port()
    const host = { host: `127.0.0.1:${port}` }
    const post = () => rawRequest(port, httpRequest(`POST http://127.0.0.1:${port}/api/runs HTTP/1.1`, { ...host, 'content-type': 'application/json' }, '{"trials":100}'))
    const first = await post()
    expectAppShape(first, 400, 'PCSIM_ERR_BAD_URL')
    expect(JSON.parse(first.body).message).toMatch(/origin-form/)
    expectAppShape(await post(), 400, 'PCSIM_ERR_BAD_URL')
    const third = await post()
    expectAppShape(third, 429, 'PCSIM_ERR_RATE_LIMITED')
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0)
    // the general limit (6 a minute, its own counter) counts absolute-form reads as well
    const get = () => rawRequest(port, httpRequest(`GET http://localhost:${port}/api/presets HTTP/1.1`, host))
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) statuses.push((await get()).status)
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 429])
    // nothing was queued
    expect(server.app().services.runs.list('run', 10)).toEqual([])
  })
})
