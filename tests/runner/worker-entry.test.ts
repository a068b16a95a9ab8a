import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseConfig, resultDigest, runSimulation } from '@pcsim/engine'
import { runWith, ThreadPoolExecutor, workerEntry } from '../../packages/runner/src/index.ts'
import { ROOT } from './helpers.ts'

// piscina then loads the file with import, not require(esm) (see worker-entry.ts)
const COMPILED = ['--no-experimental-require-module']
const dir = (path: string) => pathToFileURL(join(ROOT, path) + '/')

describe('workerEntry: which file a worker thread runs', () => {
  it('built code starts built workers; TypeScript starts TypeScript through tsx, or the built copy with PCSIM_COMPILED_WORKERS=1', () => {
    expect(workerEntry(dir('packages/runner/dist/workers'), 'chunk', {}, false)).toEqual({ filename: join(ROOT, 'packages/runner/dist/workers/chunk.worker.js'), execArgv: COMPILED })
    const source = workerEntry(dir('packages/runner/src/workers'), 'lane', {})
    expect(source.filename).toBe(join(ROOT, 'packages/runner/src/workers/lane.worker.ts'))
    expect(source.execArgv).toContain('--conditions=@pcsim/source')
    expect(source.execArgv[source.execArgv.indexOf('--require') + 1]).toMatch(/tsx/)
    expect(workerEntry(dir('packages/api/src/workers'), 'simulate', { PCSIM_COMPILED_WORKERS: '1' })).toEqual({ filename: join(ROOT, 'packages/api/dist/workers/simulate.worker.js'), execArgv: COMPILED })
    // only "1" switches; anything else keeps the TypeScript worker
    expect(workerEntry(dir('packages/api/src/workers'), 'simulate', { PCSIM_COMPILED_WORKERS: 'yes' }).filename).toMatch(/simulate\.worker\.ts$/)
  })

  it('a pool of TypeScript workers (development, no PCSIM_COMPILED_WORKERS) gives the in-thread digest', async () => {
    const saved = process.env.PCSIM_COMPILED_WORKERS
    delete process.env.PCSIM_COMPILED_WORKERS
    const pool = new ThreadPoolExecutor(1)
    if (saved !== undefined) process.env.PCSIM_COMPILED_WORKERS = saved
    try {
      const r = parseConfig({ run: { trials: 600, seed: 5 } })
      if (!r.ok) throw new Error(JSON.stringify(r.issues))
      expect(resultDigest(await runWith(pool, r.config, { chunkSize: 300 }))).toBe(resultDigest(runSimulation(r.config)))
    } finally {
      await pool.close()
    }
  }, 120_000)
})
