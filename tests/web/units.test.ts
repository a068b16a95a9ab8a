/** Pure helpers of the web app (no browser): money units, weight rescaling, share links, pointers. */
import { describe, expect, it } from 'vitest'
import { chunkRanges, DEFAULT_REINVESTMENT_POLICY, PROFILE_EXITS, configJsonSchema, mergeChunks, parseConfig, presetName, resolveRun, resultDigest, runChunk, runSimulation, summarise } from '@pcsim/engine'
import { wrapLabel, textWidth } from '../../packages/web/src/charts/labels.ts'
import { termDefaults } from '../../packages/web/src/features/fund-builder/term-defaults.ts'
import { REGION_IDS } from '../../packages/web/src/features/fund-builder/regions.ts'
import { DEAL_TERM_FIELDS, EXIT_FIELDS } from '../../packages/web/src/features/fund-builder/exits-fields.ts'
import { resultToCsv } from '../../packages/web/src/features/results/export.ts'
import { formatMoney, moneyInputUnit } from '../../packages/web/src/format/money.ts'
import { applyPicks, splitPicks } from '../../packages/web/src/features/fund-builder/draft.ts'
import { getAt, removeAt, setAt } from '../../packages/web/src/features/fund-builder/pointer.ts'
import { rescaleWeights } from '../../packages/web/src/features/fund-builder/weights.ts'
import { decodeShare, encodeShare } from '../../packages/web/src/features/scenarios/share-link.ts'

describe('formatMoney (config amounts are millions)', () => {
  it('uses 万 and 亿 in Chinese: 1 million = 100万, 100 million = 1亿', () => {
    expect(formatMoney(1, 'CNY', 'zh-CN')).toBe('100万元')
    expect(formatMoney(100, 'CNY', 'zh-CN')).toBe('1亿元')
    expect(formatMoney(500, 'CNY', 'zh-CN')).toBe('5亿元')
    expect(formatMoney(38.1, 'USD', 'zh-CN')).toBe('3,810万美元')
    expect(formatMoney(-57.3, 'CNY', 'zh-CN')).toBe('−5,730万元')
    expect(moneyInputUnit('CNY', 'zh-CN')).toEqual({ factor: 100, label: '万元' })
  })
  it('uses m and bn with the currency symbol in English', () => {
    expect(formatMoney(12.5, 'USD', 'en')).toBe('$12.5m')
    expect(formatMoney(10_000, 'CNY', 'en')).toBe('CN¥10bn')
    expect(formatMoney(0.6, 'EUR', 'en')).toBe('€600k')
    expect(formatMoney(0, 'USD', 'en')).toBe('$0')
  })
})

describe('rescaleWeights', () => {
  const keys = ['a', 'b', 'c'] as const
  it('keeps the sum at 1, rescaling the others proportionally', () => {
    const w = rescaleWeights({ a: 0.5, b: 0.3, c: 0.2 }, keys, 'a', 0.8)
    expect(w.a).toBe(0.8)
    expect(w.b! / w.c!).toBeCloseTo(1.5, 3)
    expect(Object.values(w).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12)
  })
  it('shares the rest equally when every other weight is zero, and drops zeros', () => {
    expect(rescaleWeights({ a: 1 }, keys, 'a', 0.8)).toEqual({ a: 0.8, b: 0.1, c: 0.1 })
    expect(rescaleWeights({ a: 0.5, b: 0.5 }, keys, 'b', 1)).toEqual({ b: 1 })
  })
  it('keeps locked weights and caps the moved one at what they leave', () => {
    const w = rescaleWeights({ a: 0.5, b: 0.3, c: 0.2 }, keys, 'a', 0.6, new Set(['b']))
    expect(w).toEqual({ a: 0.6, b: 0.3, c: 0.1 })
    expect(rescaleWeights({ a: 0.5, b: 0.3, c: 0.2 }, keys, 'a', 0.9, new Set(['b']))).toEqual({ a: 0.7, b: 0.3 })
    // every other weight locked: the moved one takes exactly the rest
    expect(rescaleWeights({ a: 0.5, b: 0.3, c: 0.2 }, keys, 'a', 0.9, new Set(['b', 'c']))).toEqual({ a: 0.5, b: 0.3, c: 0.2 })
  })
  it('gives weights the engine accepts', () => {
    let w: Record<string, number> = { generalist: 1 }
    const sectors = ['generalist', 'ai', 'biotech', 'robotics'] as const
    for (const [k, v] of [['ai', 0.37], ['biotech', 0.13], ['robotics', 0.071], ['ai', 0.5]] as const) w = rescaleWeights(w, sectors, k, v)
    const r = parseConfig({ strategy: { sectorWeights: w } })
    expect(r.ok).toBe(true)
  })
})

