import { compareConfigs, parseConfig, resolveRun, resultDigest, runChunk, runSimulation, type ChunkResult, type SimulationConfig } from '@pcsim/engine'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, listen, postRun, readEvents, removeDir, waitForJob, type TestApp } from '../api/helper.ts'
import {
  CancelledError,
  compareWith,
  decodeChunk,
  decodeChunkSync,
  encodeChunk,
  encodeChunkSync,
  InThreadExecutor,
  queueStatus,
  removeQueue,
  RedisExecutor,
  runWith,
  ThreadPoolExecutor,
  type Executor,
} from '../../packages/runner/src/index.ts'
import { NO_REDIS_REASON, pcsim, REDIS_SERVER, sharedRedis, spawnWorker, startPcsim, until, type WorkerProcess } from './helpers.ts'

const config = (raw: object): SimulationConfig => {
  const parsed = parseConfig(raw)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.config
}

const RUN = config({ template: 'us-vc-10y', run: { trials: 4_000, seed: 42 } })
const FOF = config({ template: 'beijing-fof', run: { trials: 600, seed: 3 } })
const PAIR = [config({ template: 'us-vc-10y', run: { trials: 1_500, seed: 'pair' } }), config({ template: 'gov-angel-fund' })]

/** Every typed array of a chunk as bytes, and everything else as JSON: equal means bit for bit. */
function bytesOf(c: ChunkResult): unknown {
  const b = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex')
  const f = (list: number[]) => b(Float64Array.from(list))
  return {
    range: [c.start, c.end, c.years],
    values: Object.entries(c.values).map(([k, a]) => [k, b(a)]),
    counts: Object.entries(c.counts).map(([k, a]) => [k, b(a)]),
    fan: b(c.fan),
    classes: c.classes.map((m) => m.map(b)),
    reinvestment: c.reinvestment.map(b),
    cells: [c.cellInvested.map(f), c.cellProceeds.map(f), c.governmentCallSums.map(f), c.cellCompanies],
    subFunds: c.subFunds?.map(bytesOf),
  }
}

describe('the chunk codec (what Redis carries)', () => {
  it('gives back every double bit for bit, including -0, NaN and infinities in the exact-sum partials', async () => {
    for (const c of [RUN, FOF, PAIR[1]!]) {
      const chunk = runChunk(resolveRun(c), 10, 60)
      chunk.cellInvested[0] = [-0, Number.NaN, Number.POSITIVE_INFINITY, 1e-310, 0.1 + 0.2]
      const bytes = await encodeChunk(chunk)
      expect(bytesOf(await decodeChunk(bytes))).toEqual(bytesOf(chunk))
      const back = decodeChunkSync(encodeChunkSync(chunk))
      expect(bytesOf(back)).toEqual(bytesOf(chunk))
      expect(Object.is(back.cellInvested[0]![0], -0)).toBe(true)
      expect(() => decodeChunkSync(bytes.subarray(0, bytes.length - 9))).toThrow()
    }
  })
})

describe('in-thread and thread pool', () => {
  it('give the digest of the engine\'s single-thread run, whatever the chunk size', async () => {
    const reference = resultDigest(runSimulation(RUN))
    const pool = new ThreadPoolExecutor(2)
    try {
      for (const [executor, chunkSize] of [
        [new InThreadExecutor(), 700],
        [pool, 500],
        [pool, 1_333],
      ] as Array<[Executor, number]>) {
        let last = 0
        const result = await runWith(executor, RUN, { chunkSize, onProgress: (done, total) => ((last = done), expect(total).toBe(4_000)) })
        expect(resultDigest(result), `${executor.kind} / ${chunkSize}`).toBe(reference)
        expect(last).toBe(4_000)
      }
      expect(resultDigest(await compareWith(pool, PAIR, { chunkSize: 400 }))).toBe(resultDigest(compareConfigs(PAIR)))
    } finally {
      await pool.close()
    }
  })
})

