/**
 * `pnpm bench:scale`: how the runner scales on this machine, and what that predicts for many.
 *
 *  1. Speed-up of the thread pool from 1 to 2 threads (wall-clock, CPU-heavy run).
 *  2. The coordinator's own work: merge + summarise, and decoding a chunk from Redis.
 *  3. The Redis path: encoded size of a 5,000-trial chunk, per-chunk overhead (many tiny chunks
 *     through Redis with one `pcsim worker` against the same chunks in-thread), round-trip latency,
 *     and a full run on 1 and 2 worker processes.
 *  4. An Amdahl estimate for 10 and 100 machines (2 workers each) from those figures.
 *
 * Redis: PCSIM_REDIS_URL, or a private redis-server on a free loopback port (skipped if missing).
 * Options: --trials N (default 100000), --template ID (default us-vc-10y), --repeat N (default 3),
 * --json FILE (write the figures).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { cpus, loadavg, totalmem, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { mergeChunks, parseConfig, resolveRun, runChunk, summarise, ENGINE_VERSION, type SimulationConfig } from '@pcsim/engine'
import { Redis } from 'ioredis'
import { decodeChunkSync, encodeChunkSync, InThreadExecutor, RedisExecutor, removeQueue, runWith, ThreadPoolExecutor, type Executor } from '@pcsim/runner'

const ROOT = resolve(import.meta.dirname, '../../..')
const argv = process.argv.slice(2)
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback
}
const TRIALS = Number(opt('trials', '100000'))
const TEMPLATE = opt('template', 'us-vc-10y')
const REPEAT = Number(opt('repeat', '3'))
const CHUNK = 5_000

const parsed = (input: object): SimulationConfig => {
  const r = parseConfig(input)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const seconds = async (f: () => Promise<unknown>) => {
  const t = performance.now()
  await f()
  return (performance.now() - t) / 1000
}
/** Median wall-clock of `n` runs of f, one after another. */
async function timed(n: number, f: () => unknown): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < n; i++) times.push(await seconds(async () => f()))
  return median(times)
}
const fmt = (x: number, d = 2) => x.toFixed(d)
const log = (line: string) => process.stdout.write(`${line}\n`)

const config = parsed({ template: TEMPLATE, run: { trials: TRIALS, seed: 2026 } })
const figures: Record<string, number | string> = {
  machine: `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.versions.node}, engine ${ENGINE_VERSION}`,
  loadBefore: loadavg()[0]!.toFixed(2),
  template: TEMPLATE,
  trials: TRIALS,
}
log(`# pcsim scale-out benchmark\n\n${figures.machine}; load average ${figures.loadBefore}\n${TEMPLATE}, ${TRIALS.toLocaleString('en')} trials, chunks of ${CHUNK}, median of ${REPEAT}\n`)

/** Wall-clock of a whole run on an executor (the executor is already warm). */
async function timeRun(executor: Executor, c: SimulationConfig, chunkSize = CHUNK, repeat = REPEAT): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < repeat; i++) times.push(await seconds(() => runWith(executor, c, { chunkSize })))
  return median(times)
}
const warm = (executor: Executor, threads: number) => Promise.all(Array.from({ length: threads }, (_, i) => executor.runChunk({ config, start: i, end: i + 1 })))

// 1. Thread pool, 1 → 2 threads: interleaved (1, 2, 1, 2, …) so drifting load on the machine
// hits both alike; wall-clock and CPU seconds of this process (all its threads).
{
  const pools = { 1: new ThreadPoolExecutor(1), 2: new ThreadPoolExecutor(2) }
  await warm(pools[1], 1)
  await warm(pools[2], 2)
  const wall: Record<1 | 2, number[]> = { 1: [], 2: [] }
  const cpu: Record<1 | 2, number[]> = { 1: [], 2: [] }
  for (let i = 0; i < REPEAT; i++)
    for (const n of [1, 2] as const) {
      const c0 = process.cpuUsage()
      wall[n].push(await seconds(() => runWith(pools[n], config, { chunkSize: CHUNK })))
      const used = process.cpuUsage(c0)
      cpu[n].push((used.user + used.system) / 1e6)
    }
  await Promise.all([pools[1].close(), pools[2].close()])
  const t1 = median(wall[1])
  const t2 = median(wall[2])
  Object.assign(figures, { pool1: t1, pool2: t2, poolSpeedUp: t1 / t2, pool1Cpu: median(cpu[1]), pool2Cpu: median(cpu[2]), rate: TRIALS / t1, poolRuns: JSON.stringify(wall) })
  log(
    `## Thread pool (runWith, wall-clock, ${REPEAT} runs each, interleaved)\n- 1 thread: ${fmt(t1)} s (${Math.round(TRIALS / t1).toLocaleString('en')} trials/s), ${fmt(median(cpu[1]))} CPU s\n- 2 threads: ${fmt(t2)} s, ${fmt(median(cpu[2]))} CPU s (runs: ${wall[2].map((x) => fmt(x)).join(', ')} against ${wall[1].map((x) => fmt(x)).join(', ')})\n- speed-up: ${fmt(t1 / t2)}× (best pair ${fmt(Math.min(...wall[1]) / Math.min(...wall[2]))}×)\n`,
  )
}

