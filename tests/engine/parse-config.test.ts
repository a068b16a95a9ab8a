import { describe, expect, it } from 'vitest'
import { DEFAULT_TEMPLATE, FUND_TEMPLATES, limits, parseConfig, REFERENCE_FUND, SCHEMA_VERSION, type ConfigIssue } from '@pcsim/engine'

const issuesOf = (input: unknown): ConfigIssue[] => {
  const r = parseConfig(input)
  return r.ok ? [] : r.issues
}

/** [what is wrong, input, expected JSON Pointer, expected code] */
const BAD: Array<[string, unknown, string, ConfigIssue['code']]> = [
  ['reserve share above 0.9', { strategy: { reserves: { share: 0.95 } } }, '/strategy/reserves/share', 'too_big'],
  ['sector weights sum to 0.8', { strategy: { sectorWeights: { generalist: 0.5, ai: 0.3 } } }, '/strategy/sectorWeights', 'weights_not_normalised'],
  ['stage weights sum to 1.1', { strategy: { stageWeights: { seed: 0.6, early: 0.5 } } }, '/strategy/stageWeights', 'weights_not_normalised'],
  ['LP shares sum to 0.5', { lpClasses: [{ id: 'a', kind: 'private', share: 0.5 }] }, '/lpClasses', 'shares_not_normalised'],
  ['unknown waterfall', { fund: { carry: { waterfall: 'british' } } }, '/fund/carry/waterfall', 'invalid_value'],
  ['fractional trial count', { run: { trials: 10.5 } }, '/run/trials', 'not_integer'],
  ['zero trials', { run: { trials: 0 } }, '/run/trials', 'too_small'],
  ['misspelt field', { fund: { sizee: 100 } }, '/fund/sizee', 'unknown_field'],
  ['unknown sector', { strategy: { sectorWeights: { fintech: 1 } } }, '/strategy/sectorWeights/fintech', 'unknown_field'],
  ['unknown template', { template: 'nope' }, '/template', 'unknown_template'],
  ['template that is not a string', { template: 5 }, '/template', 'unknown_template'],
  ['schema version from the future', { schemaVersion: 999 }, '/schemaVersion', 'unsupported_version'],
  ['schema version 0', { schemaVersion: 0 }, '/schemaVersion', 'unsupported_version'],
  ['investment period longer than the life', { fund: { investmentPeriodYears: 12 } }, '/fund/investmentPeriodYears', 'period_exceeds_life'],
  ['deployment longer than the investment period', { strategy: { deploymentYears: 6 } }, '/strategy/deploymentYears', 'period_exceeds_life'],
  ['catch-up at or below the carry rate', { fund: { carry: { catchUp: 0.1 } } }, '/fund/carry/catchUp', 'catch_up_below_carry'],
  ['Pareto shift above its lower bound', { companies: { powerLaw: { shift: 0.5 } } }, '/companies/powerLaw/shift', 'shift_above_low'],
  ['Pareto upper bound below the lower', { companies: { powerLaw: { high: 0.3 } } }, '/companies/powerLaw/high', 'bounds_inverted'],
  ['no buckets', { companies: { powerLaw: { kind: 'buckets', buckets: [] } } }, '/companies/powerLaw/buckets', 'too_short'],
  ['bucket probabilities sum to 0.5', { companies: { powerLaw: { kind: 'buckets', buckets: [{ low: 0, high: 1, probability: 0.5 }] } } }, '/companies/powerLaw/buckets', 'shares_not_normalised'],
  ['bucket with high < low', { companies: { powerLaw: { kind: 'buckets', buckets: [{ low: 2, high: 1, probability: 1 }] } } }, '/companies/powerLaw/buckets/0/high', 'bounds_inverted'],
  ['across-sector correlation above within-sector', { market: { factors: { acrossSector: 0.5 } } }, '/market/factors/acrossSector', 'correlation_order'],
  ['regime switch row sums to 0.9', { market: { regimes: { switchTo: { boom: { normal: 0.5, bust: 0.4 } } } } }, '/market/regimes/switchTo/boom', 'shares_not_normalised'],
  ['unknown regime', { market: { regimes: { initial: 'boomy' } } }, '/market/regimes/initial', 'invalid_value'],
  ['shock after the end', { market: { shocks: [{ id: 's', fromYear: 12, years: 1, sectors: [], effects: {}, indexDrift: 0 }] } }, '/market/shocks/0/fromYear', 'year_after_end'],
  ['shock on an unknown sector', { market: { shocks: [{ id: 's', fromYear: 1, years: 1, sectors: ['x'], effects: {}, indexDrift: 0 }] } }, '/market/shocks/0/sectors/0', 'invalid_value'],
  ['cheques too large for any deal', { strategy: { chequeSize: { seed: 1000, early: 1000 } } }, '/strategy/chequeSize', 'no_deals'],
  ['cheques so small they make 9,000 companies', { fund: { size: 10_000 }, strategy: { chequeSize: { seed: 0.5, early: 0.5 } } }, '/strategy/chequeSize', 'too_many_companies'],
  ['recycling after the life', { fund: { recycling: { untilYear: 11 } } }, '/fund/recycling/untilYear', 'year_after_end'],
  ['evaluation after life + extension', { run: { evaluateAtYear: 13 } }, '/run/evaluateAtYear', 'year_after_end'],
  ['life + extension above 30 years', { fund: { lifeYears: 28, extensionYears: 5 } }, '/fund/extensionYears', 'too_big'],
  ['duplicate LP id', { lpClasses: [{ id: 'a', kind: 'private', share: 0.5 }, { id: 'a', kind: 'private', share: 0.5 }] }, '/lpClasses/1/id', 'duplicate_id'],
  ['two GP classes', { lpClasses: [{ id: 'a', kind: 'gp', share: 0.5 }, { id: 'b', kind: 'gp', share: 0.5 }] }, '/lpClasses', 'gp_class_count'],
  ['no LP classes', { lpClasses: [] }, '/lpClasses', 'too_short'],
  ['LP class without a kind', { lpClasses: [{ id: 'a', share: 1 }] }, '/lpClasses/0/kind', 'required'],
  ['LP id with a space', { lpClasses: [{ id: 'a b', kind: 'private', share: 1 }] }, '/lpClasses/0/id', 'invalid_format'],
  ['outcome probabilities above 1', { companies: { sectors: { generalist: { rounds: { seed: { next: 0.9 } } } } } }, '/companies/sectors/generalist/rounds/seed', 'probabilities_exceed_one'],
  ['tail cap below its start', { companies: { sectors: { generalist: { tail: { cap: 3 } } } } }, '/companies/sectors/generalist/tail/cap', 'bounds_inverted'],
  ['fund size as a string', { fund: { size: '100' } }, '/fund/size', 'invalid_type'],
  ['fund size NaN', { fund: { size: Number.NaN } }, '/fund/size', 'invalid_type'],
  ['fund size Infinity', { fund: { size: Infinity } }, '/fund/size', 'invalid_type'],
  ['fund size 0', { fund: { size: 0 } }, '/fund/size', 'too_small'],
  ['fund size above the limit', { fund: { size: 1e7 } }, '/fund/size', 'too_big'],
  ['unknown currency', { fund: { currency: 'JPY' } }, '/fund/currency', 'invalid_value'],
  ['clawback as a string', { fund: { carry: { clawback: 'yes' } } }, '/fund/carry/clawback', 'invalid_type'],
  ['seed as a boolean', { run: { seed: true } }, '/run/seed', 'invalid_type'],
  ['name too long', { name: 'x'.repeat(201) }, '/name', 'too_long'],
  ['seven follow-on rounds', { strategy: { followOn: { maxRounds: 7 } } }, '/strategy/followOn/maxRounds', 'too_big'],
  ['fee basis unknown', { fund: { managementFee: { basis: 'gross' } } }, '/fund/managementFee/basis', 'invalid_value'],
  ['a prototype key', JSON.parse('{"__proto__": {"x": 1}}'), '/__proto__', 'prototype_key'],
  ['an array instead of an object', [], '', 'not_an_object'],
  ['null', null, '', 'not_an_object'],
]

