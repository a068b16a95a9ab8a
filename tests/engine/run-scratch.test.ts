import { describe, expect, it } from 'vitest'
import { resolveRun, resultDigest, runChunk, summarise, mergeChunks } from '@pcsim/engine'
import { RunScratch } from '../../packages/engine/src/run/run-scratch.ts'
import { config } from './helpers.ts'

// runChunk keeps one set of trial buffers per resolved run and reuses it from chunk to chunk; a
// chunk must not see anything a chunk before it (of this run or another) left in them.
const digestOf = (run: ReturnType<typeof resolveRun>, chunks: ReturnType<typeof runChunk>[]) => resultDigest(summarise(run, mergeChunks(chunks)))

describe('trial buffers reused across chunks', () => {
  for (const [name, c] of [
    ['reference fund', config({ run: { trials: 240, seed: 'scratch' } })],
    ['government fund with re-investment requirements (counterfactual pair)', config({ template: 'city-ai-fund', run: { trials: 160, seed: 5 } })],
    ['fund-of-funds', config({ template: 'beijing-fof', run: { trials: 80, seed: 3 } })],
  ] as const) {
    it(`${name}: interleaved with another run's chunks and after a stopped chunk, the same numbers as a fresh run`, () => {
      const n = c.run.trials
      const fresh = resolveRun(c)
      const expected = digestOf(fresh, [runChunk(fresh, 0, n)])
      const run = resolveRun(c)
      const other = resolveRun(config({ template: 'gov-angel-fund', run: { trials: 50, seed: 9 } }))
      let asked = 0
      // stopped in its 7th trial: the buffers are left mid-trial
      expect(() => runChunk(run, 0, n, undefined, 1000, () => ++asked > 6)).toThrow(/stopped/)
      const a = runChunk(run, n / 2, n)
      runChunk(other, 0, 50)
      const b = runChunk(run, 0, n / 2)
      expect(digestOf(run, [b, a])).toBe(expected)
    })
  }

  it('lends one set per run, and a nested use of the same run gets its own', () => {
    let made = 0
    const pool = new RunScratch(() => ({ id: ++made }))
    const run = resolveRun(config({ run: { trials: 10 } }))
    const first = pool.use(run, (s) => s)
    expect(pool.use(run, (s) => s)).toBe(first)
    const nested = pool.use(run, () => pool.use(run, (inner) => inner))
    expect(nested).not.toBe(first)
    expect(pool.use(resolveRun(config({ run: { trials: 10 } })), (s) => s)).not.toBe(first)
    expect(made).toBe(3)
  })
})