// 2. The coordinator: merge + summarise, encode / decode of one chunk.
{
  const run = resolveRun(config)
  const chunks = Array.from({ length: Math.ceil(TRIALS / CHUNK) }, (_, i) => runChunk(run, i * CHUNK, Math.min(TRIALS, (i + 1) * CHUNK)))
  const merge = await timed(3, () => summarise(run, mergeChunks(chunks)))
  const text = encodeChunkSync(chunks[0]!)
  const enc = await timed(7, () => encodeChunkSync(chunks[0]!))
  const dec = await timed(7, () => decodeChunkSync(text))
  const fof = resolveRun(parsed({ template: 'beijing-fof', run: { trials: CHUNK, seed: 1 } }))
  const fofBytes = encodeChunkSync(runChunk(fof, 0, CHUNK)).length
  Object.assign(figures, { mergeSummarise: merge, chunkBytes: text.length, fofChunkBytes: fofBytes, encodeMs: enc * 1000, decodeMs: dec * 1000 })
  log(
    `## Coordinator\n- merge + summarise ${TRIALS.toLocaleString('en')} trials: ${fmt(merge, 3)} s\n- encoded 5,000-trial chunk: ${text.length.toLocaleString('en')} bytes (beijing-fof with 3 sub-funds: ${fofBytes.toLocaleString('en')})\n- encode on the worker: ${fmt(enc * 1000, 1)} ms, decode on the coordinator: ${fmt(dec * 1000, 1)} ms per chunk\n`,
  )
}

// 3. Redis.
const redisBinary = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim()
  } catch {
    return ''
  }
})()
const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => ok(port))
    })
  })
const children: ChildProcess[] = []
let redisDir = ''
let url = process.env.PCSIM_REDIS_URL ?? ''
if (!url && redisBinary) {
  const port = await freePort()
  redisDir = mkdtempSync(join(tmpdir(), 'pcsim-bench-redis-'))
  children.push(spawn(redisBinary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir], { stdio: 'ignore' }))
  url = `redis://127.0.0.1:${port}`
  await new Promise((r) => setTimeout(r, 300))
}

/** A `pcsim worker` process on the compiled CLI, as in production. */
function worker(queue: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'packages/cli/dist/main.js'), 'worker', '--redis', url, '--queue', queue], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  return new Promise((ok, fail) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && ok(child))
    child.on('exit', (code) => fail(new Error(`worker exited with ${code}`)))
  })
}
const stop = async (child: ChildProcess) => {
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

try {
  if (!url) log('## Redis\nskipped: no PCSIM_REDIS_URL and no redis-server binary\n')
  else {
    const queue = `pcsim-bench-${process.pid}`
    const executor = await RedisExecutor.create({ url, queue })
    const info = new Redis(url)
    /** CPU seconds Redis itself has used (it is single-threaded: its CPU per chunk is a serial cost). */
    const redisCpu = async () => {
      const text = await info.info('cpu')
      const get = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(text)?.[1] ?? 0)
      return get('used_cpu_user') + get('used_cpu_sys')
    }
    const w1 = await worker(queue)
    // Warm the worker's thread (it loads the engine on its first chunk).
    await runWith(executor, parsed({ template: TEMPLATE, run: { trials: 20, seed: 1 } }), { chunkSize: 10 })

    // Per-chunk overhead: N tiny chunks, all queued, one worker; against the same chunks in-thread.
    const N = 400
    const tiny = parsed({ template: TEMPLATE, run: { trials: N * 5, seed: 3 } })
    const inThread = new InThreadExecutor()
    await runWith(inThread, tiny, { chunkSize: 5 })
    const tLocal = await timed(3, () => runWith(inThread, tiny, { chunkSize: 5 }))
    const redis0 = await redisCpu()
    const cpu0 = process.cpuUsage()
    const tRedis = await timed(3, () => runWith(executor, tiny, { chunkSize: 5 }))
    const cpuUsed = process.cpuUsage(cpu0)
    const coordMs = ((cpuUsed.user + cpuUsed.system) / 1e3) / (3 * N)
    const redisMs = ((await redisCpu()) - redis0) * 1e3 / (3 * N)
    const overheadMs = ((tRedis - tLocal) / N) * 1000
    // Round trip of one chunk at a time (latency, nothing queued behind it).
    const trips: number[] = []
    for (let i = 0; i < 40; i++) trips.push(await seconds(() => executor.runChunk({ config: tiny, start: i * 5, end: i * 5 + 5 })))
    const tripMs = median(trips) * 1000

    const r1 = await timeRun(executor, config, CHUNK, 1)
    const w2 = await worker(queue)
    await runWith(executor, parsed({ template: TEMPLATE, run: { trials: 20, seed: 1 } }), { chunkSize: 10 })
    const redisBefore = await redisCpu()
    const r2 = await timeRun(executor, config, CHUNK, 1)
    const redisBigMs = ((await redisCpu()) - redisBefore) * 1e3 / Math.ceil(TRIALS / CHUNK)
    await info.quit()
    Object.assign(figures, { redisOverheadMs: overheadMs, coordinatorCpuMsPerChunk: coordMs, redisCpuMsPerChunk: redisMs, redisCpuMsPer5000: redisBigMs, redisRoundTripMs: tripMs, redis1: r1, redis2: r2, redisSpeedUp: r1 / r2 })
    log(
      `## Redis (${url.replace(/\/\/[^@]*@/, '//***@')})\n- per-chunk overhead, ${N} chunks of 5 trials queued at once, 1 worker process: ${fmt(overheadMs, 2)} ms per chunk of wall-clock (${fmt(tRedis, 2)} s against ${fmt(tLocal, 2)} s in-thread)\n  - of which serial: coordinator CPU ${fmt(coordMs, 2)} ms, Redis CPU ${fmt(redisMs, 2)} ms per chunk\n- round trip of one chunk alone: ${fmt(tripMs, 1)} ms\n- Redis CPU per 5,000-trial chunk (store + read + delete): ${fmt(redisBigMs, 2)} ms\n- ${TRIALS.toLocaleString('en')} trials on 1 worker process: ${fmt(r1)} s; on 2: ${fmt(r2)} s (${fmt(r1 / r2)}×; the coordinator, Redis and both workers share the same 2 cores)\n`,
    )
    await executor.close()
    await Promise.all([stop(w1), stop(w2)])
    await removeQueue(url, queue)
  }
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
  if (redisDir) rmSync(redisDir, { recursive: true, force: true })
}

