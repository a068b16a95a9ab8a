import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compareConfigs, parseConfig, resultDigest, runSimulation, type SimulationConfig } from '@pcsim/engine'
import { createTestApp, listen, postRun, readEvents, removeDir, waitForJob, type TestApp } from './helper.ts'

const parsed = (input: unknown): SimulationConfig => {
  const r = parseConfig(input)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

/** Thread ids of the executor's piscina pool (found by shape, wherever the executor keeps it). */
async function poolThreadIds(t: TestApp): Promise<number[]> {
  const seen = new Set<unknown>()
  const find = (node: unknown, depth: number): { threads: Array<{ threadId: number }> } | undefined => {
    if (typeof node !== 'object' || node === null || seen.has(node) || depth > 3) return undefined
    seen.add(node)
    const candidate = node as { threads?: unknown; run?: unknown }
    if (Array.isArray(candidate.threads) && typeof candidate.run === 'function') return candidate as { threads: Array<{ threadId: number }> }
    for (const value of Object.values(node)) {
      const found = find(value, depth + 1)
      if (found) return found
    }
    return undefined
  }
  const pool = find(await t.app.services.pool.executor(), 0)
  if (!pool) throw new Error('no piscina pool in the executor')
  return pool.threads.map((w) => w.threadId).sort((a, b) => a - b)
}

describe('simulation jobs', () => {
  let t: TestApp
  let base: string
  beforeAll(async () => {
    t = await createTestApp({ PCSIM_MAX_QUEUED: '6', PCSIM_CONCURRENT_JOBS: '2' })
    base = await listen(t.app)
  })
  afterAll(async () => {
    await t.close()
    removeDir(t.dir)
  })

  it('runs a job: 202 → progress events → done, with the same numbers as the engine in one thread', async () => {
    const created = await postRun(t.app, { preset: 'gov-angel-fund', trials: 5000, seed: 'api-digest', name: 'angel' })
    expect(created.statusCode).toBe(202)
    const { id, status, links } = created.json()
    expect(status).toBe('queued')
    expect(links).toEqual({ self: `/api/runs/${id}`, events: `/api/runs/${id}/events` })
    expect(created.headers.location).toBe(links.self)

    const events = await readEvents(`${base}${links.events}`)
    const progress = events.filter((e) => e.event === 'progress')
    expect(progress.length).toBeGreaterThanOrEqual(2)
    expect(progress.at(-1)!.data).toEqual({ done: 5000, total: 5000 })
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.data.done).toBeGreaterThanOrEqual(progress[i - 1]!.data.done)
    expect(events.at(-1)).toEqual({ event: 'done', data: { id, status: 'done' } })

    const run = (await t.app.inject({ url: `/api/runs/${id}` })).json()
    expect(run).toMatchObject({ id, status: 'done', progress: { done: 5000, total: 5000 }, name: 'angel', trials: 5000, seed: 'api-digest', engineVersion: expect.any(String) })
    expect(run.startedAt).toEqual(expect.any(String))
    expect(run.finishedAt).toEqual(expect.any(String))
    // 10 chunks of 500 in 2 worker threads, merged in trial order = one in-thread run
    const engine = runSimulation(parsed({ template: 'gov-angel-fund', name: 'angel', run: { trials: 5000, seed: 'api-digest' } }))
    expect(resultDigest(run.result)).toBe(resultDigest(engine))
    expect(run.config).toEqual(engine.config)
  })

  it('sends the current state at once to a late subscriber, then closes', async () => {
    const { id } = (await postRun(t.app, { trials: 500, seed: 3 })).json()
    await waitForJob(t.app, `/api/runs/${id}`)
    const events = await readEvents(`${base}/api/runs/${id}/events`)
    expect(events).toEqual([
      { event: 'progress', data: { done: 500, total: 500 } },
      { event: 'done', data: { id, status: 'done' } },
    ])
  })

  it('cancels a large running run cooperatively: its chunks stop, it ends cancelled, the pool threads live on', async () => {
    const threads = await poolThreadIds(t)
    expect(threads.length).toBe(2)
    const { id } = (await postRun(t.app, { trials: 400_000, seed: 9 })).json()
    const streamed = readEvents(`${base}/api/runs/${id}/events`)
    const until = Date.now() + 30_000
    // cancel while chunks are simulating (some progress back from a worker), not while queued
    while (((await t.app.inject({ url: `/api/runs/${id}` })).json().progress?.done ?? 0) === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
    const cancel = await t.app.inject({ method: 'DELETE', url: `/api/runs/${id}` })
    expect(cancel.statusCode).toBe(202)
    expect(cancel.json()).toEqual({ id, status: 'cancelled' })
    const events = await streamed
    expect(events.at(-1)).toEqual({ event: 'cancelled', data: { id, status: 'cancelled' } })
    const run = (await t.app.inject({ url: `/api/runs/${id}` })).json()
    expect(run.status).toBe('cancelled')
    expect(run.progress.done).toBeLessThan(400_000)
    expect(run.result).toBeUndefined()
    const again = await t.app.inject({ method: 'DELETE', url: `/api/runs/${id}` })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('PCSIM_ERR_ALREADY_FINISHED')
    // the same threads run the next job (none was terminated and replaced), with the same numbers as one thread
    const next = (await postRun(t.app, { trials: 1000, seed: 10 })).json()
    const done = await waitForJob(t.app, `/api/runs/${next.id}`)
    expect(done.status).toBe('done')
    expect(resultDigest(done.result)).toBe(resultDigest(runSimulation(parsed({ run: { trials: 1000, seed: 10 } }))))
    expect(await poolThreadIds(t)).toEqual(threads)
  })

  it('stops a chunk between trials when its signal aborts, in the same thread', async () => {
    const executor = await t.app.services.pool.executor()
    const threads = await poolThreadIds(t)
    const controller = new AbortController()
    let last = 0
    const chunk = executor.runChunk(
      { config: parsed({ run: { trials: 100_000, seed: 4 } }), start: 0, end: 100_000 },
      { signal: controller.signal, onProgress: (done) => ((last = done), controller.abort()) },
    )
    await expect(chunk).rejects.toMatchObject({ code: 'PCSIM_ERR_CANCELLED' })
    // progress comes every 500 trials: the chunk stopped long before its 100,000th
    expect(last).toBeGreaterThan(0)
    expect(last).toBeLessThan(100_000)
    expect(await poolThreadIds(t)).toEqual(threads)
  })

  it('compares strategies on common random numbers, equal to the engine compareConfigs', async () => {
    const items = [
      { preset: 'us-vc-10y', name: 'base' },
      { preset: 'us-vc-10y', scenarios: ['ipo-shut-3y'], name: 'IPO shut' },
      { config: { template: 'gov-angel-fund' } },
    ]
    const created = await t.app.inject({ method: 'POST', url: '/api/comparisons', payload: { items, trials: 1000, seed: 77 } })
    expect(created.statusCode).toBe(202)
    const { id, links } = created.json()
    expect(links.self).toBe(`/api/comparisons/${id}`)
    const done = await waitForJob(t.app, links.self)
    expect(done.status).toBe('done')
    expect(done.progress).toEqual({ done: 3000, total: 3000 })
    expect(done.result.pairs).toHaveLength(3)
    expect(done.result.runs.map((r: { name: string }) => r.name)).toEqual(['base', 'IPO shut', done.result.runs[2].name])
    const configs = done.config.items.map((i: { config: SimulationConfig }) => i.config)
    expect(configs[1].market.shocks.map((s: { id: string }) => s.id)).toContain('ipo-shut-3y')
    expect(resultDigest(done.result)).toBe(resultDigest(compareConfigs(configs)))
    const csv = await t.app.inject({ url: `${links.self}/export?format=csv` })
    expect(csv.statusCode).toBe(200)
    expect(csv.body).toContain('pairs.0-1.probABeatsB')
    const list = (await t.app.inject({ url: '/api/comparisons' })).json()
    expect(list.items[0].id).toBe(id)
  })

  it('exports a finished run as JSON and CSV attachments', async () => {
    const { id } = (await postRun(t.app, { trials: 600, seed: 5 })).json()
    await waitForJob(t.app, `/api/runs/${id}`)
    const asJson = await t.app.inject({ url: `/api/runs/${id}/export?format=json` })
    expect(asJson.headers['content-disposition']).toBe(`attachment; filename="pcsim-run-${id}.json"`)
    expect(asJson.json()).toMatchObject({ id, status: 'done', result: { trials: 600 } })
    const asCsv = await t.app.inject({ url: `/api/runs/${id}/export?format=csv` })
    expect(asCsv.headers['content-type']).toMatch(/^text\/csv/)
    const lines = asCsv.body.trim().split('\r\n')
    expect(lines[0]).toBe('metric,mean,sd,se,p1,p5,p10,p25,p50,p75,p90,p95,p99')
    const netTvpi = lines.find((l) => l.startsWith('netTvpi,'))!.split(',')
    expect(Number(netTvpi[1])).toBeCloseTo(asJson.json().result.summary.netTvpi.mean, 12)
    expect(lines.some((l) => l.startsWith('probLoss,'))).toBe(true)
  })

  it('lists runs most recent first, limited by ?limit', async () => {
    const list = (await t.app.inject({ url: '/api/runs?limit=2' })).json()
    expect(list.items).toHaveLength(2)
    expect(Object.keys(list.items[0]).sort()).toEqual(['createdAt', 'finishedAt', 'id', 'name', 'seed', 'status', 'trials'])
    expect(list.items[0].createdAt >= list.items[1].createdAt).toBe(true)
  })

  it('queues or refuses runs beyond capacity, never loses one: every accepted id ends terminal', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => postRun(t.app, { trials: 1000, seed: 100 + i })))
    const accepted = answers.filter((a) => a.statusCode === 202).map((a) => a.json().id as string)
    const refused = answers.filter((a) => a.statusCode !== 202)
    expect(accepted.length).toBe(6)
    expect(refused.length).toBe(6)
    for (const r of refused) {
      expect(r.statusCode).toBe(503)
      expect(r.headers['retry-after']).toMatch(/^\d+$/)
      expect(r.json().code).toBe('PCSIM_ERR_QUEUE_FULL')
    }
    const ends = await Promise.all(accepted.map((id) => waitForJob(t.app, `/api/runs/${id}`)))
    expect(ends.map((e) => e.status)).toEqual(accepted.map(() => 'done'))
    // capacity is back once they are done
    expect((await postRun(t.app, { trials: 100 })).statusCode).toBe(202)
  })
})
