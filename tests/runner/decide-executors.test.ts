import { afterAll, describe, expect, it } from 'vitest'
import { parseConfig, type SimulationConfig } from '@pcsim/engine'
import { parseSpace, runOptimise, runSensitivity, runSolve, runTrialsInThread } from '@pcsim/engine/decide'
import { InThreadExecutor, ThreadPoolExecutor, trialsOn } from '../../packages/runner/src/index.ts'

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

describe('decision tools on the runner executors', () => {
  it('sensitivity, solve and optimise give the same numbers in this thread, on a thread pool and chunked differently', async () => {
    const sens = (run: Parameters<typeof runSensitivity>[1]) =>
      runSensitivity({ config: BASE, vary: ['reserveShare=0.3:0.6:3', 'exitValue=0.8:1.2'], metrics: ['p50(netTvpi)', 'probLoss', 'class("government").mean(netTvpi)'] }, run)
    const solve = (run: Parameters<typeof runSolve>[1]) => runSolve({ config: BASE, lever: 'exitValue', target: 'p50(netTvpi) = 1.2', range: '0.5:2', iterations: 4 }, run)
    const opt = (run: Parameters<typeof runOptimise>[1]) =>
      runOptimise({ config: BASE, space: parseSpace({ reserveShare: [0.2, 0.6], companies: [10, 40], objective: 'p50(netTvpi)', candidates: 4, finalists: 2 }), budget: { trials: 4 * 100 * 3 } }, run)
    const reference = [await sens(runTrialsInThread), await solve(runTrialsInThread), await opt(runTrialsInThread)].map(json)
    for (const run of [trialsOn(inThread, 250), trialsOn(pool, 300), trialsOn(pool, 64)]) {
      expect([await sens(run), await solve(run), await opt(run)].map(json)).toEqual(reference)
    }
  })

  it('stops when cancelled', async () => {
    const controller = new AbortController()
    const job = runSensitivity({ config: BASE, vary: ['reserveShare=0.3:0.6:5'], metrics: ['probLoss'], signal: controller.signal, onProgress: () => controller.abort() }, trialsOn(pool, 50))
    await expect(job).rejects.toMatchObject({ code: 'PCSIM_ERR_CANCELLED' })
  })
})
