import { describe, expect, it } from 'vitest'
import { FUND_TEMPLATES, resolveRun, runSimulation, type SimulationConfig } from '@pcsim/engine'
import { createWorkspace, simulateTrial } from '../../packages/engine/src/model/fund-trial.ts'
import { createTrialRecord, V } from '../../packages/engine/src/run/metric-ids.ts'
import { CALM, config, V2_BOOKS } from './helpers.ts'

const STILL_ROUND = { next: 0, acquisition: 0, listing: 0, fail: 0, waitMonths: 12, failMonths: 240, waitSigma: 0, stepUpSigma: 0, stallValue: 1 }

/**
 * Every company enters at seed, raises its Series A six months later at a fixed step-up (no down or
 * flat rounds, no noise), then stalls at its Series A price; at year 10 the fund sells whatever it
 * holds at NAV (no secondary discount, no extension). So a fund that sells `fraction` of each stake
 * at the A round at `discount` gets exactly (1 − fraction × discount) of the proceeds of one that
 * does not, in every trial.
 */
function staticFund(oldShareSales: { probability: number; fraction: number; discount: number }): SimulationConfig {
  const rounds: Record<string, object> = Object.fromEntries(['seed', 'a', 'b', 'c', 'late'].map((r) => [r, STILL_ROUND]))
  rounds.seed = { ...STILL_ROUND, next: 1, waitMonths: 6, stepUp: 3 }
  return config({
    fund: {
      extensionYears: 0,
      recycling: { cap: 0, untilYear: 0 },
      endOfLife: { ...V2_BOOKS.endOfLife, secondary: { ...V2_BOOKS.endOfLife.secondary, discountMean: { boom: 0, normal: 0, bust: 0 } } },
    },
    strategy: { stageWeights: { seed: 1 }, followOn: { rule: 'none' } },
    companies: {
      sectors: { generalist: { rounds, entryValuationSigma: 0 } },
      dealTerms: { downRounds: { boom: 0, normal: 0, bust: 0 }, flatRounds: { boom: 0, normal: 0, bust: 0 } },
    },
    market: { ...CALM, profile: 'cn', exits: { buyBack: { enabled: false }, oldShareSales: { ...oldShareSales, fromMultiple: 0 } } },
    run: { trials: 40, seed: 'old-shares' },
  })
}

function perTrial(c: SimulationConfig, metric: number): number[] {
  const run = resolveRun(c)
  const ws = createWorkspace(run)
  const rec = createTrialRecord(Math.ceil(run.horizon / 4), run.cells.length, c.lpClasses.length, run.requirements.length)
  return Array.from({ length: c.run.trials }, (_, t) => {
    simulateTrial(run, t, ws, rec)
    return rec.values[metric]!
  })
}

describe('Chinese exit rules', () => {
  it('an old-share sale at an up round pays the sold part at the round price less the discount, and the rest is still held', () => {
    const none = perTrial(staticFund({ probability: 0, fraction: 0.5, discount: 0.2 }), V.grossProceeds)
    const half = perTrial(staticFund({ probability: 1, fraction: 0.5, discount: 0.2 }), V.grossProceeds)
    const all = perTrial(staticFund({ probability: 1, fraction: 1, discount: 0 }), V.grossProceeds)
    for (let t = 0; t < none.length; t++) {
      expect(none[t]!).toBeGreaterThan(0)
      expect(half[t]! / none[t]!).toBeCloseTo(1 - 0.5 * 0.2, 12)
      expect(all[t]! / none[t]!).toBeCloseTo(1, 12)
    }
    const r = runSimulation(staticFund({ probability: 1, fraction: 0.5, discount: 0.2 })).summary
    expect(r.outcomes.oldShareSales.mean).toBeCloseTo(r.outcomes.companies.mean, 12)
  })

  it('old-share sales bring distributions forward: paired on the same futures, top-quartile DPI at year 5 rises', () => {
    const base = { template: 'ai-industry-fund', run: { trials: 2000, seed: 'dpi5', evaluateAtYear: 5 } }
    const off = runSimulation(config({ ...base, market: { exits: { oldShareSales: { probability: 0 } } } })).summary
    const on = runSimulation(config(base)).summary
    expect(off.outcomes.oldShareSales.mean).toBe(0)
    expect(on.outcomes.oldShareSales.mean).toBeGreaterThan(0.5)
    expect(on.dpi.p75).toBeGreaterThan(off.dpi.p75 + 0.05)
  })

  it('a listing abroad has its own lock-up and no sell-down cap, so its cash comes sooner', () => {
    const at = (share: number) => {
      const c = config({ template: 'ai-industry-fund', market: { exits: { overseasListings: { share, lockUpQuarters: 2 }, oldShareSales: { probability: 0 } } }, run: { trials: 1500, seed: 'abroad', evaluateAtYear: 6 } })
      return runSimulation(c).summary
    }
    const home = at(0)
    const abroad = at(1)
    expect(abroad.dpi.mean - home.dpi.mean).toBeGreaterThan(3 * Math.hypot(abroad.dpi.se, home.dpi.se))
  })

  it('US templates neither list abroad nor sell old shares', () => {
    for (const t of FUND_TEMPLATES.filter((x) => config({ template: x.id }).market.profile === 'us')) {
      const exits = config({ template: t.id }).market.exits
      expect([exits.overseasListings.share, exits.oldShareSales.probability], t.id).toEqual([0, 0])
    }
  })
})
