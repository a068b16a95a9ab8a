import { describe, expect, it } from 'vitest'
import { configJsonSchema, FUND_TEMPLATES, migrateConfig, parseConfig, REFERENCE_FUND, runSimulation, SCHEMA_VERSION, simulateCohort } from '@pcsim/engine'
import { CALM, config } from './helpers.ts'

const CNY_TEMPLATES = FUND_TEMPLATES.filter((t) => (t.patch as { fund?: { currency?: string } }).fund?.currency === 'CNY').map((t) => t.id)

describe('market profiles', () => {
  it('every Chinese template uses the cn profile; the reference fund uses us', () => {
    expect(CNY_TEMPLATES.length).toBeGreaterThanOrEqual(7)
    for (const id of CNY_TEMPLATES) expect(config({ template: id }).market.profile, id).toBe('cn')
    expect(config({}).market.profile).toBe('us')
  })

  it('naming the cn profile on a US template brings the cn exit routes; a field set by hand still wins', () => {
    const c = config({ market: { profile: 'cn', exits: { lockUpQuarters: 6 } } })
    expect(c.market.exits.buyBack.enabled).toBe(true)
    expect(c.market.exits.transferShare).toBeGreaterThan(0)
    expect(c.market.exits.lockUpQuarters).toBe(6)
  })

  it('us exits have no share transfers or buy-backs; cn exits have both, in shares of the order of 清科 2020', () => {
    const us = simulateCohort(config({ market: CALM, run: { seed: 'routes' } }), { sector: 'generalist', stage: 'early', companies: 20_000, years: 12 })
    expect(us.transferred).toBe(0)
    expect(us.boughtBack).toBe(0)
    const cn = simulateCohort(config({ template: 'gov-angel-fund', run: { seed: 'routes' } }), { sector: 'generalist', stage: 'early', companies: 20_000, years: 12 })
    const exits = cn.listed + cn.acquired + cn.transferred + cn.boughtBack
    // published (VC market): IPO 59.4%, transfer 19.9%, buy-back 13.1%; the model's cn defaults give
    // about 41%, 35%, 13% (see docs/model.md: one listing multiplier cannot fit both markets)
    expect(cn.listed / exits).toBeGreaterThan(0.3)
    expect(cn.transferred / exits).toBeGreaterThan(0.1)
    expect(cn.boughtBack / exits).toBeGreaterThan(0.05)
    expect(cn.boughtBack / exits).toBeLessThan(0.25)
    // every buy-back falls due at the trigger, 5 years after entry
    const at = cn.byQuarter.boughtBack.findIndex((x) => x > 0)
    expect(at).toBe(20)
    expect(cn.byQuarter.boughtBack.reduce((a, b) => a + b, 0)).toBeCloseTo(cn.boughtBack, 12)
  })

  it('a redemption pays cost plus the simple rate: with every sale and listing shut off, a fund is repaid exactly that', () => {
    // no company can exit or fail; every redemption is paid; so each company is bought back at year 3
    // for cheque × (1 + 0.1 × 3) and the fund's gross proceeds are 1.3 × its invested capital
    const c = config({
      fund: { extensionYears: 0, recycling: { cap: 0, untilYear: 0 } },
      strategy: { followOn: { rule: 'none' } },
      companies: { sectors: { generalist: { rounds: Object.fromEntries(['seed', 'a', 'b', 'c', 'late'].map((r) => [r, { next: 0, acquisition: 0, listing: 0, fail: 0, stallValue: 0.25 }])) } } },
      market: { ...CALM, profile: 'cn', exits: { buyBack: { enabled: true, triggerYears: 3, rate: 0.1, recovery: 1 } } },
      run: { trials: 20, seed: 'redeem' },
    })
    const r = runSimulation(c)
    const v = r.summary
    expect(v.outcomes.buyBacks.mean).toBeCloseTo(v.outcomes.companies.mean, 9)
    expect(v.outcomes.stalled.mean).toBe(0)
    expect(v.grossTvpi.mean).toBeCloseTo(1.3, 9)
  })
})

describe('schema v3', () => {
  it('a v2 config keeps working and gets the new fields from its template', () => {
    const { dealTerms: _d, ...companies } = REFERENCE_FUND.companies
    const { profile: _p, exits: _e, listingQueue: _q, ...market } = REFERENCE_FUND.market
    const v2 = { ...REFERENCE_FUND, schemaVersion: 2, companies, market }
    const r = parseConfig(v2)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.config.schemaVersion).toBe(SCHEMA_VERSION)
    expect(r.config.companies.dealTerms).toEqual(REFERENCE_FUND.companies.dealTerms)
    expect(r.config.market.listingQueue).toEqual(REFERENCE_FUND.market.listingQueue)
    const cn = parseConfig({ schemaVersion: 2, template: 'city-ai-fund' })
    expect(cn.ok && cn.config.market.profile).toBe('cn')
    expect(migrateConfig({ schemaVersion: 2 }).ok).toBe(true)
  })

  it('the new fields are in the exported JSON Schema', () => {
    const text = JSON.stringify(configJsonSchema())
    for (const key of ['dealTerms', 'preferenceMultiple', 'participationCap', 'seniority', 'downRounds', 'listingQueue', 'exits', 'transferShare', 'lockUpQuarters', 'sellDown', 'buyBack', 'maxValue'])
      expect(text, key).toContain(`"${key}"`)
  })

  it('bad values are refused at the field, in English and Chinese', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ companies: { dealTerms: { participation: 'sometimes' } } }, '/companies/dealTerms/participation'],
      [{ companies: { dealTerms: { preferenceMultiple: 9 } } }, '/companies/dealTerms/preferenceMultiple'],
      [{ companies: { dealTerms: { downRounds: { bust: 0.7 }, flatRounds: { bust: 0.5 } } } }, '/companies/dealTerms/flatRounds/bust'],
      [{ market: { profile: 'eu' } }, '/market/profile'],
      [{ market: { exits: { buyBack: { recovery: 2 } } } }, '/market/exits/buyBack/recovery'],
      [{ market: { listingQueue: { releaseQuarters: 0 } } }, '/market/listingQueue/releaseQuarters'],
    ]
    for (const [input, path] of cases) {
      const r = parseConfig(input)
      expect(r.ok, path).toBe(false)
      if (r.ok) continue
      const issue = r.issues.find((i) => i.path === path)
      expect(issue, `${path}: ${JSON.stringify(r.issues.map((i) => i.path))}`).toBeDefined()
      expect(issue!.message.en.length).toBeGreaterThan(5)
      expect(issue!.message.zh.length).toBeGreaterThan(2)
    }
  })
})
