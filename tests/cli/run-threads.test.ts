import { parseConfig } from '@pcsim/engine'
import { describe, expect, it } from 'vitest'
import { EARLY_LANES_TRIALS, earlyLanes } from '../../packages/cli/src/early-lanes.ts'
import { choiceForRun } from '../../packages/runner/src/index.ts'
import { pcsim } from './cli-process.ts'

const TRIALS = 30_000

describe('pcsim run on two threads (worker threads started before the config is read)', () => {
  it('gives byte-identical JSON to one thread', async () => {
    const parsed = parseConfig({ template: 'us-vc-10y', run: { trials: TRIALS } })
    if (!parsed.ok) throw new Error('config')
    // the run below is past the crossover and the early start: the default is this thread plus one worker
    expect(choiceForRun({ threads: 2 }, [parsed.config]).callerComputes).toBe(true)
    expect(TRIALS).toBeGreaterThanOrEqual(EARLY_LANES_TRIALS)
    const args = ['run', 'us-vc-10y', '--trials', String(TRIALS), '--seed', '9', '--format', 'json']
    const one = await pcsim(args, { PCSIM_EXECUTOR: 'in-thread' })
    const two = await pcsim(args, { PCSIM_EXECUTOR: '', PCSIM_REDIS_URL: '', PCSIM_WORKERS: '2' })
    for (const r of [one, two]) {
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
    }
    expect(JSON.parse(two.stdout).trials).toBe(TRIALS)
    expect(two.stdout).toBe(one.stdout)
  }, 180_000)

  it('bad input with threads already started: the usual error and exit 2, no thread left running', async () => {
    const r = await pcsim(['run', 'no-such-fund', '--trials', '50000'], { PCSIM_EXECUTOR: '', PCSIM_REDIS_URL: '', PCSIM_WORKERS: '2' })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Unknown preset "no-such-fund"/)
  }, 60_000)

  it('starts threads early only for big runs with no executor chosen, on two threads or more', async () => {
    const env = { PCSIM_WORKERS: '3' }
    expect(await earlyLanes(undefined, env)).toBeUndefined()
    expect(await earlyLanes(EARLY_LANES_TRIALS - 1, env)).toBeUndefined()
    expect(await earlyLanes(EARLY_LANES_TRIALS, { ...env, PCSIM_EXECUTOR: 'in-thread' })).toBeUndefined()
    expect(await earlyLanes(EARLY_LANES_TRIALS, { ...env, PCSIM_REDIS_URL: 'redis://127.0.0.1:1' })).toBeUndefined()
    expect(await earlyLanes(EARLY_LANES_TRIALS, { PCSIM_WORKERS: '1' })).toBeUndefined()
    const lanes = await earlyLanes(EARLY_LANES_TRIALS, env)
    expect(lanes?.size).toBe(2)
    await lanes!.close()
  }, 60_000)
})
