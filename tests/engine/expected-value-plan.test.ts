import { describe, expect, it } from 'vitest'
import { expectedValuePlan, findScenario, resolveRun, runResolved, type SimulationConfig } from '@pcsim/engine'
import { CALM, config, meanSe, withinSe } from './helpers.ts'

/** The plan values holdings as common equity (ownership × value); preferences are switched off here. */
const COMMON = { preferenceMultiple: 0 }

/**
 * In a calm market (no regimes, no factors) with reserves that never run out, the Monte Carlo means
 * across trials converge to the expected-value plan: same transition table, same rounded-lognormal
 * waits, same expected step-ups (median·e^{σ²/2}) and exit multiples. Each mean must sit within
 * 4 SE (sample sd / √trials) of the plan.
 *
 * Mapping of names: capitalDeployed ↔ values.invested, grossProceeds ↔ values.grossProceeds,
 * companiesReaching ↔ counts.reachedSeed/A/B/C/Late, outcomes.acquired/listed/failed/stalled ↔
 * counts.acquisitions/listings/writeOffs/stalled, outcomes.heldAtEnd ↔ counts.heldAtEnd (companies
 * still active at the end; a stalled company is sold with them but counted as stalled).
 */
function compare(c: SimulationConfig) {
  const plan = expectedValuePlan(c)
  const run = resolveRun(c)
  const m = runResolved(run)
  const T = c.run.trials

  // Preconditions: reserves never bind, so the simulation follows on pro rata exactly as the plan.
  expect(plan.followOnDemand).toBeLessThan(plan.reserveBudget)
  let maxFollowOn = 0
  for (let t = 0; t < T; t++) maxFollowOn = Math.max(maxFollowOn, m.values.invested[t]! - plan.initialCapital)
  expect(maxFollowOn, 'largest follow-on of any trial must stay below the reserve budget').toBeLessThan(plan.reserveBudget * 0.98)
  expect(Math.min(...m.counts.companies)).toBe(plan.companies)
  expect(plan.capitalDeployed).toBeCloseTo(plan.initialCapital + plan.followOnDemand, 9)

  const rows: Array<[string, ArrayLike<number>, number]> = [
    ['capital deployed', m.values.invested, plan.capitalDeployed],
    ['gross proceeds', m.values.grossProceeds, plan.grossProceeds],
    ['reached seed', m.counts.reachedSeed, plan.companiesReaching.seed],
    ['reached A', m.counts.reachedA, plan.companiesReaching.a],
    ['reached B', m.counts.reachedB, plan.companiesReaching.b],
    ['reached C', m.counts.reachedC, plan.companiesReaching.c],
    ['reached late', m.counts.reachedLate, plan.companiesReaching.late],
    ['acquired', m.counts.acquisitions, plan.outcomes.acquired],
    ['listed', m.counts.listings, plan.outcomes.listed],
    ['failed', m.counts.writeOffs, plan.outcomes.failed],
    ['stalled', m.counts.stalled, plan.outcomes.stalled],
    ['held at end', m.counts.heldAtEnd, plan.outcomes.heldAtEnd],
  ]
  for (const [name, sim, want] of rows) {
    const s = meanSe(sim)
    if (s.sd === 0) {
      expect(s.mean, name).toBeCloseTo(want, 9)
      continue
    }
    const w = withinSe(s.mean, want, s.se)
    expect(w.ok, `${name}: ${w.message}`).toBe(true)
  }
  // the gross multiple of the plan is proceeds over initial + follow-on
  expect(plan.grossMultiple).toBeCloseTo(plan.grossProceeds / (plan.initialCapital + plan.followOnDemand), 12)
  return plan
}

describe('expected-value plan vs Monte Carlo in a calm market', () => {
  it('generalist seed + early fund, two pro-rata follow-ons until the end of life', () => {
    const c = config({
      fund: { extensionYears: 0, recycling: { cap: 0, untilYear: 0 }, managementFee: { basisAfterStepDown: 'committed' } },
      companies: { dealTerms: COMMON },
      strategy: {
        chequeSize: { seed: 0.25, early: 0.5 },
        reserves: { mode: 'share', share: 0.6 },
        followOn: { rule: 'pro_rata', maxRounds: 2, maxCompanyShare: 1, untilYear: 10 },
      },
      market: CALM,
      run: { trials: 6000, seed: 'ev-plan-1' },
    })
    const plan = compare(c)
    expect(plan.companies).toBeGreaterThan(90)
    expect(plan.followOnDemand).toBeGreaterThan(5)
  })

  it('three sectors and three stages, one follow-on until year 6, 12-year life, IPO window shut for 3 years', () => {
    // Shocks are deterministic, so the plan applies them too; follow-ons stop at year 6, so the
    // plan's follow-on window and its per-quarter shock multipliers are both exercised.
    const c = config({
      fund: { lifeYears: 12, extensionYears: 0, recycling: { cap: 0, untilYear: 0 }, managementFee: { basisAfterStepDown: 'committed' } },
      companies: { dealTerms: COMMON },
      strategy: {
        sectorWeights: { ai: 0.5, biotech: 0.3, robotics: 0.2 },
        stageWeights: { seed: 0.4, early: 0.4, growth: 0.2 },
        chequeSize: { seed: 0.3, early: 0.6, growth: 1.5 },
        reserves: { mode: 'share', share: 0.6 },
        followOn: { rule: 'pro_rata', maxRounds: 1, maxCompanyShare: 1, untilYear: 6 },
      },
      market: { ...CALM, shocks: findScenario('ipo-shut-3y')!.shocks },
      run: { trials: 5000, seed: 'ev-plan-2' },
    })
    const plan = compare(c)
    expect(plan.companiesReaching.late).toBeGreaterThan(0.5)
  })
})