describe.skipIf(!REDIS_SERVER)('Redis: two `pcsim worker` processes', () => {
  let redis: Awaited<ReturnType<typeof sharedRedis>>
  let workers: WorkerProcess[] = []
  let executor: RedisExecutor
  const idle = async () => {
    const s = await queueStatus(redis.url, redis.queue)
    return s.waiting + s.active + s.delayed === 0
  }

  beforeAll(async () => {
    redis = await sharedRedis()
    workers = [spawnWorker(redis.url, redis.queue), spawnWorker(redis.url, redis.queue)]
    await Promise.all(workers.map((w) => w.ready))
    executor = await RedisExecutor.create({ url: redis.url, queue: redis.queue, watchMs: 300 })
  }, 90_000)

  afterAll(async () => {
    await executor?.close()
    if (redis) await removeQueue(redis.url, redis.queue).catch(() => undefined)
    const codes = await Promise.all(workers.map((w) => w.stop()))
    await redis?.stop()
    expect(codes).toEqual(workers.map(() => 0)) // SIGTERM: a graceful stop
  }, 60_000)

  it('gives the same digest as in-thread and the thread pool, for a run, a fund-of-funds and a comparison', async () => {
    let last = 0
    let over = false
    const result = await runWith(executor, RUN, {
      chunkSize: 500,
      onProgress: (done, total) => {
        last = done
        over ||= done > total
      },
    })
    expect(resultDigest(result)).toBe(resultDigest(runSimulation(RUN)))
    expect(last).toBe(4_000)
    expect(over).toBe(false)
    expect(resultDigest(await runWith(executor, FOF, { chunkSize: 150 }))).toBe(resultDigest(runSimulation(FOF)))
    expect(resultDigest(await compareWith(executor, PAIR, { chunkSize: 400 }))).toBe(resultDigest(compareConfigs(PAIR)))
    // Nothing is left behind in Redis.
    expect(await queueStatus(redis.url, redis.queue)).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0, workers: 2 })
  })

  it('cancel: the run rejects at once, waiting chunks are removed and the workers stop taking them', async () => {
    const controller = new AbortController()
    const many = config({ template: 'us-vc-10y', run: { trials: 30_000, seed: 1 } })
    const run = runWith(executor, many, { chunkSize: 500, signal: controller.signal, onProgress: () => controller.abort() })
    const started = Date.now()
    await expect(run).rejects.toBeInstanceOf(CancelledError)
    expect(Date.now() - started).toBeLessThan(20_000)
    await until(idle, 5_000, 'the queue to empty after cancel')
    // The workers are still well and take the next run.
    expect(resultDigest(await runWith(executor, RUN, { chunkSize: 1_000 }))).toBe(resultDigest(runSimulation(RUN)))
  })

  it('the CLI gives byte-identical JSON on its default thread pool, in-thread and on the Redis workers', async () => {
    const args = ['run', 'us-vc-10y', '--trials', '8000', '--seed', '9', '--format', 'json']
    const [byDefault, inThread, onRedis] = await Promise.all([
      pcsim(args),
      pcsim(args, { PCSIM_EXECUTOR: 'in-thread' }),
      pcsim(args, { PCSIM_REDIS_URL: redis.url, PCSIM_REDIS_QUEUE: redis.queue }),
    ])
    for (const r of [byDefault, inThread, onRedis]) {
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
    }
    expect(byDefault.stdout).toBe(inThread.stdout)
    expect(onRedis.stdout).toBe(inThread.stdout)
    const compare = ['compare', 'us-vc-10y', 'gov-angel-fund', '--trials', '4000', '--seed', '2', '--format', 'json']
    const [c1, c2] = await Promise.all([pcsim(compare, { PCSIM_EXECUTOR: 'thread-pool' }), pcsim(compare, { PCSIM_REDIS_URL: redis.url, PCSIM_REDIS_QUEUE: redis.queue })])
    expect(c1.code).toBe(0)
    expect(c2.stdout).toBe(c1.stdout)
  })

  it('Ctrl-C on `pcsim run` cancels its chunks on the workers (exit 130)', async () => {
    const run = startPcsim(['run', 'us-vc-10y', '--trials', '300000', '--format', 'json'], { PCSIM_REDIS_URL: redis.url, PCSIM_REDIS_QUEUE: redis.queue })
    await until(async () => (await queueStatus(redis.url, redis.queue)).running.some((c) => c.done > 0), 30_000, 'the CLI run to start on the workers')
    run.child.kill('SIGINT')
    const result = await run.done
    expect(result.code).toBe(130)
    expect(result.stderr).toMatch(/pcsim: interrupted; the run was cancelled/)
    expect(result.stdout).toBe('')
    await until(idle, 5_000, 'the queue to empty after Ctrl-C')
  })

  describe('the API with PCSIM_REDIS_URL', () => {
    let t: TestApp
    let base: string
    beforeAll(async () => {
      t = await createTestApp({ PCSIM_REDIS_URL: redis.url, PCSIM_REDIS_QUEUE: redis.queue, PCSIM_CHUNK_SIZE: '500' })
      base = await listen(t.app)
      await until(() => t.app.services.state.poolReady, 30_000, 'the API executor')
    }, 60_000)
    afterAll(async () => {
      await t?.close()
      removeDir(t.dir)
    })

    it('streams progress from the workers and stores the single-thread result', async () => {
      const res = await postRun(t.app, { preset: 'us-vc-10y', trials: 3_000, seed: 5 })
      expect(res.statusCode).toBe(202)
      const { id } = res.json() as { id: string }
      const events = await readEvents(`${base}/api/runs/${id}/events`)
      const progress = events.filter((e) => e.event === 'progress').map((e) => e.data.done as number)
      expect(progress.length).toBeGreaterThan(1)
      expect(progress).toEqual([...progress].sort((a, b) => a - b))
      expect(progress.at(-1)).toBe(3_000)
      expect(events.at(-1)).toEqual({ event: 'done', data: { id, status: 'done' } })
      const job = await waitForJob(t.app, `/api/runs/${id}`)
      expect(resultDigest(job.result)).toBe(resultDigest(runSimulation(config({ template: 'us-vc-10y', run: { trials: 3_000, seed: 5 } }))))
    })

    it('cancel (DELETE) reaches the workers: the queue empties', async () => {
      const res = await postRun(t.app, { preset: 'us-vc-10y', trials: 200_000, seed: 6 })
      const { id } = res.json() as { id: string }
      await until(async () => (await t.app.inject({ method: 'GET', url: `/api/runs/${id}` })).json().progress.done > 0, 30_000, 'the run to make progress')
      expect((await t.app.inject({ method: 'DELETE', url: `/api/runs/${id}` })).statusCode).toBe(202)
      await until(idle, 5_000, 'the queue to empty after DELETE')
      expect((await waitForJob(t.app, `/api/runs/${id}`)).status).toBe('cancelled')
    })

    it('a failed run stores the executor\'s code and reason', async () => {
      // No worker reads this queue, and the executor gives up quickly.
      const lonely = await createTestApp({ PCSIM_REDIS_URL: redis.url, PCSIM_REDIS_QUEUE: `${redis.queue}-nobody`, PCSIM_REDIS_NO_WORKER_MS: '1000' })
      try {
        const { id } = (await postRun(lonely.app, { preset: 'us-vc-10y', trials: 1_000 })).json() as { id: string }
        const job = await waitForJob(lonely.app, `/api/runs/${id}`, 30_000)
        expect(job.status).toBe('failed')
        expect(job.error.code).toBe('PCSIM_ERR_NO_WORKERS')
        expect(job.error.message).toMatch(/pcsim worker --redis/)
      } finally {
        await lonely.close()
        removeDir(lonely.dir)
        await removeQueue(redis.url, `${redis.queue}-nobody`).catch(() => undefined)
      }
    })
  })
}, 180_000)

if (!REDIS_SERVER) describe('Redis', () => it.skip(NO_REDIS_REASON, () => undefined))
