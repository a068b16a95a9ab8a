import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  CATALOGUES,
  ENTRY_STAGE_IDS,
  FUND_TEMPLATES,
  parseConfig,
  REFERENCE_FUND,
  runSimulation,
  SCENARIOS,
  SECTOR_IDS,
  type ConfigIssue,
  type RunResult,
} from '@pcsim/engine'

/** Fields a RunResult types as nullable (`Distribution | null`, `number | null`): a distribution with no
 * defined value in any trial (no trial broke even, no government money to mobilise, …). The same
 * holds inside the sub-fund results a fund-of-funds carries. */
const NULLABLE = [
  'breakEven/years',
  'concentration/dealsToReturnFund',
  'lpClasses/\\d+/(netTvpi|netIrr|dpi)',
  'policy/privateCapitalMobilised/(inFund|atEntry|overLife)',
  'policy/reinvestment/\\d+/achieved',
  'policy/toleratedLoss/(lossRatio|dealBreachShare)',
  'policy/pipeline/cashDrag',
  'policy/firstLossPaid',
  'policy/guaranteePaid',
  'policy/reinvestmentCost',
].map((p) => new RegExp(`^(/subFunds/\\d+/result)?/summary/${p}$`))

/** Walks a value; every number must be finite, null only where documented. Returns the bad paths. */
function badLeaves(value: unknown, path = '', out: string[] = []): string[] {
  if (value === null) {
    if (!NULLABLE.some((re) => re.test(path))) out.push(`${path} = null`)
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`)
  } else if (Array.isArray(value)) value.forEach((v, i) => badLeaves(v, `${path}/${i}`, out))
  else if (ArrayBuffer.isView(value)) out.push(`${path} is a typed array (not JSON)`)
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value as object)) badLeaves(v, `${path}/${k}`, out)
  else if (typeof value === 'undefined') out.push(`${path} = undefined`)
  return out
}

const PCTS = ['p1', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99'] as const
type Dist = RunResult['summary']['netTvpi']

function checkDistribution(d: Dist | null, name: string) {
  if (!d) return
  const seq = [d.min, ...PCTS.map((p) => d[p]), d.max]
  for (let i = 1; i < seq.length; i++) expect(seq[i]! >= seq[i - 1]! - 1e-9, `${name} percentiles out of order`).toBe(true)
  expect(d.mean >= d.min - 1e-9 && d.mean <= d.max + 1e-9, `${name} mean outside [min, max]`).toBe(true)
  expect(d.sd).toBeGreaterThanOrEqual(0)
  for (const p of PCTS) expect(d.percentileSe[p], `${name} percentile SE`).toBeGreaterThanOrEqual(0)
}

function checkResult(r: RunResult, trials: number) {
  expect(badLeaves(r), JSON.stringify(r.config)).toEqual([])
  const s = r.summary
  expect(r.trials).toBe(trials)
  // metrics that exist in every trial must be defined in every trial
  for (const d of [s.netTvpi, s.grossTvpi, s.dpi, s.rvpi, s.pme, s.deployment.paidInShare, s.deployment.investedShare]) expect(d.n).toBe(trials)
  for (const [name, d] of Object.entries({ netTvpi: s.netTvpi, grossTvpi: s.grossTvpi, netIrr: s.netIrr, dpi: s.dpi, pme: s.pme, breakEven: s.breakEven.years, top: s.concentration.topDealShare }))
    checkDistribution(d, name)
  expect(s.netTvpi.min).toBeGreaterThanOrEqual(0)
  expect(s.deployment.paidInShare.max).toBeLessThanOrEqual(1 + 1e-9)
  expect(s.deployment.feesShare.min).toBeGreaterThanOrEqual(0)
  expect(s.deployment.carryShare.min).toBeGreaterThanOrEqual(-1e-9)
  for (const p of [s.probLoss, s.probAtLeast['2x'], s.probAtLeast['3x'], s.probAtLeast['5x'], s.breakEven.probNever, s.concentration.probOneDealReturnsFund, s.concentration.probFundNotReturned]) {
    expect(p.value).toBeGreaterThanOrEqual(0)
    expect(p.value).toBeLessThanOrEqual(1)
  }
  expect(s.netIrr.undefinedShare + s.netIrr.totalLossShare).toBeLessThanOrEqual(1)
  // every company the fund backs ends in exactly one of: written off, acquired, listed, transferred,
  // bought back, stalled (held with no event left), or still active and held at the end
  const o = s.outcomes
  expect(o.writeOffs.mean + o.acquisitions.mean + o.listings.mean + o.transfers.mean + o.buyBacks.mean + o.stalled.mean + o.heldAtEnd.mean).toBeCloseTo(o.companies.mean, 6)
  // (a fund-of-funds plans no cheques of its own; its outcomes count the sub-funds' companies)
  if (!r.config.subFunds?.length) expect(o.companies.mean).toBeLessThanOrEqual(s.deployment.planned.companies)
  for (const c of s.lpClasses) expect(c.netTvpi?.n, `LP class ${c.id}`).toBe(trials)
  for (const points of Object.values(r.fan)) for (const p of points) expect(p.p5 <= p.p10 && p.p10 <= p.p25 && p.p25 <= p.p50 && p.p50 <= p.p75 && p.p75 <= p.p90 && p.p90 <= p.p95).toBe(true)
  const shares = r.valueBy.cells.reduce((a, c) => a + c.shareOfProceeds, 0)
  if (r.valueBy.cells.some((c) => c.proceeds > 0)) expect(shares).toBeCloseTo(1, 9)
}

/** Positive weights over a non-empty subset of `ids`, normalised to sum to 1. */
const weights = <T extends string>(ids: readonly T[], max: number) =>
  fc
    .uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: max })
    .chain((keys) => fc.tuple(fc.constant(keys), fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: keys.length, maxLength: keys.length })))
    .map(([keys, w]) => {
      const total = w.reduce((a, b) => a + b, 0)
      return Object.fromEntries(keys.map((k, i) => [k, w[i]! / total]))
    })

const quarterYears = (min: number, max: number) => fc.integer({ min: min * 4, max: max * 4 }).map((q) => q / 4)
const share = (min = 0, max = 1) => fc.double({ min, max, noNaN: true })
const effect = fc.double({ min: 0.05, max: 5, noNaN: true })

/** A valid config: a template plus random in-range overrides. */
const validOverrides = fc
  .record({
    template: fc.constantFrom(...FUND_TEMPLATES.map((t) => t.id)),
    size: fc.integer({ min: 20, max: 3000 }),
    life: fc.integer({ min: 6, max: 20 }),
    ext: fc.integer({ min: 0, max: 4 }),
    period: share(0.1, 1),
    deploy: share(0.1, 1),
    fee: fc.record({
      rate: share(0, 0.025),
      basis: fc.constantFrom('committed', 'invested', 'nav'),
      stepDown: share(0, 1),
      rateAfterStepDown: share(0, 0.025),
      basisAfterStepDown: fc.constantFrom('committed', 'invested', 'nav'),
    }),
    carry: fc.record({ rate: share(0, 0.3), hurdle: share(0, 0.12), catchUp: fc.oneof(fc.constant(0), share(0.05, 1)), waterfall: fc.constantFrom('european', 'american'), clawback: fc.boolean() }),
    recycling: fc.record({ cap: share(0, 0.3), until: share(0, 1) }),
    discount: share(0, 1),
    sectors: weights(SECTOR_IDS, 4),
    stages: weights(ENTRY_STAGE_IDS, 3),
    cheques: fc.tuple(share(0.004, 0.03), share(0.004, 0.03), share(0.004, 0.03)),
    reserves: fc.record({ mode: fc.constantFrom('share', 'implied'), share: share(0, 0.7) }),
    followOn: fc.record({ rule: fc.constantFrom('pro_rata', 'none'), maxRounds: fc.integer({ min: 0, max: 6 }), maxCompanyShare: share(0.01, 1), until: share(0, 1) }),
    regimes: fc.boolean(),
    factors: fc.boolean(),
    within: share(0, 0.9),
    acrossShare: share(0, 1),
    scenarios: fc.subarray(SCENARIOS.map((s) => s.id)),
    extraShock: fc.option(fc.record({ from: quarterYears(0, 5), years: quarterYears(1, 6), graduation: effect, stepUp: effect, exitValue: effect, entryValuation: effect, waitTime: effect, failure: effect }), { nil: undefined }),
    model: fc.constantFrom('lifecycle', 'lifecycle', 'power_law'),
    powerLawKind: fc.constantFrom('pareto', 'buckets'),
    evaluate: fc.option(share(0.05, 1), { nil: undefined }),
    seed: fc.oneof(fc.integer({ min: 0, max: 1e9 }), fc.string({ minLength: 1, maxLength: 12 })),
    trials: fc.integer({ min: 3, max: 12 }),
  })
  .map((g) => {
    const life = g.life
    const period = Math.min(15, Math.max(0.25, Math.round(life * g.period * 4) / 4))
    const end = life + g.ext
    const catchUp = g.carry.catchUp === 0 ? 0 : g.carry.rate + (1 - g.carry.rate) * g.carry.catchUp
    const shocks = [
      ...SCENARIOS.filter((s) => g.scenarios.includes(s.id)).flatMap((s) => s.shocks),
      ...(g.extraShock
        ? [{ id: 'random', fromYear: g.extraShock.from, years: g.extraShock.years, sectors: [], effects: { ...g.extraShock, from: undefined, years: undefined }, indexDrift: 0 }]
        : []),
    ].map((s) => ({ ...s, effects: Object.fromEntries(Object.entries(s.effects).filter(([, v]) => v !== undefined)) }))
    return {
      template: g.template,
      fund: {
        size: g.size,
        lifeYears: life,
        extensionYears: g.ext,
        investmentPeriodYears: period,
        managementFee: { ...g.fee, stepDownYear: Math.round(g.fee.stepDown * life * 4) / 4, stepDown: undefined },
        carry: { ...g.carry, catchUp },
        recycling: { cap: g.recycling.cap, untilYear: Math.round(g.recycling.until * life * 4) / 4 },
        endOfLife: { secondary: { discountMean: { boom: g.discount, normal: g.discount, bust: g.discount } } },
      },
      strategy: {
        sectorWeights: g.sectors,
        stageWeights: g.stages,
        chequeSize: { seed: g.size * g.cheques[0], early: g.size * g.cheques[1], growth: g.size * g.cheques[2] },
        deploymentYears: Math.max(0.25, Math.round(period * g.deploy * 4) / 4),
        reserves: g.reserves,
        followOn: { rule: g.followOn.rule, maxRounds: g.followOn.maxRounds, maxCompanyShare: g.followOn.maxCompanyShare, untilYear: Math.round(g.followOn.until * end * 4) / 4 },
      },
      companies: { model: g.model, powerLaw: { kind: g.powerLawKind } },
      market: {
        regimes: { enabled: g.regimes },
        factors: { enabled: g.factors, withinSector: g.within, acrossSector: g.within * g.acrossShare },
        shocks: shocks.filter((s) => s.fromYear < end),
      },
      run: { trials: g.trials, seed: g.seed, ...(g.evaluate === undefined ? {} : { evaluateAtYear: Math.max(0.25, Math.round(g.evaluate * end * 4) / 4) }) },
    }
  })

/** Drops keys whose value is undefined (the generator's placeholders), as JSON would. */
const jsonClean = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T

describe('any valid config gives a RunResult of finite numbers', () => {
  it('random templates with in-range overrides (fees, carry, hurdle, waterfall, weights, cheques, reserves, market, scenarios)', () => {
    let accepted = 0
    let rejected = 0
    fc.assert(
      fc.property(validOverrides, (raw) => {
        const r = parseConfig(jsonClean(raw))
        if (!r.ok) {
          // the generator keeps every field in range; only the rules on what the money can buy may
          // still object (no whole cheque fits, the template's re-investment target cannot be met, or a
          // fund-of-funds template's commitments to its sub-funds exceed the smaller fund)
          // (a sub-fund inherits the mother's market and run settings, which may not fit it)
          const allowed = ['no_deals', 'too_many_companies', 'reinvestment_unreachable', 'over_committed', 'fof_over_committed', 'cheque_above_valuation']
          for (const i of r.issues) if (!i.path.startsWith('/subFunds/')) expect(allowed, JSON.stringify(i)).toContain(i.code)
          rejected++
          return
        }
        accepted++
        checkResult(runSimulation(r.config), r.config.run.trials)
      }),
      { seed: Number(process.env.PCSIM_PROPERTY_SEED ?? 424242), numRuns: Number(process.env.PCSIM_PROPERTY_RUNS ?? 150) },
    )
    expect(accepted).toBeGreaterThan(3 * rejected)
  })
})

describe('zero valuation multipliers are refused (they would divide ownership by zero)', () => {
  for (const eff of [{ entryValuation: 0 }, { stepUp: 0 }]) {
    it(`a shock with ${JSON.stringify(eff)} is an issue naming the field`, () => {
      const r = parseConfig({ run: { trials: 20, seed: 1 }, market: { shocks: [{ id: 'zero', fromYear: 0, years: 10, sectors: [], effects: eff, indexDrift: 0 }] } })
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.issues).toContainEqual(expect.objectContaining({ path: `/market/shocks/0/effects/${Object.keys(eff)[0]}`, code: 'too_small' }))
    })
  }
})

// ---------------------------------------------------------------------------------------------
// Bad input never throws, and every issue names a field and speaks both languages.

const codes = new Set(Object.keys(CATALOGUES.en.issues))

function checkIssues(issues: ConfigIssue[]) {
  expect(issues.length).toBeGreaterThan(0)
  for (const i of issues) {
    expect(typeof i.path).toBe('string')
    expect(i.path === '' || i.path.startsWith('/'), `path ${i.path}`).toBe(true)
    expect(codes.has(i.code), `code ${i.code}`).toBe(true)
    expect(typeof i.message.en === 'string' && i.message.en.length > 0).toBe(true)
    expect(typeof i.message.zh === 'string' && i.message.zh.length > 0).toBe(true)
  }
}

function parseSafely(input: unknown) {
  let result: ReturnType<typeof parseConfig> | undefined
  expect(() => {
    result = parseConfig(input)
  }).not.toThrow()
  return result!
}

/** Every leaf of the reference config as [JSON Pointer, value]. */
function leaves(value: unknown, path = ''): Array<[string, unknown]> {
  if (value !== null && typeof value === 'object') return Object.entries(value as object).flatMap(([k, v]) => leaves(v, `${path}/${k}`))
  return [[path, value]]
}
const REF_LEAVES = leaves(REFERENCE_FUND)
const setAt = (root: unknown, pointer: string, v: unknown) => {
  const parts = pointer.split('/').slice(1)
  let cur = root as Record<string, unknown>
  for (const p of parts.slice(0, -1)) cur = cur[p] as Record<string, unknown>
  cur[parts[parts.length - 1]!] = v
}
const containers = (value: unknown, path = ''): string[] =>
  value !== null && typeof value === 'object' ? [path, ...Object.entries(value as object).flatMap(([k, v]) => containers(v, `${path}/${k}`))] : []
const REF_CONTAINERS = containers(REFERENCE_FUND)

describe('parseConfig never throws on bad input', () => {
  it('arbitrary values (fc.anything)', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true, withObjectString: true }), (x) => {
        const r = parseSafely(x)
        if (!r.ok) checkIssues(r.issues)
      }),
      { seed: 1, numRuns: 400 },
    )
  })

  it('arbitrary JSON text parsed with JSON.parse (so "__proto__" is an own key)', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (text) => {
        const r = parseSafely(JSON.parse(text))
        if (!r.ok) checkIssues(r.issues)
      }),
      { seed: 2, numRuns: 400 },
    )
  })

  it('the reference config with one field of the wrong type, NaN, ±Infinity, a huge or a negative number', () => {
    const badNumber = fc.constantFrom<unknown>(Number.NaN, Infinity, -Infinity, 1e308, -1e308, '5', null, true, [], {})
    const badOther = fc.constantFrom<unknown>(5, -1, Number.NaN, null, [], {})
    fc.assert(
      fc.property(fc.constantFrom(...REF_LEAVES), badNumber, badOther, ([pointer, original], n, o) => {
        const cfg = structuredClone(REFERENCE_FUND) as unknown
        // a numeric seed may also be any string, so a string is not a bad seed
        const bad = typeof original === 'number' ? (pointer === '/run/seed' && typeof n === 'string' ? null : n) : o
        setAt(cfg, pointer, bad)
        const r = parseSafely(cfg)
        expect(r.ok, `${pointer} = ${String(bad)} was accepted`).toBe(false)
        if (r.ok) return
        checkIssues(r.issues)
        expect(r.issues.map((i) => i.path), `${pointer} = ${String(bad)}`).toContain(pointer)
      }),
      { seed: 3, numRuns: 300 },
    )
  })

  it('negative values for every number that must be non-negative are refused at that field', () => {
    for (const [pointer, original] of REF_LEAVES) {
      // the index drift and loadings may be negative; the version and the seed have their own codes
      if (typeof original !== 'number' || /index\/(drift|factorLoading|regimeDrift)|^\/schemaVersion$|^\/run\/seed$/.test(pointer)) continue
      const cfg = structuredClone(REFERENCE_FUND) as unknown
      setAt(cfg, pointer, -0.5)
      const r = parseSafely(cfg)
      expect(r.ok, pointer).toBe(false)
      if (!r.ok) expect(r.issues.map((i) => `${i.path} ${i.code}`), pointer).toContain(`${pointer} too_small`)
    }
  })

  it('"__proto__", "constructor" and "prototype" keys anywhere are refused by name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REF_CONTAINERS), fc.constantFrom('__proto__', 'constructor', 'prototype'), (at, key) => {
        const cfg = structuredClone(REFERENCE_FUND) as unknown
        let cur = cfg as Record<string, unknown>
        for (const p of at.split('/').slice(1)) cur = cur[p] as Record<string, unknown>
        // an own enumerable property with that name, exactly what JSON.parse produces
        Object.defineProperty(cur, key, { value: { polluted: true }, enumerable: true, configurable: true, writable: true })
        const r = parseSafely(cfg)
        expect(r.ok).toBe(false)
        if (r.ok) return
        checkIssues(r.issues)
        expect(r.issues.map((i) => `${i.path} ${i.code}`)).toContain(`${at}/${key} prototype_key`)
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      }),
      { seed: 4, numRuns: 100 },
    )
  })

  it('"__proto__" from JSON text is refused and pollutes nothing', () => {
    const r = parseSafely(JSON.parse('{"strategy": {"__proto__": {"polluted": true}, "reserves": {"share": 0.3}}}'))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues.map((i) => `${i.path} ${i.code}`)).toEqual(['/strategy/__proto__ prototype_key'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('very deep nesting is refused, not recursed into', () => {
    let deep: unknown = 1
    for (let i = 0; i < 5000; i++) deep = { a: deep }
    const r = parseSafely({ fund: deep })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      checkIssues(r.issues)
      expect(r.issues[0]!.code).toBe('too_many')
    }
  })
})
