import { describe, expect, it } from 'vitest'
import { migrateConfig, parseConfig, REGIME_IDS, resolveRun, type SimulationConfig } from '@pcsim/engine'
import { createWorkspace, simulateTrial } from '../../packages/engine/src/model/fund-trial.ts'
import { createTrialRecord, V } from '../../packages/engine/src/run/metric-ids.ts'
import { booksV2ToV3 } from '../../packages/engine/src/schema/migrate-books-v3.ts'
import { binomialSe, CALM, config, meanSe, V2_BOOKS } from './helpers.ts'

/**
 * End of life on the hand-computed fund (size 100, ten seed deals of 8, each drawing 3×) whose deals
 * all exit after the horizon: NAV at cost, 80 = 0.8 of commitments, at year 10; up to 2 extensions.
 */
function held(endOfLife: Record<string, unknown>, trials = 1): SimulationConfig {
  const e = endOfLife as { extension?: object; secondary?: object; continuation?: object }
  return config({
    fund: {
      size: 100,
      lifeYears: 10,
      investmentPeriodYears: 5,
      extensionYears: 2,
      managementFee: { rate: 0.02, basis: 'committed', stepDownYear: 10, rateAfterStepDown: 0.02, basisAfterStepDown: 'committed' },
      carry: { rate: 0.2, hurdle: 0, catchUp: 1, waterfall: 'european', clawback: true },
      recycling: { cap: 0, untilYear: 0 },
      capitalCalls: V2_BOOKS.capitalCalls,
      endOfLife: {
        extension: { ...V2_BOOKS.endOfLife.extension, ...e.extension },
        secondary: { ...V2_BOOKS.endOfLife.secondary, ...e.secondary },
        continuation: { ...V2_BOOKS.endOfLife.continuation, ...e.continuation },
      },
    },
    strategy: { stageWeights: { seed: 1 }, chequeSize: { seed: 8, early: 8, growth: 8 }, deploymentYears: 2.5 },
    companies: { model: 'power_law', powerLaw: { kind: 'buckets', buckets: [{ low: 3, high: 3, probability: 1 }], holdingYears: { median: 12, sigma: 0 } } },
    market: CALM,
    run: { trials, seed: 'end-of-life' },
  })
}

/** Per-trial values of `trials` trials, with the regime in each trial's last quarter. */
function trials(c: SimulationConfig, n = c.run.trials) {
  const run = resolveRun(c)
  const ws = createWorkspace(run)
  const rec = createTrialRecord(Math.ceil(run.horizon / 4), run.cells.length, c.lpClasses.length, run.requirements.length)
  const out: Array<{ ext: number; discount: number; gross: number; regime: number }> = []
  for (let t = 0; t < n; t++) {
    simulateTrial(run, t, ws, rec)
    out.push({ ext: rec.values[V.extensionYears]!, discount: rec.values[V.secondaryDiscount]!, gross: rec.values[V.grossProceeds]!, regime: ws.path.regime[rec.endQuarter - 1]! })
  }
  return out
}

const share = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length / xs.length

describe('extensions: one year at a time, each less likely, NAV and market deciding', () => {
  it('first 0.5, decay 0.5 at the reference NAV: none 50%, one 25% + … = 37.5%, both 12.5% (within 4 SE)', () => {
    const xs = trials(held({ extension: { firstProbability: 0.5, decay: 0.5, navReference: 0.8, navElasticity: 1 } }, 3000))
    const n = xs.length
    for (const [years, p] of [
      [0, 0.5],
      [1, 0.375],
      [2, 0.125],
    ] as const) {
      const got = share(xs, (x) => x.ext === years)
      expect(Math.abs(got - p), `${years} extensions: ${got}`).toBeLessThan(4 * binomialSe(p, n))
    }
  })

  it('half the reference NAV halves the odds (elasticity 1): first 0.25, second 0.125', () => {
    const xs = trials(held({ extension: { firstProbability: 0.5, decay: 0.5, navReference: 1.6, navElasticity: 1 } }, 3000))
    const p0 = 0.75
    const p2 = 0.25 * 0.125
    expect(Math.abs(share(xs, (x) => x.ext === 0) - p0)).toBeLessThan(4 * binomialSe(p0, xs.length))
    expect(Math.abs(share(xs, (x) => x.ext === 2) - p2)).toBeLessThan(4 * binomialSe(p2, xs.length))
  })

  it('the regime at the decision scales the odds: with a bust factor of 0 no fund in a bust extends, and others do', () => {
    const c = config({ fund: { endOfLife: { extension: { firstProbability: 0.6, regimeFactor: { boom: 1, normal: 1, bust: 0 } } } }, run: { trials: 400, seed: 21 } })
    const run = resolveRun(c)
    const ws = createWorkspace(run)
    const rec = createTrialRecord(Math.ceil(run.horizon / 4), run.cells.length, c.lpClasses.length, run.requirements.length)
    const bust = REGIME_IDS.indexOf('bust')
    let bustAtDecision = 0
    let extendedOtherwise = 0
    for (let t = 0; t < 400; t++) {
      simulateTrial(run, t, ws, rec)
      const atDecision = ws.path.regime[run.lifeQuarters - 1]!
      if (atDecision === bust) {
        bustAtDecision++
        expect(rec.values[V.extensionYears]).toBe(0)
      } else if (rec.values[V.extensionYears]! > 0) extendedOtherwise++
    }
    expect(bustAtDecision).toBeGreaterThan(0)
    expect(extendedOtherwise).toBeGreaterThan(0)
  })

  it('no extension at or below the NAV threshold, whatever the probability', () => {
    const xs = trials(held({ extension: { navThreshold: 0.8, firstProbability: 1 } }, 20))
    expect(xs.every((x) => x.ext === 0)).toBe(true)
  })

  it('a v2 rule (probability 1 above the threshold) always takes every extension, with no draw', () => {
    const xs = trials(held({}, 5))
    expect(xs.every((x) => x.ext === 2)).toBe(true)
  })
})

