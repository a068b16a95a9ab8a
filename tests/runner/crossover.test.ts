import { describe, expect, it } from 'vitest'
import { parseConfig, resolveRun, type SimulationConfig } from '@pcsim/engine'
import { choiceForRun, CROSSOVER, estimatedSeconds, poolPays, trialMicros } from '../../packages/runner/src/index.ts'

function config(input: object): SimulationConfig {
  const r = parseConfig(input)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

describe('the default executor: in-thread below the crossover, the pool above', () => {
  const lifecycle = (trials: number) => config({ run: { trials, seed: 1 } })
  const powerLaw = (trials: number) => config({ companies: { model: 'power_law' }, run: { trials, seed: 1 } })

  it('estimates the one-core cost from the shape of the run: linear in trials, lifecycle dearer than power law', () => {
    expect(estimatedSeconds([lifecycle(20_000)])).toBeCloseTo(2 * estimatedSeconds([lifecycle(10_000)]), 12)
    const run = resolveRun(lifecycle(1))
    expect(trialMicros(run)).toBeCloseTo(run.horizon * CROSSOVER.booksMicrosPerQuarter + run.deals.cheque.length * run.horizon * CROSSOVER.lifecycleMicrosPerCompanyQuarter, 9)
    expect(trialMicros(resolveRun(powerLaw(1)))).toBeLessThan(trialMicros(run))
    // us-vc-10y runs at 20,000-25,000 trials/s on one core (docs/speed.md): 40-50 µs a trial
    expect(trialMicros(run)).toBeGreaterThan(30)
    expect(trialMicros(run)).toBeLessThan(60)
  })

  it('a pool pays only once the work saved beats its start-up, and never with one thread', () => {
    const breakEven = (CROSSOVER.poolStartupS * CROSSOVER.margin) / (1 - 1 / 2)
    expect(poolPays(breakEven * 0.99, 2)).toBe(false)
    expect(poolPays(breakEven * 1.01, 2)).toBe(true)
    expect(poolPays(1e6, 1)).toBe(false)
  })

  it('picks in-thread for small jobs, the pool for big ones, and keeps an explicit choice', () => {
    expect(choiceForRun({ threads: 2 }, [lifecycle(8_000)]).kind).toBe('in-thread')
    expect(choiceForRun({ threads: 2 }, [lifecycle(100_000)])).toEqual({ threads: 2, callerComputes: true })
    expect(choiceForRun({ threads: 1 }, [lifecycle(100_000)]).kind).toBe('in-thread')
    expect(choiceForRun({ kind: 'thread-pool' }, [lifecycle(100)]).kind).toBe('thread-pool')
    expect(choiceForRun({ redisUrl: 'redis://127.0.0.1:1' }, [lifecycle(100)])).toEqual({ redisUrl: 'redis://127.0.0.1:1' })
    // a comparison counts the trials of every config: two of 15,000 pass where one does not
    expect(choiceForRun({ threads: 2 }, [lifecycle(15_000)]).kind).toBe('in-thread')
    expect(choiceForRun({ threads: 2 }, [lifecycle(15_000), lifecycle(15_000)]).callerComputes).toBe(true)
  })
})
