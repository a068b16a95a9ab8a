import { describe, expect, it } from 'vitest'
import { runChunk, resolveRun } from '@pcsim/engine'
import { compileExpression, compileTarget, compileCondition, DecideError, estimate, parseRange, findLever, parseSpace, valueOn } from '@pcsim/engine/decide'
import { config, meanSe } from './helpers.ts'

const CTX = { classes: ['government', 'private', 'gp'] }

function errorOf(f: () => unknown): DecideError {
  try {
    f()
  } catch (e) {
    if (e instanceof DecideError) return e
    throw e
  }
  throw new Error('no error')
}

describe('decision-tool expressions (mathjs)', () => {
  it('names the position of an unknown name, an unknown function, an unknown class and bad syntax', () => {
    const unknown = errorOf(() => compileExpression('p50(netTvpi) - 2 * probLos', CTX))
    expect([unknown.code, unknown.position]).toEqual(['expr_unknown_name', 20])
    expect(unknown.text.en).toContain('unknown name "probLos" at character 20')
    expect(unknown.text.zh).toContain('第 20 个字符')
    const inner = errorOf(() => compileExpression('p50(netTvp) >= 1', CTX))
    expect([inner.code, inner.position]).toEqual(['expr_unknown_name', 5])
    const fn = errorOf(() => compileExpression('median(netTvpi)', CTX))
    expect([fn.code, fn.position]).toEqual(['expr_unknown_function', 1])
    const cls = errorOf(() => compileExpression('class("pension").p50(netTvpi) >= 1', CTX))
    expect([cls.code, cls.position, cls.params.allowed]).toEqual(['expr_unknown_class', 8, 'government, private, gp'])
    const syntax = errorOf(() => compileExpression('p50(netTvpi) +* 2', CTX))
    expect([syntax.code, syntax.position]).toEqual(['expr_syntax', 15])
    const open = errorOf(() => compileExpression('p50(netTvpi', CTX))
    expect(open.code).toBe('expr_syntax')
    expect(open.text.en).toMatch(/character 12/)
    expect(errorOf(() => compileCondition('p50(netTvpi)', CTX)).code).toBe('expr_not_boolean')
    expect(errorOf(() => compileTarget('p50(netTvpi) + 3', CTX)).code).toBe('expr_not_comparison')
    // A lone "=" is equality; positions after it still count the user's characters.
    expect(errorOf(() => compileTarget('p50(netTvpi) = 3 + probLos', CTX)).position).toBe(20)
  })

  it('reads the statistics an expression names off the trials and evaluates it on them', () => {
    const c = config({ template: 'gov-angel-fund', run: { trials: 400, seed: 3 } })
    const chunk = runChunk(resolveRun(c), 0, 400)
    const e = compileExpression('probLoss <= 0.3 and deployment >= 0.85 and class("government").p50(netTvpi) >= 1', { classes: c.lpClasses.map((l) => l.id) })
    expect(e.keys.map((k) => k.kind)).toEqual(['scalar', 'stat', 'stat'])
    const tv = chunk.values.netTvpi
    const probLoss = Array.from(tv).filter((x) => x < 1).length / 400
    const deployment = meanSe(chunk.values.deployment).mean
    const gov = Float64Array.from(chunk.classes[0]![0]!).sort()
    const govP50 = (gov[199]! + gov[200]!) / 2
    expect(valueOn(e, chunk)).toBe(probLoss <= 0.3 && deployment >= 0.85 && govP50 >= 1 ? 1 : 0)
    const o = compileExpression('p50(netTvpi) - 2 * probLoss', { classes: [] })
    const sorted = Float64Array.from(tv).sort()
    expect(valueOn(o, chunk)).toBeCloseTo((sorted[199]! + sorted[200]!) / 2 - 2 * probLoss, 12)
  })

  it('pairs a lone mean per trial, and anything else by batch means', () => {
    const c = config({ run: { trials: 1000, seed: 9 } })
    const chunk = runChunk(resolveRun(c), 0, 1000)
    const mean = estimate(compileExpression('mean(netTvpi)', CTX), chunk, null)
    const m = meanSe(chunk.values.netTvpi)
    expect(mean.method).toBe('per-trial')
    expect(mean.value).toBeCloseTo(m.mean, 12)
    expect(mean.se).toBeCloseTo(m.se, 12)
    const p50 = estimate(compileExpression('p50(netTvpi)', CTX), chunk, null)
    expect(p50.method).toBe('batch-means')
    expect(p50.ci95[0]).toBeLessThan(p50.value)
    expect(p50.ci95[1]).toBeGreaterThan(p50.value)
    // A run against itself changes by exactly nothing.
    expect(estimate(compileExpression('p50(netTvpi)', CTX), chunk, chunk)).toMatchObject({ value: 0, se: 0 })
  })

  it('checks levers, ranges and search spaces, naming what is wrong', () => {
    const c = config()
    expect(errorOf(() => findLever(c, 'sector:software')).code).toBe('lever_unknown')
    expect(errorOf(() => findLever(c, '/fund/currency')).code).toBe('lever_not_number')
    expect(errorOf(() => findLever(c, 'feeRate').apply(0.5)).params.path).toBe('/fund/managementFee/rate')
    expect(parseRange('0.01:0.03:3', false)).toEqual([0.01, 0.02, 0.03])
    expect(errorOf(() => parseRange('3:1', false)).code).toBe('range_bad')
    expect(errorOf(() => parseSpace({ objective: 'p50(netTvpi)', sectorWeights: { ai: [0, 0.3], biotech: [0, 0.3] } })).params.path).toBe('/sectorWeights')
    expect(errorOf(() => parseSpace({ objective: 'p50(netTvpi)', reserveShare: [0.5, 0.2] })).params.path).toBe('/reserveShare')
  })

  it('moves a sector weight and rescales the others; sets a company count through the cheques', () => {
    const c = config({ template: 'ai-industry-fund' })
    const before = c.strategy.sectorWeights
    const next = findLever(c, 'sector:ai').apply(0.6).strategy.sectorWeights
    expect(next.ai).toBeCloseTo(0.6, 12)
    const others = Object.keys(before).filter((k) => k !== 'ai' && (before as Record<string, number>)[k]! > 0)
    const rest = others.reduce((a, k) => a + (before as Record<string, number>)[k]!, 0)
    for (const k of others) expect((next as Record<string, number>)[k]).toBeCloseTo(((before as Record<string, number>)[k]! / rest) * 0.4, 12)
    const companies = findLever(config(), 'companies')
    expect(resolveRun(companies.apply(60)).construction.deals.length).toBeGreaterThanOrEqual(59)
    expect(resolveRun(companies.apply(60)).construction.deals.length).toBeLessThanOrEqual(61)
  })
})
