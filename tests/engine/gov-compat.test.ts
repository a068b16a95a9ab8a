import { describe, expect, it } from 'vitest'
import {
  migrateConfig,
  parseConfig,
  REFERENCE_FUND,
  resolveRun,
  resultDigest,
  runResolved,
  runSimulation,
  SCHEMA_VERSION,
  type RunResult,
  type SimulationConfig,
} from '@pcsim/engine'
import { config } from './helpers.ts'

/**
 * A fund with no special terms gives the same numbers as before schema v2: a v1 config (no terms,
 * no policy, regions or pipeline) and the same fund written as v2 give the same result, apart from
 * the fields v2 added (summary.lpClasses, summary.policy, fan.governmentCalls); every class of a
 * no-terms fund has exactly the fund's net TVPI, IRR and DPI; a class whose only term moves no money
 * (a re-investment requirement already met by the region weights) runs through the LP-class books
 * and still reproduces the fund-level waterfall.
 */

/** The result without the fields schema v2 added. */
function withoutV2(r: RunResult) {
  const { summary, fan, ...rest } = r
  const { lpClasses: _l, policy: _p, ...s } = summary
  const { governmentCalls: _g, ...f } = fan
  return { ...rest, summary: s, fan: f }
}

/** A saved v1 config: the fund as v1 wrote it (no regionWeights, no pipeline, no policy; its template kept). */
function v1Of(base: SimulationConfig, run: Record<string, unknown>): Record<string, unknown> {
  const c = JSON.parse(JSON.stringify(base)) as Record<string, unknown> & { strategy: Record<string, unknown> }
  delete c.strategy.regionWeights
  delete c.strategy.pipeline
  delete c.policy
  return { ...c, schemaVersion: 1, run }
}

describe('migration v1 → v2', () => {
  it('adds neutral values: pipeline off, all capital in region "other", any loss tolerated', () => {
    const m = migrateConfig({ schemaVersion: 1, name: 'saved', strategy: { deploymentYears: 3 } })
    expect(m.ok).toBe(true)
    if (!m.ok) return
    const c = m.config as { schemaVersion: number; strategy: { regionWeights: unknown; pipeline: { enabled: boolean }; deploymentYears: number }; policy: unknown }
    expect(c.schemaVersion).toBe(SCHEMA_VERSION)
    expect(c.strategy.regionWeights).toEqual({ other: 1 })
    expect(c.strategy.pipeline.enabled).toBe(false)
    expect(c.strategy.deploymentYears).toBe(3)
    expect(c.policy).toEqual({ toleratedLoss: { fund: 1, deal: 1 } })
  })

  it('does not touch a config that is already current, and leaves a missing version as the current one', () => {
    const current = { schemaVersion: SCHEMA_VERSION, strategy: { regionWeights: { beijing: 1 } } }
    const m = migrateConfig(current)
    expect(m.ok && m.config).toEqual(current)
    const none = migrateConfig({ name: 'x' })
    expect(none.ok && none.config.schemaVersion).toBe(SCHEMA_VERSION)
  })

  it('a full v1 config parses to the same config as its v2 twin, whose new fields are neutral', () => {
    const run = { trials: 10, seed: 3 }
    const fromV1 = config(v1Of(REFERENCE_FUND, run))
    const v2 = config({ ...REFERENCE_FUND, run })
    expect(fromV1).toEqual(v2)
    expect(fromV1.strategy.pipeline.enabled).toBe(false)
    expect(fromV1.strategy.regionWeights).toEqual({ other: 1 })
    expect(fromV1.policy.toleratedLoss).toEqual({ fund: 1, deal: 1 })
  })

  it('a v1 config whose template is a v2 template with a pipeline still gets the pipeline switched off', () => {
    const c = config({ schemaVersion: 1, template: 'us-vc-10y', strategy: { pipeline: { enabled: true, plannedPerQuarter: 3 } } })
    expect(c.strategy.pipeline.enabled).toBe(false)
  })
})

