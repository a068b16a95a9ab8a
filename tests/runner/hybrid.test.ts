import { describe, expect, it } from 'vitest'
import { parseConfig, resultDigest, runSimulation, type SimulationConfig } from '@pcsim/engine'
import { CancelledError, createExecutor, HybridExecutor, runWith } from '../../packages/runner/src/index.ts'

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
      const result = await runWith(executor, c, { chunkSize: 250 })
      expect(resultDigest(result)).toBe(resultDigest(runSimulation(c)))
      // all 12 chunks are submitted at once: the first goes to this thread, the second straight to the worker
      expect(executor.started.here + executor.started.pool).toBe(12)
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
