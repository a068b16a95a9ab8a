import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig, type SimulationConfig } from '@pcsim/engine'
import { parseSpace, runOptimise, runSensitivity, runSolve, runTrialsInThread } from '@pcsim/engine/decide'
import { InThreadExecutor, RedisExecutor, removeQueue, ThreadPoolExecutor, trialsOn } from '../../packages/runner/src/index.ts'
import { NO_REDIS_REASON, REDIS_SERVER, sharedRedis, spawnWorker, type WorkerProcess } from './helpers.ts'

const config = (raw: object): SimulationConfig => {
  const parsed = parseConfig(raw)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.config
}

const BASE = config({ template: 'gov-angel-fund', run: { trials: 700, seed: 'exec' } })
const pool = new ThreadPoolExecutor(2)
const inThread = new InThreadExecutor()
afterAll(async () => {
  await pool.close()
  await inThread.close()
})

/** Everything the tools return, as JSON: equal means the same numbers to the last bit (JSON keeps every double). */
const json = (x: unknown) => JSON.stringify(x)

const sens = (run: Parameters<typeof runSensitivity>[1]) =>
  runSensitivity({ config: BASE, vary: ['reserveShare=0.3:0.6:3', 'exitValue=0.8:1.2'], metrics: ['p50(netTvpi)', 'probLoss', 'class("government").mean(netTvpi)'] }, run)
const solve = (run: Parameters<typeof runSolve>[1]) => runSolve({ config: BASE, lever: 'exitValue', target: 'p50(netTvpi) = 1.2', range: '0.5:2', iterations: 4 }, run)
const opt = (run: Parameters<typeof runOptimise>[1]) =>
  runOptimise({ config: BASE, space: parseSpace({ reserveShare: [0.2, 0.6], companies: [10, 40], objective: 'p50(netTvpi)', candidates: 4, finalists: 2 }), budget: { trials: 4 * 100 * 3 } }, run)
let reference: Promise<string[]> | undefined
const referenceJson = () => (reference ??= Promise.all([sens(runTrialsInThread), solve(runTrialsInThread), opt(runTrialsInThread)]).then((r) => r.map(json)))

describe('decision tools on the runner executors', () => {
  it('sensitivity, solve and optimise give the same numbers in this thread, on a thread pool and chunked differently', async () => {
    const expected = await referenceJson()
    for (const run of [trialsOn(inThread, 250), trialsOn(pool, 300), trialsOn(pool, 64)]) {
      expect([await sens(run), await solve(run), await opt(run)].map(json)).toEqual(expected)
    }
  })

  it('stops when cancelled', async () => {
    const controller = new AbortController()
    const job = runSensitivity({ config: BASE, vary: ['reserveShare=0.3:0.6:5'], metrics: ['probLoss'], signal: controller.signal, onProgress: () => controller.abort() }, trialsOn(pool, 50))
    await expect(job).rejects.toMatchObject({ code: 'PCSIM_ERR_CANCELLED' })
  })
})

describe.skipIf(!REDIS_SERVER)('decision tools on BullMQ workers', () => {
  let redis: Awaited<ReturnType<typeof sharedRedis>>
  let workers: WorkerProcess[] = []
  let executor: RedisExecutor
  beforeAll(async () => {
    redis = await sharedRedis()
    workers = [spawnWorker(redis.url, redis.queue), spawnWorker(redis.url, redis.queue)]
    await Promise.all(workers.map((w) => w.ready))
    executor = await RedisExecutor.create({ url: redis.url, queue: redis.queue, watchMs: 300 })
  }, 90_000)
  afterAll(async () => {
    await executor?.close()
    if (redis) await removeQueue(redis.url, redis.queue).catch(() => undefined)
    await Promise.all(workers.map((w) => w.stop()))
    await redis?.stop()
  }, 60_000)

  it('give the same numbers on two `pcsim worker` processes as in this thread', async () => {
    const run = trialsOn(executor, 250)
    expect([await sens(run), await solve(run), await opt(run)].map(json)).toEqual(await referenceJson())
  })
})
if (!REDIS_SERVER) describe('decision tools on BullMQ workers', () => it.skip(NO_REDIS_REASON, () => undefined))