describe('secondary sale of what is left', () => {
  it('a fixed discount of 30% sells the drawn 240 for 168; a continuation vehicle (10% off, half the LPs roll) for 228', () => {
    expect(trials(held({}))[0]!.gross).toBeCloseTo(168, 10)
    const cv = trials(held({ continuation: { enabled: true, discount: 0.1, rollShare: 0.5 } }))[0]!
    // rolling LPs keep NAV; the others sell to the vehicle at 90%: 240 · (0.5 + 0.5 · 0.9)
    expect(cv.gross).toBeCloseTo(228, 10)
    expect(cv.discount).toBeCloseTo(0.05, 12)
  })

  it('a drawn discount: mean 25% + 5% early-stage extra, sd 0.1 ⇒ mean 30% within 4 SE, and it varies', () => {
    const xs = trials(held({ extension: { firstProbability: 0 }, secondary: { discountMean: { boom: 0.25, normal: 0.25, bust: 0.25 }, discountSd: 0.1, earlyStageExtra: 0.05 } }, 2000))
    const d = meanSe(xs.map((x) => x.discount))
    expect(Math.abs(d.mean - 0.3)).toBeLessThan(4 * d.se)
    expect(d.sd).toBeGreaterThan(0.08)
    expect(d.sd).toBeLessThan(0.12)
  })

  it('the discount depends on the regime at the sale: each trial sells at its regime\'s mean when there is no spread', () => {
    const means = { boom: 0.12, normal: 0.25, bust: 0.32 }
    const c = config({
      fund: { endOfLife: { secondary: { discountMean: means, discountSd: 0, earlyStageExtra: 0, unpricedExtra: 0 } } },
      run: { trials: 300, seed: 8 },
    })
    const xs = trials(c).filter((x) => !Number.isNaN(x.discount))
    const seen = new Set(xs.map((x) => x.regime))
    expect(seen.size).toBeGreaterThan(1)
    for (const x of xs) expect(x.discount).toBeCloseTo(means[REGIME_IDS[x.regime]!], 12)
  })
})

describe('the US reference fund at the end of its life', () => {
  const xs = trials(config({ run: { trials: 2000, seed: 10 } }))
  const n = xs.length
  it('about a quarter of funds still hold assets after year 10 (Kauffman: 23 of ~100), far fewer take every extension', () => {
    const extended = share(xs, (x) => x.ext > 0)
    const every = share(xs, (x) => x.ext >= 2)
    // the source is ~100 funds: its own binomial error (±0.042) plus 3 SE of this run
    const band = 0.042 + 3 * binomialSe(extended, n)
    expect(Math.abs(extended - 0.23)).toBeLessThan(band)
    expect(every).toBeLessThan(0.15)
  })

  it('what is left sells at 12–32% below NAV plus the extras, on average near the normal-market 25%', () => {
    const d = meanSe(xs.map((x) => x.discount).filter((x) => !Number.isNaN(x)))
    expect(d.mean).toBeGreaterThan(0.2)
    expect(d.mean).toBeLessThan(0.36)
  })
})

describe('migration of the books to schema v3', () => {
  it('a v2 config keeps its meaning: just in time, extend whenever NAV > threshold, its fixed discount', () => {
    const m = booksV2ToV3({ fund: { size: 50, endOfLifeDiscount: 0.2, extensionNavThreshold: 0.1 } }) as { fund: Record<string, unknown> & SimulationConfig['fund'] }
    expect(m.fund.size).toBe(50)
    expect('endOfLifeDiscount' in m.fund || 'extensionNavThreshold' in m.fund).toBe(false)
    expect(m.fund.capitalCalls.policy).toBe('just_in_time')
    expect(m.fund.capitalCalls.cashYield).toBe(0)
    expect(m.fund.endOfLife.extension).toMatchObject({ navThreshold: 0.1, firstProbability: 1, decay: 1, navElasticity: 0 })
    expect(m.fund.endOfLife.secondary).toEqual({ discountMean: { boom: 0.2, normal: 0.2, bust: 0.2 }, discountSd: 0, earlyStageExtra: 0, unpricedExtra: 0 })
    expect(m.fund.endOfLife.continuation.enabled).toBe(false)
  })

  it('a v2 config that left the fields out gets the v2 templates\' 5% and 30%; a saved v2 reference fund parses to the V2 books', () => {
    const m = migrateConfig({ schemaVersion: 2, name: 'saved' })
    expect(m.ok).toBe(true)
    const fromV2 = config({ schemaVersion: 2, run: { trials: 10, seed: 1 } })
    const v3 = config({ fund: V2_BOOKS, run: { trials: 10, seed: 1 } })
    expect(fromV2).toEqual(v3)
    expect(parseConfig({ schemaVersion: 2, fund: { endOfLifeDiscount: 2 } }).ok).toBe(false)
  })
})