describe('parseConfig names the field', () => {
  it('has at least 15 cases', () => expect(BAD.length).toBeGreaterThanOrEqual(15))

  for (const [what, input, path, code] of BAD) {
    it(`${what} → ${path || '(root)'} ${code}`, () => {
      const issues = issuesOf(input)
      expect(issues.map((i) => `${i.path} ${i.code}`)).toContain(`${path} ${code}`)
      for (const i of issues) {
        expect(i.message.en.length).toBeGreaterThan(0)
        expect(i.message.zh.length).toBeGreaterThan(0)
        // parameters the sentence uses are filled in
        expect(i.message.en).not.toMatch(/undefined|NaN\b(?! and)/)
        expect(i.message.zh).not.toMatch(/undefined/)
      }
    })
  }

  it('issue parameters carry the numbers the user needs', () => {
    const [w] = issuesOf({ strategy: { sectorWeights: { generalist: 0.5, ai: 0.3 } } })
    expect(w!.params.sum).toBeCloseTo(0.8, 12)
    expect(w!.message.en).toContain('0.8')
    const [t] = issuesOf({ strategy: { reserves: { share: 0.95 } } })
    expect(t!.params.limit).toBe(0.9)
    const [m] = issuesOf({ fund: { size: 10_000 }, strategy: { chequeSize: { seed: 0.5, early: 0.5 } } })
    expect(Number(m!.params.value)).toBeGreaterThan(limits.MAX_COMPANIES)
    expect(m!.params.limit).toBe(limits.MAX_COMPANIES)
  })
})