// 4. Amdahl estimate for P = machines × 2 workers.
{
  const rate = figures.rate as number
  const perChunk = ((figures.redisOverheadMs as number | undefined) ?? 7) / 1000 // worker side, in parallel
  const serialPerChunk = (((figures.coordinatorCpuMsPerChunk as number | undefined) ?? 2) + ((figures.redisCpuMsPerChunk as number | undefined) ?? 0.5)) / 1000
  const encode = (figures.encodeMs as number) / 1000
  const decode = (figures.decodeMs as number) / 1000
  const redisBytes = ((figures.redisCpuMsPer5000 as number | undefined) ?? 1) / 1000
  const bytes = figures.chunkBytes as number
  const mergePerTrial = (figures.mergeSummarise as number) / TRIALS
  const lines = [
    '## Estimate for many machines (2 worker threads each)',
    '',
    'w = c/r + o + e·c/5000 (a worker, per chunk, in parallel); s = s0 + (d + R + 2b/B)·c/5000 (coordinator + Redis, per chunk, one at a time)',
    'T(P) = max(ceil(K/P)·w, K·s) + s + m·n, against T(1) = n/r + m·n',
    '',
    '| trials n | chunk c | machines | workers P | chunks K | T(1) s | T(P) s, 1 Gbit/s | speed-up | T(P) s, 10 Gbit/s | speed-up |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  const rows: Array<Record<string, number>> = []
  for (const n of [1_000_000, 10_000_000])
    for (const machines of [1, 10, 100])
      for (const c of [2_000, 5_000, 20_000]) {
        const P = machines * 2
        const K = Math.ceil(n / c)
        const w = c / rate + perChunk + encode * (c / CHUNK)
        // Every chunk crosses the network twice (worker → Redis → coordinator) at `bandwidth` bytes/s.
        const tp = (bandwidth: number) => {
          const sc = serialPerChunk + (decode + redisBytes + (2 * bytes) / bandwidth) * (c / CHUNK)
          return Math.max(Math.ceil(K / P) * w, K * sc) + sc + mergePerTrial * n
        }
        const t1 = n / rate + mergePerTrial * n
        const [slow, fast] = [tp(125e6), tp(1.25e9)]
        rows.push({ n, c, machines, P, K, t1, tp1g: slow, tp10g: fast })
        lines.push(`| ${n.toLocaleString('en')} | ${c.toLocaleString('en')} | ${machines} | ${P} | ${K} | ${fmt(t1, 1)} | ${fmt(slow, 2)} | ${fmt(t1 / slow, 1)}× | ${fmt(fast, 2)} | ${fmt(t1 / fast, 1)}× |`)
      }
  lines.push(
    '',
    `r = ${Math.round(rate).toLocaleString('en')} trials/s per worker thread; o = ${fmt(perChunk * 1000, 2)} ms; e = ${fmt(encode * 1000, 1)} ms, d = ${fmt(decode * 1000, 1)} ms, R = ${fmt(redisBytes * 1000, 2)} ms (Redis CPU) and b = ${bytes.toLocaleString('en')} bytes per 5,000 trials; s0 = ${fmt(serialPerChunk * 1000, 2)} ms; B = 1 or 10 Gbit/s; m = ${fmt(mergePerTrial * 1e6, 2)} µs per trial (merge + summarise on the coordinator).`,
  )
  for (const line of lines) log(line)
  figures.model = JSON.stringify(rows)
}
const jsonOut = opt('json', '')
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(figures, null, 2))