describe('JSON Pointer helpers', () => {
  it('reads and writes without touching the original', () => {
    const o = { a: { b: [1, { c: 2 }] } }
    const p = setAt(o, '/a/b/1/c', 3)
    expect(getAt(p, '/a/b/1/c')).toBe(3)
    expect(getAt(o, '/a/b/1/c')).toBe(2)
  })
  it('removes an object key or an array item, and leaves the rest alone', () => {
    const o = { t: { x: 1, y: 2 }, l: [1, 2, 3] }
    expect(removeAt(o, '/t/x')).toEqual({ t: { y: 2 }, l: [1, 2, 3] })
    expect(removeAt(o, '/l/1')).toEqual({ t: { x: 1, y: 2 }, l: [1, 3] })
    expect(removeAt(o, '/t/z')).toBe(o)
    expect(o).toEqual({ t: { x: 1, y: 2 }, l: [1, 2, 3] })
  })
})

describe('government terms in the builder', () => {
  it('lists the engine’s regions, in its order, each with a name', () => {
    const schema = configJsonSchema() as { properties: { strategy: { properties: { regionWeights: { properties: Record<string, unknown> } } } } }
    expect([...REGION_IDS]).toEqual(Object.keys(schema.properties.strategy.properties.regionWeights.properties))
    for (const r of REGION_IDS) expect(presetName(`region.${r}`).zh).not.toBe(`region.${r}`)
  })
  it('switches each term on with values the engine accepts', () => {
    const r = parseConfig({ template: 'city-ai-fund' })
    if (!r.ok) throw new Error('template')
    const lps = r.config.lpClasses
    const cases = [
      [1, 'firstLoss'],
      [2, 'localReinvestment'],
      [0, 'buyOut'],
      [2, 'profitConcession'],
    ] as const
    for (const [i, term] of cases) {
      const next = structuredClone(r.config)
      next.lpClasses[i]!.terms = { ...next.lpClasses[i]!.terms, [term]: termDefaults(term, lps[i]!, lps) }
      const parsed = parseConfig(next)
      expect(parsed.ok ? [] : parsed.issues.map((x) => `${x.path} ${x.code}`), `${term} on class ${i}`).toEqual([])
    }
    // a regional pool as the builder switches it on, with the engine's default shallow-pool policy
    const pooled = structuredClone(r.config)
    pooled.policy = { ...pooled.policy, regionPools: { beijing: { dealsPerYear: 20, quality: 1 } }, reinvestment: { ...DEFAULT_REINVESTMENT_POLICY } }
    const parsedPool = parseConfig(pooled)
    expect(parsedPool.ok ? [] : parsedPool.issues.map((x) => `${x.path} ${x.code}`)).toEqual([])
    // a capped class's upside goes to a class that is not capped itself
    const uk = parseConfig({ template: 'uk-ecf-fund' })
    if (!uk.ok) throw new Error('template')
    expect(termDefaults('cappedReturn', uk.config.lpClasses[0]!, uk.config.lpClasses)).toMatchObject({ upsideTo: ['private'] })
  })
})

