import { parseConfig, resultDigest, runSimulation, type SimulationConfig } from '@pcsim/engine'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createExecutor, queueStatus, RedisExecutor, RedisRunError, runWith, type RunningChunk } from '../../packages/runner/src/index.ts'
import { freePort, NO_REDIS_REASON, pcsim, REDIS_SERVER, spawnWorker, startPrivateRedis, until, type PrivateRedis, type WorkerProcess } from './helpers.ts'

const config = (raw: object): SimulationConfig => {
  const parsed = parseConfig(raw)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.config
}

/** A fund-of-funds: about a second per 3,000-trial chunk, long enough to kill a worker in the middle of one. */
const HEAVY = config({ template: 'beijing-fof', run: { trials: 9_000, seed: 77 } })
const CHUNK = 3_000
const QUEUE = 'pcsim-faults'

/** How a run ended: its digest, or its error code. */
async function outcome(run: Promise<unknown>): Promise<{ digest?: string; code?: string; message?: string; ms: number }> {
  const started = Date.now()
  try {
    return { digest: resultDigest(await run), ms: Date.now() - started }
  } catch (error) {
    return { code: (error as { code?: string }).code ?? 'none', message: (error as Error).message, ms: Date.now() - started }
  }
}

describe('Redis unreachable at start: a clear error, no hang', () => {
  it('the executor, `pcsim run` and `pcsim worker` fail within seconds with PCSIM_ERR_REDIS_UNAVAILABLE', async () => {
    const closed = `redis://127.0.0.1:${await freePort()}`
    let started = Date.now()
    await expect(RedisExecutor.create({ url: closed })).rejects.toMatchObject({ code: 'PCSIM_ERR_REDIS_UNAVAILABLE', message: expect.stringContaining('Redis is not reachable at redis://127.0.0.1') })
    await expect(createExecutor({ redisUrl: closed })).rejects.toBeInstanceOf(RedisRunError)
    expect(Date.now() - started).toBeLessThan(5_000)

    started = Date.now()
    const [worker, run, noUrl, badUrl] = await Promise.all([
      pcsim(['worker', '--redis', closed]),
      pcsim(['run', 'us-vc-10y', '--trials', '100'], { PCSIM_REDIS_URL: closed }),
      pcsim(['worker'], { PCSIM_REDIS_URL: '' }),
      pcsim(['worker', '--redis', 'http://localhost:6379']),
    ])
    expect(worker.code).toBe(2)
    expect(worker.stderr).toMatch(/^pcsim: Redis is not reachable at redis:\/\/127\.0\.0\.1:\d+: .*\(PCSIM_ERR_REDIS_UNAVAILABLE\)/)
    expect(worker.stdout).toBe('')
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/PCSIM_ERR_REDIS_UNAVAILABLE/)
    expect(run.stdout).toBe('')
    expect(noUrl.code).toBe(2)
    expect(noUrl.stderr).toMatch(/pcsim worker needs a Redis URL/)
    expect(badUrl.code).toBe(2)
    expect(badUrl.stderr).toMatch(/--redis: must be a URL like redis:/)
    expect(Date.now() - started).toBeLessThan(60_000)
  })
})

