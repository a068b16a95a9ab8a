import { Agent, request } from 'node:http'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, listen, removeDir, type TestApp } from './helper.ts'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const REQUESTS = 1_500
const CONNECTIONS = 16
const LIMIT = 200

interface Answer {
  status: number
  retryAfter: string | undefined
  code: string | undefined
}

/** Heap in use after full collections (twice: finalizers of the first can free more). */
function heapAfterGc(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

describe('a bounded flood on loopback', () => {
  let t: TestApp
  let port = 0
  beforeAll(async () => {
    t = await createTestApp({ PCSIM_RATE_LIMIT: String(LIMIT), PCSIM_RATE_LIMIT_JOBS: '20', PCSIM_MAX_TRIALS: '1000' })
    port = Number(new URL(await listen(t.app)).port)
  })
  afterAll(async () => {
    await t.close()
    removeDir(t.dir)
  })

  /** A fixed mix of hostile and ordinary requests; the i-th request is always the same one. */
  const nth = (i: number): { method: string; path: string; body?: string; type?: string } =>
    [
      { method: 'GET', path: '/api/presets' },
      { method: 'POST', path: '/api/runs', body: '{"trials":0}', type: 'application/json' },
      { method: 'POST', path: `http://127.0.0.1:${port}/api/runs`, body: '{"trials":100}', type: 'application/json' },
      { method: 'POST', path: '/api/runs', body: 'trials=100', type: 'text/plain' },
      { method: 'GET', path: '/api/runs/%ZZ' },
      { method: 'GET', path: `/api/runs/00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
    ][i % 6]!

  const send = (agent: Agent, i: number) =>
    new Promise<Answer>((resolve, reject) => {
      const r = nth(i)
      const req = request({ host: '127.0.0.1', port, agent, method: r.method, path: r.path, headers: r.type ? { 'content-type': r.type } : {} }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (d: Buffer) => chunks.push(d))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let code: string | undefined
          try {
            code = (JSON.parse(text) as { code?: string }).code
          } catch {
            code = undefined
          }
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, code })
        })
      })
      req.on('error', reject)
      req.end(r.body)
    })

  /** Sends requests 0..n-1 over `connections` keep-alive sockets; ends when the last answer is in. */
  async function flood(n: number, connections: number): Promise<Answer[]> {
    const agent = new Agent({ keepAlive: true, maxSockets: connections })
    const answers: Answer[] = new Array(n)
    let next = 0
    const lane = async () => {
      while (next < n) {
        const i = next++
        answers[i] = await send(agent, i)
      }
    }
    try {
      await Promise.all(Array.from({ length: connections }, lane))
    } finally {
      agent.destroy()
    }
    return answers
  }

  it('answers every request, with 429 and Retry-After past the limit, no 5xx, and the heap back near its baseline', async () => {
    // warm up the routes (compiled validators, JIT) before the baseline, on another client address budget
    for (let i = 0; i < 6; i++) await t.app.inject({ method: nth(i).method, url: nth(i).path.replace(/^http:\/\/[^/]+/, ''), remoteAddress: '127.0.0.9' })
    const baseline = heapAfterGc()
    const answers = await flood(REQUESTS, CONNECTIONS)
    expect(answers.filter(Boolean)).toHaveLength(REQUESTS)
    const statuses = new Map<number, number>()
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1)
    expect([...statuses.keys()].filter((s) => s >= 500), JSON.stringify([...statuses])).toEqual([])
    const limited = answers.filter((a) => a.status === 429)
    // Router errors (bad percent-encoding) are answered before routing, uncounted; of the rest the general
    // limit lets LIMIT a minute through and POST /api/runs its own 20. One window reset (a flood slower
    // than a minute) would let at most LIMIT + 20 more through.
    const byKind = (k: number) => answers.filter((_, i) => i % 6 === k)
    for (const a of byKind(4)) expect(a).toMatchObject({ status: 400, code: 'PCSIM_ERR_BAD_URL' })
    const general = byKind(0).length + byKind(5).length
    const jobs = byKind(1).length + byKind(2).length + byKind(3).length
    const expected = general - LIMIT + jobs - 20
    expect(limited.length).toBeLessThanOrEqual(expected)
    expect(limited.length).toBeGreaterThanOrEqual(expected - LIMIT - 20)
    for (const a of limited) {
      expect(a.code).toBe('PCSIM_ERR_RATE_LIMITED')
      expect(Number(a.retryAfter)).toBeGreaterThan(0)
    }
    // the absolute-form POSTs are counted, not waved through: none is anything but refused or limited
    const absolute = answers.filter((_, i) => i % 6 === 2)
    expect(new Set(absolute.map((a) => a.status))).toEqual(new Set([400, 429]))
    expect(absolute.filter((a) => a.status === 429).length).toBeGreaterThan(absolute.length - 20)
    // nothing was queued, and nothing is held once the flood is over
    expect(t.app.services.runs.list('run', 10)).toEqual([])
    expect(t.app.services.jobs.active).toBe(0)
    const after = heapAfterGc()
    expect(after - baseline, `heap ${(baseline / 2 ** 20).toFixed(1)} → ${(after / 2 ** 20).toFixed(1)} MiB`).toBeLessThan(8 * 2 ** 20)
  })
})
