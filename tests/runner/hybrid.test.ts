import { describe, expect, it } from 'vitest'
import { compareConfigs, parseConfig, resultDigest, runSimulation, type SimulationConfig } from '@pcsim/engine'
import { CancelledError, chunkPlan, compareWith, compileOnComputingThreads, createExecutor, HybridExecutor, runWith } from '../../packages/runner/src/index.ts'

function config(input: object): SimulationConfig {
  const r = parseConfig(input)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

describe('HybridExecutor: the calling thread computes next to the pool', () => {
  it('gives the single-thread digest, with chunks run on both the calling thread and a worker', async () => {
    const c = config({ run: { trials: 3_000, seed: 11 } })
    const executor = new HybridExecutor(2)
    try {
      const running = runWith(executor, c, { chunkSize: 250 }) // submits every chunk before it returns
      // This thread takes chunks only when its event loop turns: until then, only the worker can take one.
      const nap = new Int32Array(new SharedArrayBuffer(4))
      const deadline = Date.now() + 90_000
      while (executor.taken === 0 && Date.now() < deadline) Atomics.wait(nap, 0, 0, 20)
      const result = await running
      expect(resultDigest(result)).toBe(resultDigest(runSimulation(c)))
      // every chunk of the plan is submitted at once; each thread takes the next one free
      expect(executor.started.here + executor.started.pool).toBe(chunkPlan(3_000, 250, 2).length)
      expect(executor.started.here).toBeGreaterThan(0)
      expect(executor.started.pool).toBeGreaterThan(0)
    } finally {
      await executor.close()
    }
  }, 120_000)

  it('with one thread it is in-thread only, and a cancelled run rejects with CancelledError', async () => {
    const c = config({ run: { trials: 2_000, seed: 3 } })
    const one = new HybridExecutor(1)
    expect(resultDigest(await runWith(one, c, { chunkSize: 500 }))).toBe(resultDigest(runSimulation(c)))
    const controller = new AbortController()
    controller.abort()
    await expect(runWith(one, c, { chunkSize: 500, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError)
    await one.close()
  })

  it('a fund-of-funds and a comparison give the single-thread digests; a cancel mid-run rejects and the threads take the next run', async () => {
    const fof = config({ template: 'beijing-fof', run: { trials: 500, seed: 4 } })
    const pair = [config({ template: 'us-vc-10y', run: { trials: 1_200, seed: 'pair' } }), config({ template: 'gov-angel-fund' })]
    const executor = new HybridExecutor(2)
    try {
      expect(resultDigest(await runWith(executor, fof, { chunkSize: 120 }))).toBe(resultDigest(runSimulation(fof)))
      expect(resultDigest(await compareWith(executor, pair, { chunkSize: 300 }))).toBe(resultDigest(compareConfigs(pair)))
      const controller = new AbortController()
      const big = config({ run: { trials: 40_000, seed: 8 } })
      const cancelled = runWith(executor, big, { chunkSize: 2_000, signal: controller.signal, onProgress: (done) => done > 0 && controller.abort() })
      await expect(cancelled).rejects.toBeInstanceOf(CancelledError)
      const c = config({ run: { trials: 1_000, seed: 12 } })
      expect(resultDigest(await runWith(executor, c, { chunkSize: 250 }))).toBe(resultDigest(runSimulation(c)))
    } finally {
      await executor.close()
    }
  }, 120_000)

  it('is what the default choice above the crossover creates; an explicit thread-pool stays a plain pool', async () => {
    const hybrid = await createExecutor({ kind: 'thread-pool', threads: 2, callerComputes: true })
    const plain = await createExecutor({ kind: 'thread-pool', threads: 2 })
    try {
      expect(hybrid).toBeInstanceOf(HybridExecutor)
      expect(plain).not.toBeInstanceOf(HybridExecutor)
      expect([hybrid.kind, hybrid.parallelism]).toEqual(['thread-pool', 2])
    } finally {
      await Promise.all([hybrid.close(), plain.close()])
    }
  })
})

describe('resolvedRun: one resolution per config object in a thread', () => {
  it('gives executors, merges and summaries the same resolved run, and another object its own', async () => {
    const { resolvedRun } = await import('../../packages/runner/src/resolved-run.ts')
    const c = config({ run: { trials: 10, seed: 1 } })
    expect(resolvedRun(c)).toBe(resolvedRun(c))
    const copy = structuredClone(c)
    expect(resolvedRun(copy)).not.toBe(resolvedRun(c))
    expect(resolvedRun(copy).deals.cheque).toEqual(resolvedRun(c).deals.cheque)
  })
})

describe('compileOnComputingThreads: lanes that leave no core idle compile on the threads that run', () => {
  it('is on when the lanes and the calling thread fill the cores, off with a core to spare or no lane', () => {
    expect([1, 2, 3].map((size) => compileOnComputingThreads(size, 2))).toEqual([true, true, true])
    expect([1, 2, 3].map((size) => compileOnComputingThreads(size, 4))).toEqual([false, false, true])
    expect(compileOnComputingThreads(0, 1)).toBe(false)
  })
})
