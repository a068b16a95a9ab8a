/**
 * Load test of the API on loopback only, bounded in time (about 90 s with the defaults), stops by itself.
 *
 *   pnpm load                       # or: node_modules/.bin/tsx --conditions=@pcsim/source scripts/load-test.ts
 *   pnpm load -- --http-seconds 5 --run-seconds 30 --clients 8 --trials 10000
 *
 * Starts its own server (temp database, rate limits raised so they do not cap the measurement),
 * then measures: requests/s on GET /api/health and GET /api/presets (autocannon), and runs per
 * minute of a `trials`-trial us-vc-10y run with `clients` concurrent clients each submitting a run,
 * following its event stream to the end and submitting the next. Reports 5xx counts and the
 * server's resident memory (RSS, worker threads included) before and after.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { availableParallelism, cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const apiRequire = createRequire(join(root, 'packages/api/package.json'))
const autocannon = apiRequire('autocannon') as typeof import('autocannon')

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`)
  return value
}
const HTTP_SECONDS = arg('http-seconds', 10)
const RUN_SECONDS = arg('run-seconds', 60)
const CLIENTS = arg('clients', 8)
const TRIALS = arg('trials', 10_000)
const HARD_LIMIT_MS = (HTTP_SECONDS * 2 + RUN_SECONDS + 90) * 1000

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => ok(port))
    })
  })

const rssMiB = (pid: number) => {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN)
  return Math.round(kb / 1024)
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function httpBench(url: string, seconds: number) {
  const result = await autocannon({ url, connections: 32, duration: seconds, pipelining: 1 })
  return {
    url: new URL(url).pathname,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50ms: result.latency.p50,
    latencyP99ms: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    status5xx: result['5xx'],
    errors: result.errors,
    timeouts: result.timeouts,
  }
}

/** Reads a job's event stream until its terminal event; returns that event's name. */
async function followEvents(url: string, signal: AbortSignal): Promise<string> {
  const res = await fetch(url, { signal })
  if (!res.ok || !res.body) throw new Error(`events HTTP ${res.status}`)
  const decoder = new TextDecoder()
  let text = ''
  for await (const bytes of res.body) {
    text += decoder.decode(bytes as Uint8Array, { stream: true })
    const m = /event: (done|failed|cancelled)\n/.exec(text)
    if (m) return m[1]!
  }
  throw new Error('event stream closed without a terminal event')
}

