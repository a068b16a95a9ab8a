import { describe, expect, it } from 'vitest'
import { resolveRun, runResolved, summarise, type ResolvedRun } from '@pcsim/engine'
import { ACQUIRED, EventBuffer, LISTED, RAISE } from '../../packages/engine/src/model/events.ts'
import { countProducing } from '../../packages/engine/src/model/producing.ts'
import type { TrialWorkspace } from '../../packages/engine/src/model/workspace.ts'
import { C, COUNT_METRICS, createTrialRecord } from '../../packages/engine/src/run/metric-ids.ts'
import { config, meanSe } from './helpers.ts'

/** 投产 read from the companies' own paths (strategy.pipeline.producingStage). */
const PIPELINE = { enabled: true, plannedPerQuarter: 12, reserveRate: 0.5, startRate: 0.4, produceRate: 0.7, reserveLagQuarters: 1, startLagQuarters: 1, produceLagQuarters: 4 }
const withStage = (stage: string | undefined, extra: Record<string, unknown> = {}) =>
  config({ template: 'gov-angel-fund', strategy: { pipeline: { ...PIPELINE, ...(stage ? { producingStage: stage } : {}) } }, run: { trials: 200, seed: 8 }, ...extra })

describe('producing companies, by hand', () => {
  // three companies: 0 entered in quarter 0, 1 in quarter 2, 2 never backed
  const events = () => {
    const ev = new EventBuffer(16)
    ev.push(3, 0, RAISE, 1, 10, 0.2) // an A: not yet a B
    ev.push(6, 0, RAISE, 2, 30, 0.2) // its B, in fund year 2 (quarters 4–7)
    ev.push(12, 0, ACQUIRED, 2, 50, 0)
    ev.push(25, 0, RAISE, 4, 90, 0.1) // after the fund ended: not counted
    ev.push(1, 1, LISTED, 2, 40, 0) // before the fund came in: not counted
    ev.push(9, 1, RAISE, 3, 60, 0.2) // a C counts as past a B, year 3
    ev.push(10, 1, LISTED, 3, 80, 0)
    ev.push(4, 2, RAISE, 4, 70, 0.1) // the fund holds none of it
    return ev
  }
  const count = (stage: string) => {
    const run = { config: { strategy: { pipeline: { producingStage: stage } } }, yearSeries: ['producing'] } as unknown as ResolvedRun
    const ws = { producedAt: new Int32Array(3), events: events(), invested: Float64Array.of(1, 2, 0), entryQuarter: Int32Array.of(0, 2, 0) } as unknown as TrialWorkspace
    const out = createTrialRecord(5, 0, 0, 0, 1)
    out.endQuarter = 20
    countProducing(run, ws, out)
    return { producing: out.counts[C.dealsProducing], byYear: Array.from(out.series) }
  }
  it('counts each backed company once, in the year it first reaches the stage within the fund\'s life', () => {
    expect(count('b')).toEqual({ producing: 2, byYear: [0, 1, 1, 0, 0] })
    expect(count('c')).toEqual({ producing: 1, byYear: [0, 0, 1, 0, 0] })
    expect(count('listed')).toEqual({ producing: 1, byYear: [0, 0, 1, 0, 0] })
    // company 0's sale in quarter 12 (year 4) and company 1's listing in quarter 10 (year 3)
    expect(count('exit')).toEqual({ producing: 2, byYear: [0, 0, 1, 1, 0] })
    expect(COUNT_METRICS).toContain('dealsProducing')
  })
})

describe('producing companies from simulated paths', () => {
  const run = (stage: string | undefined, extra: Record<string, unknown> = {}) => {
    const r = resolveRun(withStage(stage, extra))
    return { merged: runResolved(r, { chunks: 2 }), r }
  }

  it('is nested by stage in every trial and adds up to its yearly series', () => {
    const a = run('a')
    const b = run('b')
    const listed = run('listed')
    const exit = run('exit')
    const years = a.merged.years
    for (let t = 0; t < 200; t++) {
      expect(a.merged.counts.dealsProducing[t]).toBeGreaterThanOrEqual(b.merged.counts.dealsProducing[t]!)
      expect(b.merged.counts.dealsProducing[t]).toBeGreaterThanOrEqual(listed.merged.counts.dealsProducing[t]!)
      expect(exit.merged.counts.dealsProducing[t]).toBeGreaterThanOrEqual(listed.merged.counts.dealsProducing[t]!)
      expect(a.merged.counts.dealsProducing[t]).toBeLessThanOrEqual(a.merged.counts.companies[t]!)
    }
    const s = summarise(b.r, b.merged).summary.policy.pipeline
    expect(s.producingStage).toBe('b')
    expect(s.producingByYear).toHaveLength(years)
    expect(s.producingByYear!.reduce((x, y) => x + y, 0)).toBeCloseTo(s.producing, 9)
    // without a stage the old binomial count stays, and no yearly series is reported
    const plain = run(undefined)
    const p = summarise(plain.r, plain.merged).summary.policy.pipeline
    expect(p.producingByYear).toBeUndefined()
    expect(plain.merged.yearSums).toBeUndefined()
  })

  it('moves with the market regime on common random numbers', () => {
    const forced = (regime: string) => ({ market: { shocks: [{ id: regime, fromYear: 0, years: 30, sectors: [], regime, effects: {}, indexDrift: 0 }] } })
    const boom = run('b', forced('boom')).merged.counts.dealsProducing
    const bust = run('b', forced('bust')).merged.counts.dealsProducing
    const d = meanSe(Float64Array.from(boom, (x, i) => x - bust[i]!))
    expect(d.mean).toBeGreaterThan(3 * d.se)
  })
})
