import { describe, expect, it } from 'vitest'
import { createRng, drawPowerLawMultiple, powerLawMoments, resolveRun, runResolved, type SimulationConfig } from '@pcsim/engine'
import { binomialSe, CALM, config, meanSe, withinSe } from './helpers.ts'

type PowerLaw = SimulationConfig['companies']['powerLaw']

const HOLD = { median: 6, sigma: 0.4 }
const pareto = (alpha: number, low: number, high: number, shift: number): PowerLaw => ({ kind: 'pareto', alpha, low, high, shift, buckets: [], holdingYears: HOLD })
const buckets = (b: PowerLaw['buckets']): PowerLaw => ({ kind: 'buckets', alpha: 1.3, low: 0.4, high: 200, shift: 0, buckets: b, holdingYears: HOLD })

/** Textbook bounded-Pareto moments on [L, H] with shape a (written out here, not taken from the engine):
 *  E[X]  = a·L^a/(1 − (L/H)^a) · (L^(1−a) − H^(1−a))/(a − 1)        (a ≠ 1;  a = 1: L·ln(H/L)/(1 − L/H))
 *  E[X²] = a·L^a/(1 − (L/H)^a) · (H^(2−a) − L^(2−a))/(2 − a)        (a ≠ 2;  a = 2: 2L²·ln(H/L)/(1 − (L/H)²)) */
function paretoMoments(a: number, L: number, H: number): { m1: number; m2: number } {
  const c = (a * Math.pow(L, a)) / (1 - Math.pow(L / H, a))
  const m1 = a === 1 ? (L * Math.log(H / L)) / (1 - L / H) : (c * (Math.pow(L, 1 - a) - Math.pow(H, 1 - a))) / (a - 1)
  const m2 = a === 2 ? (2 * L * L * Math.log(H / L)) / (1 - (L / H) ** 2) : (c * (Math.pow(H, 2 - a) - Math.pow(L, 2 - a))) / (2 - a)
  return { m1, m2 }
}

const CV_BUCKETS = [
  { low: 0, high: 1, probability: 0.65 },
  { low: 1, high: 5, probability: 0.25 },
  { low: 5, high: 10, probability: 0.06 },
  { low: 10, high: 50, probability: 0.04 },
]

describe('powerLawMoments: closed forms', () => {
  it('pareto: matches the textbook bounded-Pareto moments (mean shifted, variance not)', () => {
    for (const [a, L, H, s] of [
      [1.3, 0.4, 200, 0.4],
      [1, 1, 100, 0.5],
      [2, 0.5, 50, 0],
      [2.5, 1, 1000, 1],
      [0.8, 0.2, 500, 0.1],
    ] as const) {
      const { m1, m2 } = paretoMoments(a, L, H)
      const m = powerLawMoments(pareto(a, L, H, s))
      expect(m.mean).toBeCloseTo(m1 - s, 9)
      expect(m.variance / (m2 - m1 * m1)).toBeCloseTo(1, 9)
    }
    // the default: a = 1.3 on [0.4, 200] less 0.4 ⇒ mean ≈ 1.4651 − 0.4 ≈ 1.065
    expect(powerLawMoments(pareto(1.3, 0.4, 200, 0.4)).mean).toBeCloseTo(1.065, 2)
  })

  it('buckets: Correlation Ventures buckets by hand', () => {
    // mean = .65·0.5 + .25·3 + .06·7.5 + .04·30 = 0.325 + 0.75 + 0.45 + 1.2 = 2.725
    // E[X²] = Σ p(l² + lh + h²)/3 = .65·(1/3) + .25·(31/3) + .06·(175/3) + .04·(3100/3)
    //       = 0.216667 + 2.583333 + 3.5 + 41.333333 = 47.633333 ⇒ variance 47.633333 − 2.725² = 40.207708
    const m = powerLawMoments(buckets(CV_BUCKETS))
    expect(m.mean).toBeCloseTo(2.725, 12)
    expect(m.variance).toBeCloseTo(47.633333333 - 2.725 ** 2, 8)
  })
})