describe.skipIf(!REDIS_SERVER)('faults on a private Redis (append-only file, so a restart keeps the data)', () => {
  let redis: PrivateRedis
  let workers: WorkerProcess[] = []
  let executor: RedisExecutor
  let reference: string

  const startWorker = async () => {
    const w = spawnWorker(redis.url, QUEUE)
    workers.push(w)
    await w.ready
    return w
  }

  beforeAll(async () => {
    redis = await startPrivateRedis(true)
    const ready = Promise.all([startWorker(), startWorker()])
    reference = resultDigest(runSimulation(HEAVY))
    await ready
    executor = await RedisExecutor.create({ url: redis.url, queue: QUEUE, watchMs: 250, outageMs: 8_000 })
  }, 90_000)

  afterAll(async () => {
    await executor?.close()
    await Promise.all(workers.map((w) => w.kill()))
    await redis?.stop()
  })

  it('a worker killed (SIGKILL) in the middle of a chunk: the chunk is retried on the other worker, counted once, same digest', async () => {
    const [a, b] = workers.slice(-2) as [WorkerProcess, WorkerProcess]
    let last = 0
    let over = false
    const seen: RunningChunk[] = []
    let finished = false
    const run = runWith(executor, HEAVY, {
      chunkSize: CHUNK,
      onProgress: (done, total) => {
        last = done
        over ||= done > total
      },
    }).finally(() => (finished = true))
    // Kill A once it has reported progress on a chunk (so it is inside that chunk).
    let victim: RunningChunk | undefined
    await until(async () => {
      const running = (await queueStatus(redis.url, QUEUE)).running
      seen.push(...running)
      victim = running.find((c) => c.worker === a.name && c.done > 0 && c.done < c.end - c.start)
      return victim !== undefined || finished
    }, 30_000, 'worker A to be inside a chunk', 20)
    expect(victim, 'A never ran a chunk').toBeDefined()
    await a.kill()
    // Watch the run: the victim's trials must be run again, by B.
    const watching = (async () => {
      while (!finished) {
        seen.push(...(await queueStatus(redis.url, QUEUE)).running)
        await new Promise((r) => setTimeout(r, 50))
      }
    })()
    const result = await outcome(run)
    await watching
    expect(result).toMatchObject({ digest: reference })
    expect(seen.some((c) => c.start === victim!.start && c.worker === b.name)).toBe(true)
    expect(last).toBe(HEAVY.run.trials)
    expect(over).toBe(false)
    await startWorker() // two workers again for the next tests
  })

  it('a chunk that fails on every try marks the run failed with the reason (PCSIM_ERR_CHUNK_FAILED)', async () => {
    const broken = { ...config({ template: 'us-vc-10y', run: { trials: 1_000, seed: 1 } }), strategy: null } as unknown as SimulationConfig
    const result = await outcome(runWith(executor, broken, { chunkSize: 500 }))
    expect(result.code).toBe('PCSIM_ERR_CHUNK_FAILED')
    expect(result.message).toMatch(/failed 3 time\(s\) on the workers: .*Cannot read properties of null/)
    expect(result.ms).toBeLessThan(20_000)
    // the other chunk is withdrawn: removed if waiting, stopped at its next step if a worker holds it
    await until(async () => {
      const status = await queueStatus(redis.url, QUEUE)
      return status.waiting + status.active + status.delayed === 0
    }, 10_000, 'the run\'s other chunk to leave the queue')
    expect(workers.at(-1)!.output() + workers.at(-2)!.output()).toMatch(/pcsim worker: trials \d+-\d+ failed \(attempt \d\): Cannot read properties of null/)
  })

  it('Redis restarted mid-run with its data: the run resumes and gives the same digest', async () => {
    let restarted: Promise<void> | undefined
    const result = await outcome(
      runWith(executor, HEAVY, { chunkSize: CHUNK, onProgress: () => void (restarted ??= redis.restart({ signal: 'SIGTERM', downMs: 1_000 })) }),
    )
    await restarted
    expect(restarted).toBeDefined()
    expect(result).toMatchObject({ digest: reference })
    expect(result.ms).toBeLessThan(45_000)
  })

  it('Redis restarted mid-run without its data: the run fails with PCSIM_ERR_CHUNK_LOST in bounded time, never a wrong result', async () => {
    let restarted: Promise<void> | undefined
    const result = await outcome(
      runWith(executor, HEAVY, { chunkSize: CHUNK / 2, onProgress: () => void (restarted ??= redis.restart({ wipe: true, downMs: 500 })) }),
    )
    await restarted
    if (result.digest) expect(result.digest).toBe(reference)
    else expect(['PCSIM_ERR_CHUNK_LOST', 'PCSIM_ERR_REDIS_UNAVAILABLE']).toContain(result.code)
    expect(result.ms).toBeLessThan(30_000)
    // The workers reconnect and take the next run.
    const small = config({ template: 'us-vc-10y', run: { trials: 2_000, seed: 3 } })
    expect(await outcome(runWith(executor, small, { chunkSize: 500 }))).toMatchObject({ digest: resultDigest(runSimulation(small)) })
  })

  it('Redis down for longer than the outage limit: PCSIM_ERR_REDIS_UNAVAILABLE, not a hang', async () => {
    const impatient = await RedisExecutor.create({ url: redis.url, queue: QUEUE, watchMs: 250, outageMs: 2_000 })
    try {
      let restarted: Promise<void> | undefined
      const result = await outcome(runWith(impatient, HEAVY, { chunkSize: CHUNK, onProgress: () => void (restarted ??= redis.restart({ downMs: 6_000 })) }))
      expect(result.code).toBe('PCSIM_ERR_REDIS_UNAVAILABLE')
      expect(result.message).toMatch(/lost contact with Redis/)
      expect(result.ms).toBeLessThan(15_000)
      await restarted
    } finally {
      await impatient.close()
    }
  })
}, 240_000)

if (!REDIS_SERVER) describe('Redis faults', () => it.skip(NO_REDIS_REASON, () => undefined))
