import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { holdingsTemplateCsv, parseConfig, parseHoldingsJson, planAtDate, planVsActual, resultDigest, runSimulation, withReforecast, type Reforecast, type SimulationConfig } from '@pcsim/engine'
import { FAN_GRIDS } from '../../packages/engine/src/stats/fan-grid.ts'
import { hashToken } from '../../packages/api/src/users/token-hash.ts'
import { newToken } from '../../packages/api/src/users/users.ts'
import { createTestApp, listen, readEvents, removeDir, waitForJob, type TestApp } from './helper.ts'

const EXAMPLE = JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/examples/reforecast-holdings.json'), 'utf8')) as Reforecast
const FUND = { template: 'us-vc-10y' }

const parsed = (input: unknown): SimulationConfig => {
  const r = parseConfig(input)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

/** The example holdings with one field of one company replaced. */
const withCompany = (i: number, patch: Record<string, unknown>) => ({
  ...EXAMPLE,
  holdings: { ...EXAMPLE.holdings, companies: EXAMPLE.holdings.companies.map((c, k) => (k === i ? { ...c, ...patch } : c)) },
})

/** The template CSV with the cell of `column` in data row `row` (1 = the first row after the header) replaced. */
function csvWith(row: number, column: string, text: string): { csv: string; column: number } {
  const lines = holdingsTemplateCsv().trimEnd().split('\n')
  const header = lines[0]!.split(',')
  const k = header.indexOf(column)
  const cells = lines[row]!.split(',')
  cells[k] = text
  lines[row] = cells.join(',')
  return { csv: `${lines.join('\n')}\n`, column: k + 1 }
}

const post = (t: TestApp, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/reforecasts', headers: { 'content-type': 'application/json', ...headers }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) })

describe('POST /api/reforecasts', () => {
  let t: TestApp
  let base: string
  beforeAll(async () => {
    t = await createTestApp({ PCSIM_MAX_TRIALS: '20000', PCSIM_BODY_LIMIT: '65536', PCSIM_RATE_LIMIT: '100000', PCSIM_RATE_LIMIT_JOBS: '100000' })
    base = await listen(t.app)
  })
  afterAll(async () => {
    await t.close()
    removeDir(t.dir)
  })

  interface Case {
    name: string
    body: unknown
    status: number
    code: string
    path?: string
    row?: number
    column?: number
  }
  const ownership = csvWith(2, 'ownership', '1.5')
  const letters = csvWith(2, 'invested', 'lots')
  const CASES: Case[] = [
    { name: 'no holdings', body: { config: FUND }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/holdings' },
    { name: 'holdings a number', body: { config: FUND, holdings: 7 }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/holdings' },
    { name: 'holdings an empty CSV text', body: { config: FUND, holdings: '' }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/holdings' },
    { name: 'JSON: ownership above 1', body: { config: FUND, holdings: withCompany(0, { ownership: 2 }) }, status: 400, code: 'PCSIM_ERR_INVALID_HOLDINGS', path: '/holdings/holdings/companies/0/ownership' },
    { name: 'JSON: unknown sector', body: { config: FUND, holdings: withCompany(1, { sector: 'mining' }) }, status: 400, code: 'PCSIM_ERR_INVALID_HOLDINGS', path: '/holdings/holdings/companies/1/sector' },
    { name: 'JSON: an exited company without proceeds', body: { config: FUND, holdings: withCompany(8, { proceeds: undefined }) }, status: 400, code: 'PCSIM_ERR_INVALID_HOLDINGS', path: '/holdings/holdings/companies/8/proceeds' },
    { name: 'CSV: ownership above 1', body: { config: FUND, holdings: ownership.csv }, status: 400, code: 'PCSIM_ERR_INVALID_HOLDINGS', row: 3, column: ownership.column },
    { name: 'CSV: a number cell with letters', body: { config: FUND, holdings: letters.csv }, status: 400, code: 'PCSIM_ERR_INVALID_HOLDINGS', row: 3, column: letters.column },
    { name: 'CSV: no header', body: { config: FUND, holdings: 'company,a,ai\n' }, status: 400, code: 'PCSIM_ERR_INVALID_HOLDINGS', row: 1 },
    { name: 'asOf not a date', body: { config: FUND, holdings: EXAMPLE, asOf: '2023-13-45' }, status: 400, code: 'PCSIM_ERR_INVALID_HOLDINGS', path: '/asOf' },
    { name: 'regime unknown', body: { config: FUND, holdings: EXAMPLE, regime: 'mania' }, status: 400, code: 'PCSIM_ERR_INVALID_HOLDINGS', path: '/regime' },
    { name: 'plan: unknown saved scenario', body: { config: FUND, holdings: EXAMPLE, plan: 'no-such-scenario' }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/plan' },
    { name: 'plan: a bad config', body: { config: FUND, holdings: EXAMPLE, plan: { fund: { size: -1 } } }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/plan/fund/size' },
    { name: 'plan: with holdings of its own', body: { config: FUND, holdings: EXAMPLE, plan: { reforecast: EXAMPLE } }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/plan/reforecast' },
    { name: 'config: holdings inside it', body: { config: { ...FUND, reforecast: EXAMPLE }, holdings: EXAMPLE }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/config/reforecast' },
    { name: 'config: bad fund size', body: { config: { fund: { size: 'big' } }, holdings: EXAMPLE }, status: 400, code: 'PCSIM_ERR_INVALID_CONFIG', path: '/config/fund/size' },
    { name: 'config and preset', body: { config: FUND, preset: 'us-vc-10y', holdings: EXAMPLE }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/preset' },
    { name: 'trials above the server limit', body: { config: FUND, holdings: EXAMPLE, trials: 20_001 }, status: 400, code: 'PCSIM_ERR_TRIALS_LIMIT', path: '/trials' },
    { name: 'unknown envelope field', body: { config: FUND, holdings: EXAMPLE, asof: '2023-12-31' }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/asof' },
    { name: 'holdings an array', body: { config: FUND, holdings: [] }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/holdings' },
    { name: 'plan an array', body: { config: FUND, holdings: EXAMPLE, plan: [] }, status: 400, code: 'PCSIM_ERR_INVALID_REQUEST', path: '/plan' },
    { name: 'JSON: holdings without companies', body: { config: FUND, holdings: { ...EXAMPLE, holdings: { cashFlows: [] } } }, status: 400, code: 'PCSIM_ERR_INVALID_HOLDINGS', path: '/holdings/holdings/companies' },
    { name: 'CSV: an unclosed quote', body: { config: FUND, holdings: `${holdingsTemplateCsv()}company,"oops\n` }, status: 400, code: 'PCSIM_ERR_INVALID_HOLDINGS' },
    { name: 'malformed JSON', body: '{"holdings": ', status: 400, code: 'PCSIM_ERR_BAD_JSON' },
    { name: '__proto__ in the holdings', body: '{"holdings": {"__proto__": {"x": 1}}}', status: 400, code: 'PCSIM_ERR_FORBIDDEN_KEY', path: '/holdings/__proto__' },
    { name: 'body over PCSIM_BODY_LIMIT', body: { config: FUND, holdings: 'x'.repeat(70_000) }, status: 413, code: 'PCSIM_ERR_BODY_TOO_LARGE' },
  ]

  it.each(CASES)('refuses $name with $status $code, naming the field', async (c) => {
    const res = await post(t, c.body)
    expect(res.statusCode, res.body).toBe(c.status)
    const body = res.json()
    expect(body.code).toBe(c.code)
    if (c.path !== undefined) expect(body.issues.map((i: { path: string }) => i.path), res.body).toContain(c.path)
    if (c.row !== undefined) expect(body.issues[0], res.body).toMatchObject({ row: c.row, ...(c.column !== undefined && { column: c.column }) })
    for (const issue of body.issues ?? []) expect(issue.message).toEqual(expect.any(String))
  })

  it('answers mangled CSV files with 400 (or a job when the mangling left a valid file), never a 500', async () => {
    // a fixed-seed generator: the same 60 files every run
    let state = 20261201
    const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n)
    const template = holdingsTemplateCsv()
    const statuses: number[] = []
    for (let k = 0; k < 60; k++) {
      let text = template
      for (let edits = 1 + next(4); edits > 0; edits--) {
        const at = next(text.length)
        const what = next(3)
        text = what === 0 ? text.slice(0, at) + text.slice(at + 1 + next(5)) : what === 1 ? text.slice(0, at) + ',"\n-x1.e'[next(7)] + text.slice(at) : text.slice(0, at) + text.slice(at).replace(/\d/, 'x')
      }
      const res = await post(t, { config: FUND, holdings: text, trials: 1 })
      statuses.push(res.statusCode)
      if (res.statusCode === 400) {
        const body = res.json()
        expect(body.code, text).toBe('PCSIM_ERR_INVALID_HOLDINGS')
        // a cell's issue says where it is; a rule over the whole file (cash to date, calls against the commitment) has no row
        for (const issue of body.issues) {
          if (issue.row !== undefined) expect(issue.message, text).toMatch(new RegExp(`^Row ${issue.row}\\b`))
          else expect(['cash_short', 'calls_above_commitment', 'as_of_after_end'], text).toContain(issue.code)
        }
      } else expect([202, 503], text).toContain(res.statusCode)
    }
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(30)
  })

  it('words a CSV issue with its row, column and rule in English and in Chinese', async () => {
    const en = (await post(t, { config: FUND, holdings: ownership.csv })).json()
    const zh = (await post(t, { config: FUND, holdings: ownership.csv }, { 'accept-language': 'zh-CN' })).json()
    expect(en.issues[0].message).toMatch(new RegExp(`^Row 3, column ${ownership.column} \\(ownership\\): Must be at most 1\\.$`))
    expect(zh.issues[0].message).toMatch(new RegExp(`^第 3 行第 ${ownership.column} 列（ownership）：`))
    expect(en.message).toContain(`CSV row 3, column ${ownership.column}`)
  })

  it('runs a reforecast to completion: the run from today equals the engine in one thread, the plan runs on the same seed and trials', async () => {
    const created = await post(t, { config: FUND, holdings: EXAMPLE, trials: 600, seed: 'rf-1', name: 'mid-life' })
    expect(created.statusCode, created.body).toBe(202)
    const { id, links } = created.json()
    expect(links).toEqual({ self: `/api/reforecasts/${id}`, events: `/api/reforecasts/${id}/events` })
    const events = await readEvents(`${base}${links.events}`)
    expect(events.at(-1)).toEqual({ event: 'done', data: { id, status: 'done' } })
    // every run's trials count: 600 for the reforecast, 600 for its plan and 600 for the plan read at the date
    expect(events.filter((e) => e.event === 'progress').at(-1)!.data).toEqual({ done: 1800, total: 1800 })
    const job = await waitForJob(t.app, links.self)
    expect(job).toMatchObject({ id, kind: 'reforecast', status: 'done', name: 'mid-life', trials: 600, seed: 'rf-1', owner: null })
    const fund = parsed({ ...FUND, name: 'mid-life', run: { trials: 600, seed: 'rf-1' } })
    const actual = parsed(withReforecast(fund, EXAMPLE))
    expect(job.config.config).toEqual(actual)
    expect(job.config.plan).toEqual(fund)
    const engine = { run: runSimulation(actual), plan: runSimulation(fund), toDate: runSimulation(planAtDate(fund, EXAMPLE)!) }
    expect(resultDigest(job.result.run)).toBe(resultDigest(engine.run))
    expect(resultDigest(job.result.plan)).toBe(resultDigest(engine.plan))
    expect(job.result.planVsActual).toEqual(planVsActual({ plan: fund, reforecast: actual.reforecast!, planResult: engine.plan, planToDate: engine.toDate, reforecastResult: engine.run }))
    // 16m called of 100m by 2023-12-31, beside the plan's band at the same date
    expect(job.result.planVsActual).toMatchObject({ asOf: '2023-12-31', asOfQuarter: 8, toDate: { paidIn: { actual: 0.16, plan: { p50: expect.any(Number) } } } })
    // the two years before the as-of date are history, the same in every trial: the fan's 5th and 95th percentiles
    // fall in one of its bins (it reads percentiles from bins 0.01 wide), and year 2's DPI is the actual 4m over 16m called
    for (const metric of ['netCashFlow', 'dpi'] as const)
      for (const point of job.result.run.fan[metric].slice(0, 2)) expect(point.p95 - point.p5, `${metric} year ${point.year}`).toBeLessThan(FAN_GRIDS[metric].width)
    const dpi2 = job.result.run.fan.dpi[1]
    expect(Math.floor(dpi2.p50 / FAN_GRIDS.dpi.width)).toBe(Math.floor(job.result.planVsActual.toDate.dpi.actual / FAN_GRIDS.dpi.width))
    expect(job.result.planVsActual.toDate.dpi.actual).toBe(4 / 16)
  })

  it('takes the holdings as CSV text, and the body\'s asOf over the file\'s', async () => {
    const created = await post(t, { config: FUND, holdings: holdingsTemplateCsv(), asOf: '2025-03-31', trials: 200, seed: 5 })
    expect(created.statusCode, created.body).toBe(202)
    const job = await waitForJob(t.app, created.json().links.self)
    expect(job.status).toBe('done')
    expect(job.config.config.reforecast.asOf).toBe('2025-03-31')
    const fromCsv = parseHoldingsJson(job.config.config.reforecast)
    expect(fromCsv.ok).toBe(true)
  })

  it('reforecasts against a saved scenario as the plan, listed, exported and cancellable like a run', async () => {
    const scenario = (await t.app.inject({ method: 'POST', url: '/api/scenarios', payload: { name: 'original plan', config: { ...FUND, strategy: { reserves: { share: 0.3 } } } } })).json()
    const created = await post(t, { preset: 'us-vc-10y', holdings: EXAMPLE, plan: scenario.id, trials: 300, seed: 9 })
    expect(created.statusCode, created.body).toBe(202)
    const job = await waitForJob(t.app, created.json().links.self)
    expect(job.status).toBe('done')
    expect(job.config.planScenario).toEqual({ id: scenario.id, name: 'original plan' })
    expect(job.config.plan.strategy.reserves.share).toBe(0.3)
    expect(job.config.plan.run).toEqual(job.config.config.run)
    const list = (await t.app.inject({ url: '/api/reforecasts' })).json()
    expect(list.items.map((i: { id: string }) => i.id)).toContain(job.id)
    const csv = await t.app.inject({ url: `/api/reforecasts/${job.id}/export?format=csv` })
    expect(csv.statusCode).toBe(200)
    expect(csv.body).toMatch(/^metric,mean,sd,se,/)
    expect(csv.body).toContain('\r\nrun.netTvpi,')
    expect(csv.body).toContain('\r\nplan.netTvpi,')
    // a reforecast is not a run
    expect((await t.app.inject({ url: `/api/runs/${job.id}` })).statusCode).toBe(404)

    const big = (await post(t, { config: FUND, holdings: EXAMPLE, trials: 20_000 })).json()
    const cancelled = await t.app.inject({ method: 'DELETE', url: `/api/reforecasts/${big.id}` })
    expect(cancelled.statusCode).toBe(202)
    expect((await waitForJob(t.app, `/api/reforecasts/${big.id}`)).status).toBe('cancelled')
  })

  it('documents the route in OpenAPI with the engine\'s config schema for the fund and the plan', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json()
    const body = doc.paths['/api/reforecasts'].post.requestBody.content['application/json'].schema
    expect(body.required).toEqual(['holdings'])
    expect(body.properties.config.$ref).toBe('#/components/schemas/SimulationConfig')
    expect(body.properties.plan.anyOf.map((s: { $ref?: string; type?: string }) => s.$ref ?? s.type)).toEqual(['#/components/schemas/SimulationConfig', 'string'])
    for (const path of ['/api/reforecasts/{id}', '/api/reforecasts/{id}/events', '/api/reforecasts/{id}/export']) expect(doc.paths[path]).toBeDefined()
  })

  it('answers an unknown reforecast with 404', async () => {
    const res = await t.app.inject({ url: '/api/reforecasts/00000000-0000-4000-8000-000000000000' })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('PCSIM_ERR_REFORECAST_NOT_FOUND')
  })
})

describe('POST /api/reforecasts with named users', () => {
  const TOKENS = { alice: newToken('alice'), bob: newToken('bob') }
  const auth = (name: keyof typeof TOKENS) => ({ authorization: `Bearer ${TOKENS[name]}` })
  let t: TestApp
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcsim-api-'))
    const users = [
      { name: 'alice', role: 'user', tokenHash: await hashToken(TOKENS.alice) },
      { name: 'bob', role: 'user', tokenHash: await hashToken(TOKENS.bob) },
    ]
    writeFileSync(join(dir, 'users.json'), JSON.stringify({ users }))
    t = await createTestApp({ PCSIM_USERS_FILE: join(dir, 'users.json') }, dir)
  })
  afterAll(async () => {
    await t.close()
    removeDir(t.dir)
  })

  it('records the owner; another user sees neither the reforecast nor the saved plan it names', async () => {
    const scenario = (await t.app.inject({ method: 'POST', url: '/api/scenarios', headers: auth('alice'), payload: { name: 'alice plan', config: FUND } })).json()
    expect((await post(t, { config: FUND, holdings: EXAMPLE })).statusCode).toBe(401)
    const created = await post(t, { config: FUND, holdings: EXAMPLE, plan: scenario.id, trials: 200 }, auth('alice'))
    expect(created.statusCode, created.body).toBe(202)
    const path = created.json().links.self
    const until = Date.now() + 60_000
    let job = (await t.app.inject({ url: path, headers: auth('alice') })).json()
    while (!['done', 'failed', 'cancelled'].includes(job.status) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50))
      job = (await t.app.inject({ url: path, headers: auth('alice') })).json()
    }
    expect(job).toMatchObject({ status: 'done', owner: 'alice', config: { planScenario: { id: scenario.id, name: 'alice plan' } } })
    const asBob = await t.app.inject({ url: path, headers: auth('bob') })
    expect(asBob.statusCode).toBe(404)
    expect(asBob.json().code).toBe('PCSIM_ERR_REFORECAST_NOT_FOUND')
    expect((await t.app.inject({ url: '/api/reforecasts', headers: auth('bob') })).json().items).toEqual([])
    // bob naming alice's saved scenario as his plan: as if it did not exist
    const bobs = await post(t, { config: FUND, holdings: EXAMPLE, plan: scenario.id }, auth('bob'))
    expect(bobs.statusCode).toBe(400)
    expect(bobs.json().issues).toEqual([expect.objectContaining({ path: '/plan', code: 'unknown_plan' })])
  })
})
