import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '@pcsim/engine'
import { runSensitivity, runTrialsInThread } from '@pcsim/engine/decide'
import { createTestApp, listen, readEvents, removeDir, waitForJob, type TestApp } from './helper.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  await t.close()
  removeDir(t.dir)
})

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) })

describe('decision-tool routes', () => {
  it('POST /api/sensitivities runs on the server executor with the numbers of the engine in this thread, with progress events', async () => {
    const body = { preset: 'us-vc-10y', trials: 600, seed: 'api', vary: ['feeRate=0.015:0.025', { lever: 'reserveShare', range: '0.3:0.6' }], metrics: ['p50(netTvpi)', 'probLoss'] }
    const res = await post('/api/sensitivities', body)
    expect(res.statusCode).toBe(202)
    const { id, links } = res.json()
    expect(links.self).toBe(`/api/sensitivities/${id}`)
    const base = await listen(t.app)
    const events = await readEvents(`${base}${links.events}`)
    expect(events.at(-1)!.event).toBe('done')
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data.done)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    expect(progress.at(-1)).toBe(600 * 5)
    const job = await waitForJob(t.app, links.self)
    const parsed = parseConfig({ template: 'us-vc-10y', run: { trials: 600, seed: 'api' } })
    if (!parsed.ok) throw new Error('config')
    const local = await runSensitivity({ config: parsed.config, vary: body.vary, metrics: body.metrics }, runTrialsInThread)
    expect(JSON.stringify(job.result)).toBe(JSON.stringify(local))
  })

  it('names the JSON Pointer and the character of a bad expression, in the language asked for', async () => {
    const res = await post('/api/sensitivities', { vary: ['feeRate=0.01:0.03'], metrics: ['p50(netTvpi)', 'p50(netTvp)'] }, { 'accept-language': 'zh-CN' })
    expect(res.statusCode).toBe(400)
    const err = res.json()
    expect(err.code).toBe('PCSIM_ERR_INVALID_REQUEST')
    expect(err.issues[0].path).toBe('/metrics/1')
    expect(err.issues[0].code).toBe('expr_unknown_name')
    expect(err.issues[0].message).toContain('第 5 个字符')
    const lever = await post('/api/solves', { lever: 'sector:software', target: 'probLoss <= 0.3' })
    expect([lever.statusCode, lever.json().issues[0].path]).toEqual([400, '/lever'])
    const space = await post('/api/optimisations', { space: { objective: 'p50(netTvpi)', reserveShare: [0.6, 0.2] } })
    expect([space.statusCode, space.json().issues[0].path]).toEqual([400, '/space/reserveShare'])
  })

  it('POST /api/solves answers with the lever value and the return-the-fund view; DELETE cancels an optimisation', async () => {
    const res = await post('/api/solves', { preset: 'us-vc-10y', trials: 400, seed: 1, lever: 'exitValue', target: 'p50(netTvpi) = 1.4', range: '0.5:2' })
    const job = await waitForJob(t.app, res.json().links.self)
    expect(job.status).toBe('done')
    expect(job.result.status).toBe('solved')
    expect(job.result.value).toBeGreaterThan(1)
    expect(job.result.returnTheFund.cells.length).toBeGreaterThan(0)
    const opt = await post('/api/optimisations', { preset: 'us-vc-10y', trials: 400, space: { reserveShare: [0.2, 0.6], companies: [20, 80], objective: 'p50(netTvpi)', candidates: 40 }, budget: { trials: 200_000 } })
    expect(opt.statusCode).toBe(202)
    const del = await t.app.inject({ method: 'DELETE', url: opt.json().links.self })
    expect(del.statusCode).toBe(202)
    expect((await waitForJob(t.app, opt.json().links.self)).status).toBe('cancelled')
    const again = await t.app.inject({ method: 'DELETE', url: opt.json().links.self })
    expect(again.statusCode).toBe(409)
  })

  it('keeps decision jobs in the database: listed by kind, read back after a restart, exported as JSON only', async () => {
    const res = await post('/api/sensitivities', { preset: 'us-vc-10y', trials: 200, seed: 'kept', vary: ['feeRate=0.015:0.025'], metrics: ['probLoss'] })
    const before = await waitForJob(t.app, res.json().links.self)
    expect(before).toMatchObject({ kind: 'sensitivity', status: 'done', config: { vary: ['feeRate=0.015:0.025'], metrics: ['probLoss'] } })
    expect((await t.app.inject({ url: '/api/sensitivities' })).json().items.map((j: { id: string }) => j.id)).toContain(before.id)
    expect((await t.app.inject({ url: '/api/solves' })).json().items.map((j: { id: string }) => j.id)).not.toContain(before.id)
    expect((await t.app.inject({ url: `/api/runs/${before.id}` })).statusCode).toBe(404)
    expect((await t.app.inject({ url: `${res.json().links.self}/export?format=csv` })).statusCode).toBe(400)
    expect((await t.app.inject({ url: `${res.json().links.self}/export` })).json().result).toEqual(before.result)
    const again = await createTestApp({}, t.dir)
    try {
      expect((await again.app.inject({ url: res.json().links.self })).json()).toEqual(before)
    } finally {
      await again.close()
    }
  })
})