async function runClients(base: string, seconds: number) {
  const stopAt = Date.now() + seconds * 1000
  const stats = { submitted: 0, done: 0, failed: 0, status5xx: 0, status503: 0, otherErrors: 0, latenciesMs: [] as number[] }
  const client = async (c: number) => {
    let n = 0
    while (Date.now() < stopAt) {
      const started = Date.now()
      const res = await fetch(`${base}/api/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ preset: 'us-vc-10y', trials: TRIALS, seed: `load-${c}-${n++}` }),
      })
      if (res.status >= 500) {
        stats.status5xx++
        if (res.status === 503) stats.status503++
        await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000)
        continue
      }
      if (res.status !== 202) {
        stats.otherErrors++
        continue
      }
      stats.submitted++
      const { links } = (await res.json()) as { links: { events: string } }
      const end = await followEvents(`${base}${links.events}`, AbortSignal.timeout(HARD_LIMIT_MS))
      if (end === 'done') {
        stats.done++
        stats.latenciesMs.push(Date.now() - started)
      } else stats.failed++
    }
  }
  const t0 = Date.now()
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)))
  const elapsed = (Date.now() - t0) / 1000
  const sorted = [...stats.latenciesMs].sort((a, b) => a - b)
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN
  return {
    clients: CLIENTS,
    trialsPerRun: TRIALS,
    elapsedSeconds: Math.round(elapsed),
    runsDone: stats.done,
    runsPerMinute: Math.round((stats.done / elapsed) * 60 * 10) / 10,
    trialsPerSecond: Math.round((stats.done * TRIALS) / elapsed),
    runLatencyP50ms: q(0.5),
    runLatencyP95ms: q(0.95),
    failed: stats.failed,
    status5xx: stats.status5xx,
    status503: stats.status503,
    otherErrors: stats.otherErrors,
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'pcsim-load-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const server = spawn(process.execPath, ['--import', apiRequire.resolve('tsx'), '--conditions=@pcsim/source', join(root, 'packages/api/src/server.ts')], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PCSIM_DB: join(dir, 'load.sqlite'),
      PCSIM_LOG_LEVEL: 'warn',
      PCSIM_RATE_LIMIT: '10000000',
      PCSIM_RATE_LIMIT_JOBS: '10000000',
      PCSIM_SHUTDOWN_GRACE_MS: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const exited = new Promise<number | null>((r) => server.on('exit', (code) => r(code)))
  const guard = setTimeout(() => {
    console.error(`load test exceeded ${HARD_LIMIT_MS / 1000} s; stopping`)
    server.kill('SIGKILL')
    process.exit(1)
  }, HARD_LIMIT_MS)
  guard.unref()
  try {
    const readyBy = Date.now() + 60_000
    for (;;) {
      const ok = await fetch(`${base}/api/ready`).then((r) => r.ok, () => false)
      if (ok) break
      if (Date.now() > readyBy) throw new Error('server did not become ready in 60 s')
      await sleep(200)
    }
    const pid = server.pid!
    const memory: Record<string, number> = { ready: rssMiB(pid) }
    // warm-up: one run so worker threads have loaded and compiled the engine
    await runClientsWarmup(base)
    memory.afterWarmup = rssMiB(pid)
    const health = await httpBench(`${base}/api/health`, HTTP_SECONDS)
    const presets = await httpBench(`${base}/api/presets`, HTTP_SECONDS)
    memory.afterHttp = rssMiB(pid)
    const during: number[] = []
    const sampler = setInterval(() => during.push(rssMiB(pid)), 10_000)
    const runs = await runClients(base, RUN_SECONDS)
    clearInterval(sampler)
    memory.afterRuns = rssMiB(pid)
    await sleep(5000)
    memory.afterIdle5s = rssMiB(pid)
    const report = {
      machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
      http: [health, presets],
      runs,
      rssMiB: { ...memory, duringRunsEvery10s: during },
    }
    console.log(JSON.stringify(report, null, 2))
    console.log(
      [
        '',
        `| measurement | value |`,
        `| --- | --- |`,
        `| machine | ${report.machine.cores} cores, ${report.machine.cpu}, node ${report.machine.node} |`,
        ...report.http.map((h) => `| GET ${h.url} | ${h.requestsPerSecond} req/s (p50 ${h.latencyP50ms} ms, p99 ${h.latencyP99ms} ms, 32 connections, ${h.total} requests, ${h.status5xx} × 5xx, ${h.errors} errors) |`),
        `| ${runs.trialsPerRun}-trial us-vc-10y runs, ${runs.clients} clients, ${runs.elapsedSeconds} s | ${runs.runsPerMinute} runs/min (${runs.runsDone} done, ${runs.trialsPerSecond} trials/s, run latency p50 ${runs.runLatencyP50ms} ms, p95 ${runs.runLatencyP95ms} ms, ${runs.failed} failed, ${runs.status5xx} × 5xx) |`,
        `| server RSS (MiB) | ready ${memory.ready}, after warm-up ${memory.afterWarmup}, after HTTP ${memory.afterHttp}, during runs every 10 s ${during.join(' → ')}, after runs ${memory.afterRuns}, idle 5 s later ${memory.afterIdle5s} |`,
      ].join('\n'),
    )
  } finally {
    server.kill('SIGTERM')
    const code = await exited
    console.log(`server stopped with exit code ${code}`)
    rmSync(dir, { recursive: true, force: true })
  }
}

async function runClientsWarmup(base: string) {
  const res = await fetch(`${base}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trials: 2000, seed: 'warm-up' }) })
  const { links } = (await res.json()) as { links: { events: string } }
  await followEvents(`${base}${links.events}`, AbortSignal.timeout(60_000))
}

await main()