describe('parseConfig fills from templates', () => {
  it('an empty object is the default template, complete and valid', () => {
    const r = parseConfig({})
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.config.template).toBe(DEFAULT_TEMPLATE)
    expect(r.config.schemaVersion).toBe(SCHEMA_VERSION)
    expect(r.config.fund.size).toBe(REFERENCE_FUND.fund.size)
  })

  it('every built-in template parses on its own', () => {
    for (const t of FUND_TEMPLATES) {
      const r = parseConfig({ template: t.id })
      expect(r.ok, `${t.id}: ${JSON.stringify(r.ok ? [] : r.issues)}`).toBe(true)
    }
  })

  it('objects merge key by key, weight maps and arrays replace', () => {
    const r = parseConfig({ fund: { carry: { rate: 0.25 } }, strategy: { sectorWeights: { ai: 1 } } })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.config.fund.carry.rate).toBe(0.25)
    expect(r.config.fund.carry.waterfall).toBe(REFERENCE_FUND.fund.carry.waterfall)
    expect(r.config.strategy.sectorWeights).toEqual({ ai: 1 })
  })

  it('the current schema version is accepted explicitly', () => {
    expect(parseConfig({ schemaVersion: SCHEMA_VERSION }).ok).toBe(true)
  })

  it('does not modify its input or the reference fund', () => {
    const input = { fund: { size: 50 }, strategy: { chequeSize: { seed: 0.3, early: 0.6 } } }
    const before = JSON.stringify(input)
    const ref = JSON.stringify(REFERENCE_FUND)
    parseConfig(input)
    expect(JSON.stringify(input)).toBe(before)
    expect(JSON.stringify(REFERENCE_FUND)).toBe(ref)
  })
})

describe('engine problem: the company-count rule runs after building every deal', () => {
  // rules.ts calls resolveRun(c) (→ buildConstruction, which materialises one object per company)
  // before it compares the count with MAX_COMPANIES (2,000). The count is bounded only by
  // fund.size / chequeSize ≤ 10^6 / 0.001 = 10^9, so a config of a few hundred bytes makes
  // parseConfig allocate ~10^9 objects: fund.size 100,000 with 0.001 cheques kills the process with
  // "JavaScript heap out of memory" (an API request could take the server down). At fund.size 1,000
  // (460,000 would-be companies) parseConfig takes ~1 s instead of ~10 ms; the check below uses that
  // smaller case so the suite survives.
  it('rejects 460,000 would-be companies without building them (well under 250 ms)', () => {
    parseConfig({})
    const t0 = performance.now()
    const issues = issuesOf({ fund: { size: 1000 }, strategy: { chequeSize: { seed: 0.001, early: 0.001 } } })
    const ms = performance.now() - t0
    expect(issues.map((i) => i.code)).toEqual(['too_many_companies'])
    expect(ms).toBeLessThan(250)
  })
})
