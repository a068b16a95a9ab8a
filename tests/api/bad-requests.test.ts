import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, removeDir, type TestApp } from './helper.ts'

interface Case {
  name: string
  method?: 'POST' | 'PUT' | 'GET' | 'DELETE'
  url?: string
  /** Sent as-is when a string or bytes, else JSON-encoded. */
  body?: unknown
  /** Content-Type of the body (default application/json); null sends none. */
  contentType?: string | null
  headers?: Record<string, string>
  status: number
  code: string
  /** A JSON Pointer that an issue must name. */
  path?: string
}

const ID = '00000000-0000-4000-8000-000000000000'
const big = (n: number) => ({ name: 'x'.repeat(n) })

const CASES: Case[] = [
  { name: 'malformed JSON', body: '{"trials": 10,', status: 400, code: 'PCSIM_ERR_BAD_JSON', path: '' },
  { name: 'NaN literal is not JSON', body: '{"trials": NaN}', status: 400, code: 'PCSIM_ERR_BAD_JSON' },
  { name: 'trials as a string', body: { trials: 'abc' }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/trials' },
  { name: 'trials not whole', body: { trials: 10.5 }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/trials' },
  { name: 'trials zero', body: { trials: 0 }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/trials' },
  { name: 'trials negative', body: { trials: -5 }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/trials' },
  { name: 'trials huge (1e300)', body: '{"trials": 1e300}', status: 400, code: 'PCSIM_ERR_TRIALS_LIMIT', path: '/trials' },
  { name: 'trials overflow to Infinity (1e400)', body: '{"trials": 1e400}', status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/trials' },
  { name: 'trials above PCSIM_MAX_TRIALS', body: { trials: 20_001 }, status: 400, code: 'PCSIM_ERR_TRIALS_LIMIT', path: '/trials' },
  { name: 'trials above the engine limit', body: { trials: 10_000_001 }, status: 400, code: 'PCSIM_ERR_TRIALS_LIMIT', path: '/trials' },
  { name: 'config.run.trials above the limit', body: { config: { run: { trials: 50_000 } } }, status: 400, code: 'PCSIM_ERR_TRIALS_LIMIT', path: '/config/run/trials' },
  { name: 'seed boolean', body: { seed: true }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/seed' },
  { name: 'seed negative', body: { seed: -1 }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/seed' },
  { name: 'seed string too long', body: { seed: 's'.repeat(65) }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/seed' },
  { name: 'scenarios not an array', body: { scenarios: 'ai-boom' }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/scenarios' },
  { name: 'scenario id not a string', body: { scenarios: [42] }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/scenarios/0' },
  { name: 'unknown scenario', body: { scenarios: ['ai-boom', 'mars-colony'] }, status: 400, code: 'PCSIM_ERR_UNKNOWN_SCENARIO', path: '/scenarios/1' },
  { name: 'scenario listed twice', body: { scenarios: ['ai-boom', 'ai-boom'] }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/scenarios/1' },
  { name: 'unknown preset', body: { preset: 'moon-fund' }, status: 400, code: 'PCSIM_ERR_UNKNOWN_PRESET', path: '/preset' },
  { name: 'both config and preset', body: { preset: 'us-vc-10y', config: {} }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/preset' },
  { name: 'unknown envelope field', body: { trails: 10 }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/trails' },
  { name: 'config is an array', body: { config: [] }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/config' },
  { name: 'body is an array', body: [], status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '' },
  { name: 'name empty', body: { name: '' }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/name' },
  { name: 'config: negative fund size', body: { config: { fund: { size: -1 } } }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/config/fund/size' },
  { name: 'config: unknown field', body: { config: { fund: { sise: 100 } } }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/config/fund/sise' },
  { name: 'config: wrong type', body: { config: { fund: { size: 'big' } } }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/config/fund/size' },
  { name: 'config: unknown template', body: { config: { template: 'nope' } }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/config/template' },
  { name: 'config: schemaVersion from the future', body: { config: { schemaVersion: 99 } }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/config/schemaVersion' },
  { name: '__proto__ at the top', body: '{"__proto__": {"admin": true}}', status: 400, code: 'PCSIM_ERR_FORBIDDEN_KEY', path: '/__proto__' },
  { name: '__proto__ deep in the config', body: '{"config": {"fund": {"__proto__": {"x": 1}}}}', status: 400, code: 'PCSIM_ERR_FORBIDDEN_KEY', path: '/config/fund/__proto__' },
  { name: 'constructor key', body: { config: { constructor: { prototype: {} } } }, status: 400, code: 'PCSIM_ERR_FORBIDDEN_KEY', path: '/config/constructor' },
  { name: 'prototype key in an array item', body: { scenarios: [{ prototype: 1 }] }, status: 400, code: 'PCSIM_ERR_FORBIDDEN_KEY', path: '/scenarios/0/prototype' },
  { name: 'nesting too deep', body: `{"config": ${'['.repeat(100)}${']'.repeat(100)}}`, status: 400, code: 'PCSIM_ERR_TOO_DEEP' },
  { name: 'text/plain body', body: 'trials=10', contentType: 'text/plain', status: 415, code: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE' },
  { name: 'form body', body: 'trials=10', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE' },
  { name: 'body over PCSIM_BODY_LIMIT', body: big(9000), status: 413, code: 'PCSIM_ERR_BODY_TOO_LARGE' },
  // bodies taken too kindly before
  { name: 'a JSON null body', body: 'null', status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '' },
  { name: 'bad config.run.trials next to a top-level trials', body: { config: { run: { trials: 'abc' } }, trials: 100 }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/config/run/trials' },
  { name: 'bad config.run.seed next to a top-level seed', body: { config: { run: { seed: -3 } }, seed: 7 }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/config/run/seed' },
  { name: 'config.run not an object next to a top-level trials', body: { config: { run: 'fast' }, trials: 100 }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/config/run' },
  { name: 'comparison: bad run in a later item', url: '/api/comparisons', body: { items: [{}, { config: { run: { trials: 0 } } }], trials: 100 }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/items/1/config/run/trials' },
  // RFC 6901 escaping of keys in issue paths
  { name: 'pointer: "/" in an unknown config key', body: { config: { fund: { 'a/b': 1 } } }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/config/fund/a~1b' },
  { name: 'pointer: "~" in an unknown config key', body: { config: { fund: { 'c~d': 1 } } }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/config/fund/c~0d' },
  { name: 'pointer: "~1" literally in an envelope key', body: { 'x/y~1': 1 }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/x~1y~01' },
  { name: 'pointer: forbidden key under an escaped key', body: '{"config": {"a/b": {"__proto__": 1}}}', status: 400, code: 'PCSIM_ERR_FORBIDDEN_KEY', path: '/config/a~1b/__proto__' },
  // bodiless and cross-site writes: a page elsewhere can send these without a preflight
  { name: 'bodiless POST /api/runs without a content type', status: 415, code: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE' },
  { name: 'bodiless POST /api/comparisons without a content type', url: '/api/comparisons', status: 415, code: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE' },
  { name: 'bodiless PUT without a content type', method: 'PUT', url: `/api/scenarios/${ID}`, status: 415, code: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE' },
  { name: 'JSON sent as text/plain (a no-cors fetch)', body: { trials: 100 }, contentType: 'text/plain;charset=UTF-8', status: 415, code: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE' },
  { name: 'multipart form (a cross-site <form>)', body: '--x\r\n\r\n{}\r\n--x--', contentType: 'multipart/form-data; boundary=x', status: 415, code: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a JSON body without a content type', body: { trials: 100 }, contentType: null, status: 415, code: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a JSON look-alike media type', body: { trials: 100 }, contentType: 'application/jsonx', status: 415, code: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a foreign Host (DNS rebinding)', body: { trials: 100 }, headers: { host: 'attacker.example:3000' }, status: 421, code: 'PCSIM_ERR_HOST_NOT_ALLOWED' },
  { name: 'a foreign Host on a read', method: 'GET', url: '/api/runs', headers: { host: 'rebind.attacker.example' }, status: 421, code: 'PCSIM_ERR_HOST_NOT_ALLOWED' },
  { name: 'a malformed Host', method: 'GET', url: '/api/presets', headers: { host: 'a b:1:2' }, status: 421, code: 'PCSIM_ERR_HOST_NOT_ALLOWED' },
  // charsets and encodings
  { name: 'charset=utf-16', body: { trials: 100 }, contentType: 'application/json; charset=utf-16', status: 415, code: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE' },
  { name: 'charset=iso-8859-1', url: '/api/scenarios', body: { name: 'caf\u00e9', config: {} }, contentType: 'application/json;charset=ISO-8859-1', status: 415, code: 'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE' },
  { name: 'charset=UTF-8 (quoted) is accepted', url: '/api/scenarios', body: { name: 'x', config: { fund: { size: 0 } } }, contentType: 'application/json; charset="UTF-8"', status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/config/fund/size' },
  { name: 'invalid UTF-8 byte (0xff)', url: '/api/scenarios', body: Buffer.from([...Buffer.from('{"name":"a'), 0xff, ...Buffer.from('","config":{}}')]), status: 400, code: 'PCSIM_ERR_BAD_ENCODING' },
  { name: 'overlong UTF-8 ("/" as 0xc0 0xaf)', url: '/api/scenarios', body: Buffer.from([...Buffer.from('{"name":"'), 0xc0, 0xaf, ...Buffer.from('","config":{}}')]), status: 400, code: 'PCSIM_ERR_BAD_ENCODING' },
  { name: 'UTF-8-encoded lone surrogate', url: '/api/scenarios', body: Buffer.from([...Buffer.from('{"name":"'), 0xed, 0xa0, 0x80, ...Buffer.from('","config":{}}')]), status: 400, code: 'PCSIM_ERR_BAD_ENCODING' },
  { name: 'truncated UTF-8 sequence', body: Buffer.from([...Buffer.from('{"name":"'), 0xe4, 0xb8, ...Buffer.from('"}')]), status: 400, code: 'PCSIM_ERR_BAD_ENCODING' },
  { name: 'UTF-16 bytes labelled UTF-8', body: Buffer.from('{"trials":1}', 'utf16le'), status: 400, code: 'PCSIM_ERR_BAD_JSON' },
  // router errors: the same shape and headers as every other answer
  { name: 'bad percent-encoding in an id', method: 'GET', url: '/api/runs/%ZZ', status: 400, code: 'PCSIM_ERR_BAD_URL' },
  { name: 'bad percent-encoding in a cancel', method: 'DELETE', url: '/api/runs/%E0%A4%A', status: 400, code: 'PCSIM_ERR_BAD_URL' },
  { name: 'an id of 101 characters', method: 'GET', url: `/api/runs/${'x'.repeat(101)}`, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/params/id' },
  { name: 'an id over the router limit', method: 'GET', url: `/api/scenarios/${'x'.repeat(600)}`, status: 404, code: 'PCSIM_ERR_NOT_FOUND' },
  { name: 'an empty path segment (/api//runs)', method: 'GET', url: '/api//runs', status: 400, code: 'PCSIM_ERR_BAD_URL' },
  { name: 'an empty path segment in a write', url: '/api/runs//', status: 400, code: 'PCSIM_ERR_BAD_URL' },
  { name: 'a leading double slash', method: 'GET', url: '//api/runs', status: 400, code: 'PCSIM_ERR_BAD_URL' },
  { name: 'unknown run id', method: 'GET', url: `/api/runs/${ID}`, status: 404, code: 'PCSIM_ERR_RUN_NOT_FOUND' },
  { name: 'cancel an unknown run', method: 'DELETE', url: `/api/runs/${ID}`, status: 404, code: 'PCSIM_ERR_RUN_NOT_FOUND' },
  { name: 'events of an unknown run', method: 'GET', url: `/api/runs/${ID}/events`, status: 404, code: 'PCSIM_ERR_RUN_NOT_FOUND' },
  { name: 'unknown comparison id', method: 'GET', url: `/api/comparisons/${ID}`, status: 404, code: 'PCSIM_ERR_COMPARISON_NOT_FOUND' },
  { name: 'export format unknown', method: 'GET', url: `/api/runs/${ID}/export?format=xml`, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/querystring/format' },
  { name: 'list limit over 100', method: 'GET', url: '/api/runs?limit=500', status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/querystring/limit' },
  { name: 'list limit not a number', method: 'GET', url: '/api/runs?limit=abc', status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/querystring/limit' },
  { name: 'unknown preset template', method: 'GET', url: '/api/presets/funds/moon-fund', status: 404, code: 'PCSIM_ERR_PRESET_NOT_FOUND' },
  { name: 'unknown API route', method: 'GET', url: '/api/nothing-here', status: 404, code: 'PCSIM_ERR_NOT_FOUND' },
  { name: 'comparison with one item', url: '/api/comparisons', body: { items: [{}] }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/items' },
  { name: 'comparison with nine items', url: '/api/comparisons', body: { items: Array.from({ length: 9 }, () => ({})) }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/items' },
  { name: 'comparison item with a bad config', url: '/api/comparisons', body: { items: [{}, { config: { fund: { size: 0 } } }] }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/items/1/config/fund/size' },
  { name: 'comparison item with an unknown scenario', url: '/api/comparisons', body: { items: [{}, { scenarios: ['x'] }] }, status: 400, code: 'PCSIM_ERR_UNKNOWN_SCENARIO', path: '/items/1/scenarios/0' },
  { name: 'comparison items missing', url: '/api/comparisons', body: {}, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/items' },
  { name: 'scenario without a name', url: '/api/scenarios', body: { config: {} }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/name' },
  { name: 'scenario with a bad config', url: '/api/scenarios', body: { name: 'x', config: { strategy: { reserves: { share: 2 } } } }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/config/strategy/reserves/share' },
  { name: 'scenario update without a version', method: 'PUT', url: `/api/scenarios/${ID}`, body: { name: 'x' }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/version' },
  { name: 'scenario update of an unknown id', method: 'PUT', url: `/api/scenarios/${ID}`, body: { name: 'x', version: 1 }, status: 404, code: 'PCSIM_ERR_SCENARIO_NOT_FOUND' },
  { name: 'unknown scenario id', method: 'GET', url: `/api/scenarios/${ID}`, status: 404, code: 'PCSIM_ERR_SCENARIO_NOT_FOUND' },
  { name: 'delete an unknown scenario', method: 'DELETE', url: `/api/scenarios/${ID}`, status: 404, code: 'PCSIM_ERR_SCENARIO_NOT_FOUND' },
]

describe('bad requests', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ PCSIM_BODY_LIMIT: '8192', PCSIM_MAX_TRIALS: '20000', PCSIM_RATE_LIMIT: '100000', PCSIM_RATE_LIMIT_JOBS: '100000' })
  })
  afterAll(async () => {
    await t.close()
    removeDir(t.dir)
  })

  it('has a table of at least 90 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(90))

  it.each(CASES)('$name → $status $code', async (c) => {
    const method = c.method ?? 'POST'
    const payload = c.body === undefined ? undefined : typeof c.body === 'string' || Buffer.isBuffer(c.body) ? c.body : JSON.stringify(c.body)
    const contentType = c.contentType === null ? {} : { 'content-type': c.contentType ?? 'application/json' }
    const res = await t.app.inject({
      method,
      url: c.url ?? '/api/runs',
      headers: { ...(payload !== undefined && contentType), ...c.headers },
      ...(payload !== undefined && { payload }),
    })
    expect(res.statusCode, res.body).toBe(c.status)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/)
    const body = res.json()
    expect(body).toMatchObject({ statusCode: c.status, code: c.code, message: expect.any(String) })
    if (c.path !== undefined) expect(body.issues.map((i: { path: string }) => i.path), JSON.stringify(body)).toContain(c.path)
    for (const issue of body.issues ?? []) expect(issue).toEqual({ path: expect.any(String), code: expect.any(String), params: expect.any(Object), message: expect.any(String) })
    expect(res.body).not.toMatch(/\bat .*\.(ts|js):\d+|"stack"/)
  })

  it('reports every config issue, in Chinese for Accept-Language zh-CN and in English otherwise', async () => {
    const payload = JSON.stringify({ config: { fund: { size: -1, lifeYears: 'ten' } } })
    const zh = await t.app.inject({ method: 'POST', url: '/api/runs', payload, headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } })
    const en = await t.app.inject({ method: 'POST', url: '/api/runs', payload, headers: { 'content-type': 'application/json', 'accept-language': 'en-GB' } })
    const fallback = await t.app.inject({ method: 'POST', url: '/api/runs', payload, headers: { 'content-type': 'application/json', 'accept-language': 'fr-FR' } })
    expect(zh.statusCode).toBe(400)
    const paths = zh.json().issues.map((i: { path: string }) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['/config/fund/size', '/config/fund/lifeYears']))
    for (const issue of zh.json().issues) expect(issue.message).toMatch(/[\u4e00-\u9fff]/)
    for (const issue of en.json().issues) expect(issue.message).not.toMatch(/[\u4e00-\u9fff]/)
    expect(fallback.json().issues).toEqual(en.json().issues)
    // envelope errors use the engine's sentences too
    const env = await t.app.inject({ method: 'POST', url: '/api/runs', payload: '{"trials":"abc"}', headers: { 'content-type': 'application/json', 'accept-language': 'zh' } })
    expect(env.json().issues[0].message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('treats a POST /api/runs with a JSON content type and no body as the default template', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/runs', headers: { 'content-type': 'application/json' } })
    expect(res.statusCode).toBe(202)
    const del = await t.app.inject({ method: 'DELETE', url: `/api/runs/${res.json().id}` })
    expect([202, 409]).toContain(del.statusCode)
  })

  it('never answers with a stack trace, even for internal errors', async () => {
    t.app.services.state.poolReady = true
    const original = t.app.services.runs.list
    t.app.services.runs.list = () => {
      throw new Error('disk on fire at /secret/path.ts:12')
    }
    try {
      const res = await t.app.inject({ url: '/api/runs' })
      expect(res.statusCode).toBe(500)
      expect(res.json()).toEqual({ statusCode: 500, code: 'PCSIM_ERR_INTERNAL', error: 'Internal Server Error', message: 'Internal server error.' })
    } finally {
      t.app.services.runs.list = original
    }
  })
})