describe('chart labels', () => {
  it('wraps long axis labels at separators and spaces, Chinese characters counting double', () => {
    expect(wrapLabel(['government → Beijing', 'required 1.50× · P50 1.33× · P(shortfall) 92%'], 26)).toEqual(['government → Beijing', 'required 1.50× · P50 1.33×', 'P(shortfall) 92%'])
    expect(wrapLabel('Humanoid robots and intelligent manufacturing', 26)).toEqual(['Humanoid robots and', 'intelligent manufacturing'])
    for (const line of wrapLabel(['beijing_gov · 政府 · 15%', '中位数 1.38× · 亏损概率 32%'], 20)) expect(textWidth(line)).toBeLessThanOrEqual(20)
  })
})

describe('CSV export', () => {
  it('has a row per LP class and the policy outcomes', () => {
    const r = parseConfig({ template: 'uk-ecf-fund', run: { trials: 300, seed: 1 } })
    if (!r.ok) throw new Error('template')
    const csv = resultToCsv(runSimulation(r.config))
    expect(csv).toMatch(/^lpClass\.bbb,netTvpi,p50,/m)
    expect(csv).toMatch(/^lpClass\.private,loss,probability,/m)
    expect(csv).toMatch(/^policy,mobilisedInFund,value,0\.51/m)
    expect(csv).toMatch(/^policy\.budget,year 1,p95,/m)
  })
})

describe('share links and scenario stacks', () => {
  it('round-trips the whole config and the stacked scenarios', async () => {
    const r = parseConfig({ template: 'gov-angel-fund', run: { trials: 5000, seed: 'abc' } })
    if (!r.ok) throw new Error('template')
    const draft = { config: r.config, picks: ['ai-boom', 'ipo-shut-3y'] }
    const hash = await encodeShare(draft)
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/)
    expect(hash.length).toBeLessThan(4000)
    expect(await decodeShare(hash)).toEqual(draft)
    expect(await decodeShare('#/other')).toBeNull()
    await expect(decodeShare('#s=not-deflate')).rejects.toThrow()
  })
  it('splits named scenario shocks back into picks', () => {
    const r = parseConfig({})
    if (!r.ok) throw new Error('default')
    const applied = applyPicks({ config: r.config, picks: ['rate-shock', 'biotech-winter'] })
    expect(applied.market.shocks.map((s) => s.id)).toEqual(['rate-shock', 'biotech-winter'])
    expect(splitPicks(applied)).toEqual({ config: r.config, picks: ['rate-shock', 'biotech-winter'] })
  })
})

describe('progressive preview', () => {
  it('500 trials split over 2 workers, then the rest in 500-trial chunks, equals one 4,000-trial run', () => {
    const r = parseConfig({ run: { trials: 4000, seed: 42 } })
    if (!r.ok) throw new Error('default')
    const run = resolveRun(r.config)
    const ranges: Array<[number, number]> = [[0, 250], [250, 500], ...chunkRanges(3500, 500).map(([a, b]) => [a + 500, b + 500] as [number, number])]
    const split = summarise(run, mergeChunks(ranges.map(([a, b]) => runChunk(run, a, b))))
    expect(resultDigest(split)).toBe(resultDigest(runSimulation(r.config)))
  })
})

describe('exit market and deal terms in the builder', () => {
  it('points every field at a number the engine fills in, and a profile switch gives a config the engine accepts', () => {
    const us = parseConfig({ template: 'us-vc-10y' })
    if (!us.ok) throw new Error('template')
    for (const f of [...EXIT_FIELDS, ...DEAL_TERM_FIELDS]) expect(typeof getAt(us.config, f.pointer), f.pointer).toBe('number')
    const cn = setAt(setAt(us.config, '/market/profile', 'cn'), '/market/exits', structuredClone(PROFILE_EXITS.cn))
    const r = parseConfig(cn)
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.config.market.exits).toEqual(PROFILE_EXITS.cn)
      expect(r.config.market.exits).not.toEqual(us.config.market.exits)
    }
    const bad = parseConfig(setAt(us.config, '/market/exits/transferShare', 1.5))
    expect(!bad.ok && bad.issues.map((i) => i.path)).toContain('/market/exits/transferShare')
  })
})
