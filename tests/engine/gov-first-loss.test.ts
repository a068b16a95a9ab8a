import { describe, expect, it } from 'vitest'
import { resolveRun, runResolved, summarise, type ChunkResult, type ResolvedRun, type RunResult } from '@pcsim/engine'
import { V } from '../../packages/engine/src/run/metric-ids.ts'
import { binomialSe, config } from './helpers.ts'

/**
 * First loss by subordination, paired on common random numbers: the same preset and seed with and
 * without the term. LP terms only move money between classes, so the fund's own path is identical
 * trial by trial, and every difference between the two runs is the term's.
 */

const TRIALS = 400
const SEED = 20261201

interface Run {
  run: ResolvedRun
  merged: ChunkResult
  result: RunResult
}

function angel(government: Record<string, unknown>): Run {
  const run = resolveRun(
    config({
      template: 'angel-guidance-60',
      lpClasses: [
        { id: 'government', kind: 'government', share: 0.4, terms: { localReinvestment: { multiple: 1.5, regions: ['beijing'] }, ...government } },
        { id: 'private', kind: 'private', share: 0.59 },
        { id: 'gp', kind: 'gp', share: 0.01, terms: { feeExempt: true, carryExempt: true } },
      ],
      run: { trials: TRIALS, seed: SEED },
    }),
  )
  const merged = runResolved(run)
  return { run, merged, result: summarise(run, merged) }
}

const tvpi = (r: Run, c: number) => r.merged.classes[c]![0]!
const lossShare = (a: Float64Array) => a.reduce((s, x) => s + (x < 1 ? 1 : 0), 0) / a.length

describe('first loss by subordination, paired against the same fund without it', () => {
  const none = angel({})
  const caps = [0.1, 0.2, 0.4].map((share) => ({ share, r: angel({ firstLoss: { share } }) }))

  it('leaves the fund\'s own results unchanged, trial by trial', () => {
    for (const { r } of caps) expect(Array.from(r.merged.values.netTvpi)).toEqual(Array.from(none.merged.values.netTvpi))
  })

  it('in every future the private class gets at least as much and the government at most as much as without it; the gap grows with the cap', () => {
    const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length
    let prev = { priv: mean(tvpi(none, 1)), gov: mean(tvpi(none, 0)) }
    for (const { r } of caps) {
      const priv = tvpi(r, 1)
      const gov = tvpi(r, 0)
      for (let t = 0; t < TRIALS; t++) {
        expect(priv[t]!).toBeGreaterThanOrEqual(tvpi(none, 1)[t]! - 1e-12)
        expect(gov[t]!).toBeLessThanOrEqual(tvpi(none, 0)[t]! + 1e-12)
        expect(gov[t]!).toBeGreaterThanOrEqual(0)
      }
      // a larger cap moves more on average (trial by trial the order of exits can make a larger
      // cap's pay-back a hair larger, so the comparison between caps is on the means)
      expect(mean(priv)).toBeGreaterThan(prev.priv)
      expect(mean(gov)).toBeLessThan(prev.gov)
      prev = { priv: mean(priv), gov: mean(gov) }
    }
  })

  it('cuts the private class\'s chance of a loss by what a practitioner expects of a 20%-of-fund first loss', () => {
    const p0 = lossShare(tvpi(none, 1))
    const p20 = lossShare(tvpi(caps[1]!.r, 1))
    const g0 = lossShare(tvpi(none, 0))
    const g20 = lossShare(tvpi(caps[1]!.r, 0))
    // Without the term every class loses exactly when the fund does. With the government (40% of
    // the fund) subordinated up to 20% of the fund, a private LP loses only when the fund returns
    // less than its capital by more than the government's cushion: paired, so the difference is
    // exact for these futures and its noise is at most the binomial error of one share.
    const se = binomialSe(p0, TRIALS)
    expect(p0).toBeGreaterThan(0.2)
    expect(p0 - p20).toBeGreaterThan(0.1 + 2 * se)
    // the government loses whenever the fund does (it never gains from the term)
    expect(g20).toBeGreaterThanOrEqual(g0)
    // the private class's losses shrink by at most what the government gave up
    const gaveUp = caps[1]!.r.merged.values.firstLossPaid
    for (let t = 0; t < TRIALS; t++) expect(gaveUp[t]!).toBeLessThanOrEqual(0.2 + 1e-12)
    console.info(`paired first loss (angel-guidance-60, ${TRIALS} trials, seed ${SEED}): private P(loss) ${p0.toFixed(3)} → ${p20.toFixed(3)}; government P(loss) ${g0.toFixed(3)} → ${g20.toFixed(3)}; mean given up ${(gaveUp.reduce((a, x) => a + x, 0) / TRIALS).toFixed(4)} of the fund`)
  })

  it('costs the government nothing in a future where the fund returns its capital', () => {
    const r = caps[1]!.r
    const fund = r.merged.values.netTvpi
    for (let t = 0; t < TRIALS; t++) if (fund[t]! >= 1.05) expect(r.merged.values.firstLossPaid[t]!).toBeCloseTo(0, 9)
  })
})

describe('class IRRs count every future', () => {
  it('a class that gets nothing back counts at −100% in its distribution; the shares beside it are what the trials say', () => {
    const r = angel({ firstLoss: { share: 0.4, preferredReturn: 0.08 } })
    const irr = r.merged.classes[0]![1]!
    const dpi = r.merged.classes[0]![2]!
    let lost = 0
    let undef = 0
    for (let t = 0; t < TRIALS; t++) {
      if (Number.isNaN(irr[t]!)) undef++
      else if (irr[t] === -1) {
        lost++
        expect(dpi[t]).toBe(0)
      } else expect(dpi[t]!).toBeGreaterThan(0)
    }
    const g = r.result.summary.lpClasses[0]!.netIrr!
    expect(lost).toBeGreaterThan(0.1 * TRIALS)
    expect(g.totalLossShare).toBe(lost / TRIALS)
    expect(g.undefinedShare).toBe(undef / TRIALS)
    expect(g.n).toBe(TRIALS - undef)
    // more than a tenth of futures lose everything, so the 10th percentile is −100%
    expect(g.p10).toBe(-1)
    expect(g.min).toBe(-1)
  })
})

describe('an explicit cash guarantee is a separate term and shows up in the government budget', () => {
  it('pays at the end of life within its cap; the budget rises by exactly what was paid', () => {
    const none = angel({})
    const g = angel({ cashGuarantee: { share: 0.2, amount: 30 } })
    const paid = g.merged.values.guaranteePaid
    const size = g.run.config.fund.size
    for (let t = 0; t < TRIALS; t++) expect(paid[t]! * size).toBeLessThanOrEqual(30 + 1e-9)
    const mean = paid.reduce((a, x) => a + x, 0) / TRIALS
    expect(mean).toBeGreaterThan(0)
    expect(g.result.summary.policy.guaranteePaid!.mean).toBeCloseTo(mean, 12)
    const total = (r: Run) => r.result.summary.policy.budget.reduce((a, b) => a + b.expected, 0)
    expect(total(g) - total(none)).toBeCloseTo(mean * size, 6)
    // the private class is paid its losses in cash, so it gains in exactly those futures
    for (let t = 0; t < TRIALS; t++) if (paid[t]! > 0) expect(tvpi(g, 1)[t]!).toBeGreaterThan(tvpi(none, 1)[t]!)
    expect(g.merged.values.firstLossPaid.every((x) => x === 0)).toBe(true)
    void V
  })
})
