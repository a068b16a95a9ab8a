import { describe, expect, it } from 'vitest'
import { parseConfig, runSimulation, type ConfigIssue } from '@pcsim/engine'

/** Invalid combinations of government terms, regions, the pipeline and fund-of-funds: each must be
 * reported with the JSON Pointer of the field at fault and its code. */

const issuesOf = (input: unknown): ConfigIssue[] => {
  const r = parseConfig(input)
  return r.ok ? [] : r.issues
}

const gov = (terms: Record<string, unknown>, share = 0.5) => ({ id: 'gov', kind: 'government', share, terms })
const priv = (share = 0.5, terms?: Record<string, unknown>) => ({ id: 'p', kind: 'private', share, ...(terms ? { terms } : {}) })
const cap = (upsideTo: string[]) => ({ cappedReturn: { rate: 0.03, priority: false, upsideTo } })

/** [what is wrong, input, expected path, expected code] */
const BAD: Array<[string, unknown, string, ConfigIssue['code']]> = [
  [
    'LP shares over 100%',
    { lpClasses: [gov({}, 0.6), priv(0.5)] },
    '/lpClasses',
    'shares_not_normalised',
  ],
  ['a cap whose upside goes to a class that does not exist', { lpClasses: [gov(cap(['nobody'])), priv()] }, '/lpClasses/0/terms/cappedReturn/upsideTo/0', 'unknown_class'],
  ['a cap whose upside goes to itself', { lpClasses: [priv(), gov(cap(['p', 'gov']))] }, '/lpClasses/1/terms/cappedReturn/upsideTo/1', 'receiver_is_self'],
  ['"gp" mixed with classes in upsideTo', { lpClasses: [gov(cap(['p', 'gp'])), priv()] }, '/lpClasses/0/terms/cappedReturn/upsideTo/1', 'gp_not_alone'],
  [
    '"gp" mixed with classes in a concession',
    { lpClasses: [gov({ profitConcession: { share: 0.5, threshold: 0.03, to: ['gp', 'p'] } }), priv()] },
    '/lpClasses/0/terms/profitConcession/to/0',
    'gp_not_alone',
  ],
  [
    'a concession to an unknown class',
    { lpClasses: [gov({ profitConcession: { share: 0.5, threshold: 0.03, to: ['private'] } }), priv()] },
    '/lpClasses/0/terms/profitConcession/to/0',
    'unknown_class',
  ],
  [
    'a buy-out bought by a government class',
    {
      lpClasses: [
        gov({ buyOut: { windowYears: 5, rate: 0.05, buyers: ['p', 'city'] } }, 0.4),
        { id: 'city', kind: 'government', share: 0.2 },
        priv(0.4),
      ],
    },
    '/lpClasses/0/terms/buyOut/buyers/1',
    'buyer_not_private',
  ],
  ['a buy-out bought by the class itself', { lpClasses: [gov({ buyOut: { windowYears: 5, rate: 0.05, buyers: ['gov'] } }), priv()] }, '/lpClasses/0/terms/buyOut/buyers/0', 'receiver_is_self'],
  ['a buy-out "bought" by the GP', { lpClasses: [gov({ buyOut: { windowYears: 5, rate: 0.05, buyers: ['gp'] } }), priv()] }, '/lpClasses/0/terms/buyOut/buyers/0', 'unknown_class'],
  ['a buy-out window after the fund life', { lpClasses: [gov({ buyOut: { windowYears: 11, rate: 0.05, buyers: ['p'] } }), priv()] }, '/lpClasses/0/terms/buyOut/windowYears', 'year_after_end'],
  ['first loss above the class\'s commitment', { lpClasses: [gov({}, 0.8), priv(0.2, { firstLoss: { share: 0.3 } })] }, '/lpClasses/1/terms/firstLoss/share', 'first_loss_above_commitment'],
  ['a first-loss amount above the class\'s commitment', { lpClasses: [gov({}, 0.8), priv(0.2, { firstLoss: { share: 0.2, amount: 1e6 } })] }, '/lpClasses/1/terms/firstLoss/amount', 'loss_cap_above_commitment'],
  ['a cash guarantee above the class\'s commitment', { lpClasses: [gov({ cashGuarantee: { share: 0.9 } }, 0.8), priv(0.2)] }, '/lpClasses/0/terms/cashGuarantee/share', 'first_loss_above_commitment'],
  ['two first-loss classes', { lpClasses: [gov({ firstLoss: { share: 0.1 } }, 0.8), priv(0.2, { firstLoss: { share: 0.1 } })] }, '/lpClasses/1/terms/firstLoss', 'first_loss_one_class'],
  ['a negative senior preferred return', { lpClasses: [gov({ firstLoss: { share: 0.1, preferredReturn: -0.01 } }), priv()] }, '/lpClasses/0/terms/firstLoss/preferredReturn', 'too_small'],
  [
    'a re-investment multiple no region can satisfy',
    { lpClasses: [priv(0.5), gov({ localReinvestment: { multiple: 20, regions: ['beijing'] } })] },
    '/lpClasses/1/terms/localReinvestment/multiple',
    'reinvestment_unreachable',
  ],
  [
    'two requirements that together exceed what the fund invests',
    {
      lpClasses: [
        { id: 'bj', kind: 'government', share: 0.5, terms: { localReinvestment: { multiple: 1.5, regions: ['beijing'] } } },
        { id: 'tj', kind: 'government', share: 0.5, terms: { localReinvestment: { multiple: 1.5, regions: ['tianjin'] } } },
      ],
    },
    '/lpClasses/0/terms/localReinvestment/multiple',
    'reinvestment_unreachable',
  ],
  ['region weights summing to 0.7', { strategy: { regionWeights: { beijing: 0.5, other: 0.2 } } }, '/strategy/regionWeights', 'weights_not_normalised'],
  ['an unknown region', { strategy: { regionWeights: { shanghai: 1 } } }, '/strategy/regionWeights/shanghai', 'unknown_field'],
  ['an enabled pipeline with no planned deals', { strategy: { pipeline: { enabled: true, plannedPerQuarter: 0 } } }, '/strategy/pipeline', 'pipeline_empty'],
  ['an enabled pipeline that reserves nothing', { strategy: { pipeline: { enabled: true, reserveRate: 0 } } }, '/strategy/pipeline', 'pipeline_empty'],
  ['an enabled pipeline that starts nothing', { strategy: { pipeline: { enabled: true, startRate: 0 } } }, '/strategy/pipeline', 'pipeline_empty'],
  ['a tolerated loss above 100%', { policy: { toleratedLoss: { fund: 1.2, deal: 1 } } }, '/policy/toleratedLoss/fund', 'too_big'],
  ['a misspelt term', { lpClasses: [gov({ cappedReturns: {} }), priv()] }, '/lpClasses/0/terms/cappedReturns', 'unknown_field'],
]

