import { describe, expect, it } from 'vitest'
import { mergeChunks, resolveRun, resultDigest, runChunk, runResolved, runSimulation, summarise, summarisedColumns, type ChunkResult, type MergeColumns } from '@pcsim/engine'
import { config } from './helpers.ts'

/**
 * A merge that only feeds `summarise` keeps the value columns summarisedColumns lists and drops the
 * rest (memory of a 1,000,000-trial run). Both halves are checked: summarise reads nothing else,
 * and the summary of the slim merge is the summary of the full one, bit for bit.
 */

const PRICED = config({
  template: 'gov-angel-fund',
  strategy: { regionWeights: { beijing: 0.2, other: 0.8 } },
  lpClasses: [
    { id: 'government', kind: 'government', share: 0.4, terms: { localReinvestment: { multiple: 1.5, regions: ['beijing'] } } },
    { id: 'private', kind: 'private', share: 0.59 },
    { id: 'gp', kind: 'gp', share: 0.01 },
  ],
  policy: { regionPools: { beijing: { dealsPerYear: 2, quality: 0.5 } } },
  run: { trials: 300, seed: 7 },
})
const CASES = {
  'us-vc-10y': config({ template: 'us-vc-10y', run: { trials: 600, seed: 3 } }),
  'gov-angel-fund with a priced re-investment requirement': PRICED,
  'beijing-fof (sub-funds)': config({ template: 'beijing-fof', run: { trials: 200, seed: 5 } }),
  'power-law model': config({ companies: { model: 'power_law' }, run: { trials: 500, seed: 9 } }),
}

/** The merged chunk with every `values` object behind a proxy that records the columns read. */
function watched(merged: ChunkResult, read: Set<string>, path = ''): ChunkResult {
  const values = new Proxy(merged.values, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.add(`${path}${key}`)
      return Reflect.get(target, key, receiver) as unknown
    },
  })
  return { ...merged, values, ...(merged.subFunds ? { subFunds: merged.subFunds.map((s, k) => watched(s, read, `${path}sub${k}.`)) } : {}) }
}

function listed(columns: MergeColumns, path = ''): string[] {
  return [...columns.values.map((k) => `${path}${k}`), ...(columns.subFunds ?? []).flatMap((s, k) => listed(s, `${path}sub${k}.`))]
}

describe('summarisedColumns: what a merge for a summary keeps', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: summarise reads only those columns, and gives the same result from them`, () => {
      const run = resolveRun(c)
      if (name.includes('priced')) expect(run.counterfactual).not.toBeNull()
      if (name.includes('sub-funds')) expect(run.subRuns.length).toBeGreaterThan(0)
      const full = runResolved(run)
      const read = new Set<string>()
      const reference = summarise(run, watched(full, read))
      const allowed = new Set(listed(summarisedColumns(run)))
      expect([...read].filter((k) => !allowed.has(k))).toEqual([])
      const chunks = [runChunk(run, 0, 100), runChunk(run, 100, c.run.trials)]
      const slim = mergeChunks(chunks, summarisedColumns(run))
      expect(slim.values.grossProceeds.length).toBe(0)
      expect(slim.values.netTvpi.length).toBe(c.run.trials)
      expect(resultDigest(summarise(run, slim))).toBe(resultDigest(reference))
      expect(resultDigest(runSimulation(c))).toBe(resultDigest(reference))
    })
  }
})
