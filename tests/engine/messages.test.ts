import { describe, expect, it } from 'vitest'
import {
  CATALOGUES,
  ENTRY_STAGE_IDS,
  FUND_TEMPLATES,
  issueMessage,
  listPresets,
  makeIssue,
  parseConfig,
  presetName,
  SCENARIOS,
  SECTOR_IDS,
  type ConfigIssue,
} from '@pcsim/engine'

type Code = ConfigIssue['code']

/** Every issue code, read from the English catalogue. The catalogues are typed
 * Record<IssueCode, …>, so the compiler already forces both to cover the whole union; at run time we
 * check that both list the same codes, and that the codes this suite relies on exist. */
const CODES = Object.keys(CATALOGUES.en.issues) as Code[]
const REQUIRED_CODES: Code[] = [
  'not_an_object', 'invalid_type', 'required', 'unknown_field', 'invalid_value', 'too_small', 'too_big', 'not_integer',
  'too_long', 'too_short', 'invalid_format', 'too_many', 'prototype_key', 'unsupported_version', 'unknown_template',
  'weights_not_normalised', 'shares_not_normalised', 'duplicate_id', 'gp_class_count', 'period_exceeds_life', 'year_after_end',
  'no_deals', 'too_many_companies', 'over_committed', 'shift_above_low', 'bounds_inverted', 'catch_up_below_carry',
  'correlation_order', 'probabilities_exceed_one',
]
const PARAMS = { limit: 7, allowed: 'a, b', expected: 'x', sum: 0.8, value: 'v', other: 'o', field: 'f' }
const CJK = /[\u4e00-\u9fff]/

describe('issue sentences in both catalogues', () => {
  it('both catalogues cover the same issue codes, including every code the engine is known to raise', () => {
    expect(Object.keys(CATALOGUES['zh-CN'].issues).sort()).toEqual([...CODES].sort())
    for (const code of REQUIRED_CODES) expect(CODES).toContain(code)
  })

  for (const code of CODES) {
    it(`${code}: a non-empty sentence in English and in Chinese`, () => {
      for (const params of [PARAMS, {}]) {
        const en = CATALOGUES.en.issues[code](params)
        const zh = CATALOGUES['zh-CN'].issues[code](params)
        expect(typeof en).toBe('string')
        expect(en.trim().length).toBeGreaterThan(5)
        expect(zh.trim().length).toBeGreaterThan(3)
        expect(CJK.test(zh), `zh for ${code}: ${zh}`).toBe(true)
        expect(CJK.test(en), `en for ${code}: ${en}`).toBe(false)
        expect(en).not.toBe(zh)
      }
      const m = issueMessage(code, PARAMS)
      expect(m.en).toBe(CATALOGUES.en.issues[code](PARAMS))
      expect(m.zh).toBe(CATALOGUES['zh-CN'].issues[code](PARAMS))
      expect(makeIssue('/x', code, PARAMS)).toEqual({ path: '/x', code, params: PARAMS, message: m })
    })
  }

  it('sentences that take a parameter show it', () => {
    const en = CATALOGUES.en.issues
    const zh = CATALOGUES['zh-CN'].issues
    expect(en.too_big({ limit: 0.9 })).toContain('0.9')
    expect(zh.too_big({ limit: 0.9 })).toContain('0.9')
    expect(en.weights_not_normalised({ sum: 0.8 })).toContain('0.8')
    expect(zh.weights_not_normalised({ sum: 0.8 })).toContain('0.8')
    expect(en.unknown_field({ field: 'sizee' })).toContain('sizee')
    expect(zh.unknown_field({ field: 'sizee' })).toContain('sizee')
  })
})

describe('preset names in both catalogues', () => {
  const keys = [
    ...SECTOR_IDS.map((s) => `sector.${s}`),
    ...ENTRY_STAGE_IDS.map((s) => `stage.${s}`),
    ...FUND_TEMPLATES.map((t) => `fund.${t.id}`),
    ...SCENARIOS.map((s) => `scenario.${s.id}`),
  ]

  it('every preset has a name in English and in Chinese', () => {
    for (const key of keys) {
      expect(CATALOGUES.en.names[key], `en ${key}`).toBeTruthy()
      expect(CATALOGUES['zh-CN'].names[key], `zh ${key}`).toBeTruthy()
      expect(CJK.test(CATALOGUES['zh-CN'].names[key]!), `zh ${key}`).toBe(true)
    }
  })

  it('both catalogues name the same keys, each a known kind of preset', () => {
    expect(Object.keys(CATALOGUES['zh-CN'].names).sort()).toEqual(Object.keys(CATALOGUES.en.names).sort())
    for (const key of Object.keys(CATALOGUES.en.names)) {
      expect(key).toMatch(/^(sector|stage|fund|scenario|region)\.[a-z0-9_-]+$/)
      expect(CATALOGUES['zh-CN'].names[key]!.length, key).toBeGreaterThan(0)
      expect(CATALOGUES.en.names[key]!.length, key).toBeGreaterThan(0)
    }
  })

  it('listPresets gives every preset a real name (not its key) and a source', () => {
    const p = listPresets()
    const all = [...p.sectors, ...p.stages, ...p.funds, ...p.scenarios]
    expect(all).toHaveLength(keys.length)
    for (const e of all) {
      expect(e.name.en).not.toMatch(/^(sector|stage|fund|scenario)\./)
      expect(e.name.zh).not.toMatch(/^(sector|stage|fund|scenario)\./)
      expect(e.source.length, e.id).toBeGreaterThan(0)
    }
  })

  it('an unknown key falls back to the key itself', () => {
    expect(presetName('sector.nope')).toEqual({ en: 'sector.nope', zh: 'sector.nope' })
  })
})

describe('engine problem: English fragments inside the Chinese sentences', () => {
  // rules.ts passes English text as the `other` parameter of period_exceeds_life ('the fund life',
  // 'the investment period') and schema-issues.ts passes English type names as `expected` of
  // invalid_type ('a finite number', 'a whole number', 'a string or a whole number', …); zh-CN.ts
  // interpolates them verbatim, e.g. "不得超过the fund life（10 年）。" and
  // "类型应为 a finite number（此处 NaN 和无穷大不算数字）。".
  const zhOf = (input: unknown) => {
    const r = parseConfig(input)
    return r.ok ? [] : r.issues.map((i) => i.message.zh)
  }
  const englishPhrase = /[A-Za-z]{2,} [A-Za-z]{2,}/

  it('period_exceeds_life in Chinese has no English phrase', () => {
    for (const zh of zhOf({ fund: { investmentPeriodYears: 12 }, strategy: { deploymentYears: 13 } })) expect(zh).not.toMatch(englishPhrase)
  })

  it('invalid_type in Chinese has no English phrase', () => {
    for (const zh of zhOf({ fund: { size: 'a lot' }, run: { seed: true } })) expect(zh.replace('a lot', '')).not.toMatch(englishPhrase)
  })
})