describe('no special terms: the same numbers as before', () => {
  const cases: Array<[string, SimulationConfig]> = [
    ['us-vc-10y (reference)', REFERENCE_FUND],
    ['gov-angel-fund (40% government, hurdle 8%)', config({ template: 'gov-angel-fund' })],
    ['ai-industry-fund, American waterfall', config({ template: 'ai-industry-fund', fund: { carry: { waterfall: 'american' } } })],
  ]
  for (const [label, base] of cases) {
    it(`${label}: a saved v1 config and the v2 one give the same result digest`, () => {
      const run = { trials: 300, seed: 77 }
      const a = runSimulation(config(v1Of(base, run)))
      // the v2 twin states the neutral values explicitly
      const b = runSimulation(
        config({ ...base, strategy: { ...base.strategy, regionWeights: { other: 1 }, pipeline: { ...base.strategy.pipeline, enabled: false } }, policy: { toleratedLoss: { fund: 1, deal: 1 } }, run }),
      )
      expect(resultDigest(withoutV2(a))).toBe(resultDigest(withoutV2(b)))
      // and the new fields are neutral: no pipeline activity, no breach, no first loss, no buy-out
      const p = a.summary.policy
      expect(p.pipeline.planned).toBe(0)
      // (cash drag is exactly 0 up to rounding of two sums of the same cheques)
      expect(p.pipeline.cashDrag!.max).toBeLessThan(1e-12)
      expect(p.toleratedLoss.probBreach.value).toBe(0)
      expect(p.firstLossPaid?.max).toBe(0)
      expect(p.buyOut.probExercised.value).toBe(0)
      expect(p.reinvestment).toEqual([])
    })
  }

  it('every class of a no-terms fund has exactly the fund\'s net TVPI, IRR and DPI in every trial', () => {
    const c = config({ template: 'gov-angel-fund', run: { trials: 300, seed: 8 } })
    expect(c.lpClasses.length).toBe(3)
    const m = runResolved(resolveRun(c))
    for (let k = 0; k < 3; k++) {
      const [tvpi, irr, dpi] = m.classes[k]!
      for (let t = 0; t < 300; t++) {
        expect(Object.is(tvpi![t], m.values.netTvpi[t])).toBe(true)
        expect(Object.is(irr![t], m.values.netIrr[t])).toBe(true)
        expect(Object.is(dpi![t], m.values.dpi[t])).toBe(true)
      }
    }
    const r = runSimulation(c)
    for (const cls of r.summary.lpClasses) {
      expect(cls.netTvpi).toEqual(r.summary.netTvpi)
      expect(cls.dpi).toEqual(r.summary.dpi)
      expect(cls.probLoss).toEqual(r.summary.probLoss)
    }
  })

  it('region weights alone (no re-investment requirement) change no number', () => {
    const run = { trials: 200, seed: 4 }
    const a = runSimulation(config({ template: 'gov-angel-fund', run }))
    const b = runSimulation(config({ template: 'gov-angel-fund', strategy: { regionWeights: { beijing: 0.5, tianjin: 0.2, other: 0.3 } }, run }))
    const strip = (r: RunResult) => {
      const { config: _c, ...rest } = withoutV2(r)
      return rest
    }
    expect(resultDigest(strip(a))).toBe(resultDigest(strip(b)))
  })

  it('the LP-class books with no money-moving term reproduce the fund-level waterfall', () => {
    // A re-investment requirement of 0.1× in region "other", already met by the region weights,
    // makes the fund non-uniform (it goes through LpLedger) without changing any cash flow.
    const run = { trials: 200, seed: 12 }
    for (const waterfall of ['european', 'american'] as const) {
      const plain = config({ template: 'gov-angel-fund', fund: { carry: { waterfall } }, run })
      const ledgerPath = config({
        template: 'gov-angel-fund',
        fund: { carry: { waterfall } },
        lpClasses: [
          { id: 'government', kind: 'government', share: 0.4, terms: { localReinvestment: { multiple: 0.1, regions: ['other'] } } },
          { id: 'private', kind: 'private', share: 0.59 },
          { id: 'gp', kind: 'gp', share: 0.01 },
        ],
        run,
      })
      const ra = resolveRun(plain)
      const rb = resolveRun(ledgerPath)
      expect(Array.from(rb.deals.cheque)).toEqual(Array.from(ra.deals.cheque))
      const a = runResolved(ra)
      const b = runResolved(rb)
      for (const metric of ['netTvpi', 'netIrr', 'dpi', 'paidIn', 'fees', 'carry', 'pme'] as const) {
        for (let t = 0; t < 200; t++) {
          const x = a.values[metric][t]!
          const y = b.values[metric][t]!
          if (Number.isNaN(x)) expect(y).toBeNaN()
          else expect(Math.abs(x - y), `${waterfall} ${metric} trial ${t}: ${x} vs ${y}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(x)))
        }
      }
      // each class, through the ledger, has the fund's multiples
      for (let k = 0; k < 3; k++)
        for (let t = 0; t < 200; t++) {
          expect(b.classes[k]![0]![t]).toBeCloseTo(a.values.netTvpi[t]!, 9)
          expect(b.classes[k]![2]![t]).toBeCloseTo(a.values.dpi[t]!, 9)
        }
    }
  })

  it('parseConfig accepts the v1 config and reports the current version', () => {
    const r = parseConfig(v1Of(REFERENCE_FUND, { trials: 5, seed: 1 }))
    expect(r.ok && r.config.schemaVersion).toBe(SCHEMA_VERSION)
  })
})