describe('drawPowerLawMultiple: simulated mean within 4 SE of the closed form', () => {
  // SE = √(closed-form variance / n); k = 4.
  const N = 300_000
  for (const [name, p] of [
    ['pareto a=1.3 [0.4, 200] shift 0.4 (default)', pareto(1.3, 0.4, 200, 0.4)],
    ['pareto a=1 [1, 100] shift 0.5', pareto(1, 1, 100, 0.5)],
    ['pareto a=2.5 [1, 1000] shift 1', pareto(2.5, 1, 1000, 1)],
    ['buckets (Correlation Ventures)', buckets(CV_BUCKETS)],
    ['buckets with a point mass and an empty bucket', buckets([{ low: 0, high: 0, probability: 0.5 }, { low: 2, high: 2, probability: 0 }, { low: 1, high: 9, probability: 0.5 }])],
  ] as const) {
    it(name, () => {
      const rng = createRng(`power-law:${name}`)
      const { mean, variance } = powerLawMoments(p)
      let sum = 0
      let min = Infinity
      for (let i = 0; i < N; i++) {
        const x = drawPowerLawMultiple(rng, p)
        sum += x
        if (x < min) min = x
      }
      const w = withinSe(sum / N, mean, Math.sqrt(variance / N))
      expect(w.ok, w.message).toBe(true)
      expect(min).toBeGreaterThanOrEqual(0)
    })
  }

  it('bucket frequencies within 4 binomial SE of their probabilities', () => {
    const rng = createRng('power-law:bucket-frequencies')
    const p = buckets(CV_BUCKETS)
    const n = 200_000
    const hits = [0, 0, 0, 0]
    for (let i = 0; i < n; i++) {
      const x = drawPowerLawMultiple(rng, p)
      // buckets share only their edges, which have probability 0
      hits[x < 1 ? 0 : x < 5 ? 1 : x < 10 ? 2 : 3]!++
    }
    CV_BUCKETS.forEach((b, i) => {
      const w = withinSe(hits[i]! / n, b.probability, binomialSe(b.probability, n))
      expect(w.ok, `bucket ${i}: ${w.message}`).toBe(true)
    })
  })
})

describe('a power-law fund: mean gross TVPI within 4 SE of the closed-form mean', () => {
  // 100 equal cheques (1% fee on committed capital for 20 years ⇒ investable 80, cheques 0.8),
  // written over 2 years, holding ~3 years (sigma 0.3 ⇒ no exit can reach the 20-year end), no
  // follow-ons in power-law mode. Each trial's gross TVPI is the mean multiple of its 100 deals, so
  // over T trials the mean has SE √(variance / (100·T)).
  for (const [name, pl] of [
    ['pareto (default)', { kind: 'pareto' }],
    ['buckets (default)', { kind: 'buckets' }],
  ] as const) {
    it(name, () => {
      const c = config({
        fund: {
          lifeYears: 20,
          extensionYears: 0,
          managementFee: { rate: 0.01, basis: 'committed', stepDownYear: 20, rateAfterStepDown: 0.01, basisAfterStepDown: 'committed' },
          recycling: { cap: 0, untilYear: 0 },
        },
        strategy: { stageWeights: { seed: 1 }, chequeSize: { seed: 0.8 }, deploymentYears: 2 },
        companies: { model: 'power_law', powerLaw: { ...pl, holdingYears: { median: 3, sigma: 0.3 } } },
        market: CALM,
        run: { trials: 2000, seed: `power-law-fund-${name}` },
      })
      const run = resolveRun(c)
      expect(run.construction.deals).toHaveLength(100)
      const m = runResolved(run)
      expect(Math.max(...m.counts.heldAtEnd)).toBe(0)
      expect(Math.min(...m.values.invested)).toBeCloseTo(80, 9)
      const { mean, variance } = powerLawMoments(c.companies.powerLaw)
      const T = c.run.trials
      const sim = meanSe(m.values.grossTvpi)
      const w = withinSe(sim.mean, mean, Math.sqrt(variance / (100 * T)))
      expect(w.ok, w.message).toBe(true)
    })
  }
})