describe('invalid LP terms, regions and pipeline', () => {
  for (const [what, input, path, code] of BAD) {
    it(`${what} → ${path} ${code}`, () => {
      const issues = issuesOf(input)
      expect(
        issues.some((i) => i.path === path && i.code === code),
        `got ${JSON.stringify(issues.map((i) => [i.path, i.code]))}`,
      ).toBe(true)
      for (const i of issues) {
        expect(i.message.en.length).toBeGreaterThan(10)
        expect(i.message.zh.length).toBeGreaterThan(3)
      }
    })
  }

  it('shares over 100% report their sum', () => {
    const i = issuesOf({ lpClasses: [gov({}, 0.6), priv(0.5)] }).find((x) => x.code === 'shares_not_normalised')
    expect(i?.params.sum).toBe(1.1)
  })

  it('the valid neighbours of these configs parse', () => {
    for (const input of [
      { lpClasses: [gov(cap(['p'])), priv()] },
      { lpClasses: [gov(cap(['gp'])), priv()] },
      { lpClasses: [gov({ buyOut: { windowYears: 5, rate: 0.05, buyers: ['p'] } }), priv()] },
      { lpClasses: [gov({}, 0.8), priv(0.2, { firstLoss: { share: 0.2 } })] },
      { lpClasses: [gov({ firstLoss: { share: 0.2, amount: 5, preferredReturn: 0.06 }, cashGuarantee: { share: 0.1, amount: 3 } }, 0.8), priv(0.2)] },
      { lpClasses: [priv(0.5), gov({ localReinvestment: { multiple: 1, regions: ['beijing'] } })] },
      { strategy: { regionWeights: { beijing: 0.5, other: 0.5 } } },
      { strategy: { pipeline: { enabled: true } } },
    ]) {
      const r = parseConfig(input)
      expect(r.ok, JSON.stringify(!r.ok && r.issues.map((i) => [i.path, i.code]))).toBe(true)
    }
  })
})

describe('a pipeline that can never start a deal', () => {
  // ENGINE BUG (rules.ts pipeline_empty check vs deal-flow.ts `Math.round(p.plannedPerQuarter)`):
  // the rule only rejects plannedPerQuarter <= 0, but scheduleDeals rounds it, so 0 < x < 0.5 plans
  // 0 deals every quarter: the config is accepted and the fund never invests (0 companies, net TVPI
  // 0 in every trial). Either the rule should reject Math.round(x) < 1 (pipeline_empty), or the
  // pipeline should carry the fraction from quarter to quarter. This test accepts either fix.
  it('plannedPerQuarter 0.4 is either rejected or makes some investments', () => {
    const r = parseConfig({ strategy: { pipeline: { enabled: true, plannedPerQuarter: 0.4 } }, run: { trials: 20, seed: 1 } })
    if (!r.ok) {
      expect(r.issues.some((i) => i.path === '/strategy/pipeline' && i.code === 'pipeline_empty')).toBe(true)
      return
    }
    expect(runSimulation(r.config).summary.outcomes.companies.mean).toBeGreaterThan(0)
  })
})

describe('invalid fund-of-funds', () => {
  const sub = (over: Record<string, unknown> = {}) => ({ id: 'a', commitment: 50, lpClass: 'lps', config: {}, ...over })
  const mother = (subFunds: unknown[], extra: Record<string, unknown> = {}) => ({ template: 'beijing-fof', subFunds, ...extra })

  it('a valid mother over one us-vc-10y sub-fund parses', () => {
    expect(parseConfig(mother([sub()])).ok).toBe(true)
  })

  it('a sub-fund\'s own config errors are reported under /subFunds/i/config', () => {
    const direct = issuesOf({ fund: { size: -5 } })
    expect(direct.length).toBeGreaterThan(0)
    const issues = issuesOf(mother([sub(), sub({ id: 'b', config: { fund: { size: -5 } } })]))
    for (const d of direct) expect(issues.some((i) => i.path === `/subFunds/1/config${d.path}` && i.code === d.code)).toBe(true)
    // a rule error inside the sub-fund (its LP terms) keeps its path too
    const terms = issuesOf(mother([sub({ config: { lpClasses: [gov(cap(['nobody'])), priv()] }, lpClass: 'gov' })]))
    expect(terms.some((i) => i.path === '/subFunds/0/config/lpClasses/0/terms/cappedReturn/upsideTo/0' && i.code === 'unknown_class')).toBe(true)
  })

  const CASES: Array<[string, unknown, string, ConfigIssue['code']]> = [
    ['an lpClass the sub-fund does not have', mother([sub({ lpClass: 'government' })]), '/subFunds/0/lpClass', 'unknown_class'],
    // us-vc-10y: size 100, class "lps" 99% → at most 99
    ['a commitment above the sub-fund class', mother([sub({ commitment: 120 })]), '/subFunds/0/commitment', 'commitment_above_class'],
    [
      'sub-fund commitments above what the mother can invest',
      mother([sub({ commitment: 990, config: { fund: { size: 1000 } } }), sub({ id: 'b', commitment: 990, config: { fund: { size: 1000 } } }), sub({ id: 'c', commitment: 990, config: { fund: { size: 1000 } } })]),
      '/subFunds',
      'over_committed',
    ],
    ['a sub-fund that is itself a fund-of-funds', mother([sub({ config: { template: 'beijing-fof', subFunds: [] } })]), '/subFunds/0/config/subFunds', 'nested_fund_of_funds'],
    ['a sub-fund whose template is a fund-of-funds', mother([sub({ lpClass: 'government', commitment: 10, config: { template: 'beijing-fof' } })]), '/subFunds/0/config', 'nested_fund_of_funds'],
    ['two sub-funds with one id', mother([sub(), sub()]), '/subFunds/1/id', 'duplicate_id'],
  ]
  for (const [what, input, path, code] of CASES) {
    it(`${what} → ${path} ${code}`, () => {
      const issues = issuesOf(input)
      expect(
        issues.some((i) => i.path === path && i.code === code),
        `got ${JSON.stringify(issues.map((i) => [i.path, i.code]))}`,
      ).toBe(true)
    })
  }
})
