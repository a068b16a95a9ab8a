import { describe, expect, it } from 'vitest'
import { createRng, resolveRun } from '@pcsim/engine'
import { simulateCompany } from '../../packages/engine/src/model/company-path.ts'
import { ACQUIRED, FAILED, LISTED, RAISE, STALLED, TRANSFER } from '../../packages/engine/src/model/events.ts'
import { simulateMarket } from '../../packages/engine/src/model/market-path.ts'
import { createWorkspace } from '../../packages/engine/src/model/workspace.ts'
import { binomialSe, CALM, config } from './helpers.ts'

const OUTCOMES = [RAISE, FAILED, STALLED, ACQUIRED, LISTED, TRANSFER] as const
const NONE = 0

/**
 * A holding of age a in round r must continue as the lifecycle model's companies that raised round
 * r and had no event for a quarters: same first event, same final outcome, same timing (in a calm
 * market every quarter has the same hazards, so only the age matters).
 */
function compare(round: number, age: number, sector = 0) {
  const c = config({ market: CALM, run: { trials: 1, seed: 'continuation' } })
  const run = resolveRun(c)
  const ws = createWorkspace(run)
  const ctx = ws.company
  ctx.market = simulateMarket(run.market, run.effects, createRng('market'), ws.market)
  ctx.model = run.sectorModels[sector]!
  ctx.hazards = run.sectorHazards[sector]!
  ctx.sector = sector
  const ev = ws.events
  const q0 = 2
  const tally = (n: number, rng: ReturnType<typeof createRng>, q: number, startAge: number, survivorsOnly: boolean) => {
    const first = new Map<number, number>()
    const last = new Map<number, number>()
    let kept = 0
    let delay = 0
    for (let i = 0; i < n; i++) {
      ev.clear()
      simulateCompany(ctx, rng, 0, round, q, 10, ev, startAge)
      const t0 = ev.length > 0 ? ev.quarter[0]! : Number.POSITIVE_INFINITY
      if (survivorsOnly && t0 <= q0 + age) continue
      kept++
      const f = ev.length > 0 ? ev.type[0]! : NONE
      const l = ev.length > 0 ? ev.type[ev.length - 1]! : NONE
      first.set(f, (first.get(f) ?? 0) + 1)
      last.set(l, (last.get(l) ?? 0) + 1)
      if (ev.length > 0) delay += Math.min(ev.quarter[0]!, run.horizon) - (q0 + age)
    }
    return { kept, first, last, delay: delay / kept }
  }
  const fresh = tally(60_000, createRng('fresh'), q0, 0, true)
  const held = tally(30_000, createRng('held'), q0 + age, age, false)
  return { fresh, held }
}

describe('a holding continues from its round and age like the surviving companies of the lifecycle model', () => {
  for (const [name, round, age] of [
    ['seed, 3 quarters old', 0, 3],
    ['series A, 6 quarters old', 1, 6],
    ['series B, 2 quarters old', 2, 2],
  ] as const)
    it(`${name}: first event and final outcome shares agree within 4 standard errors`, () => {
      const { fresh, held } = compare(round, age)
      expect(fresh.kept).toBeGreaterThan(5_000)
      for (const key of ['first', 'last'] as const)
        for (const type of [NONE, ...OUTCOMES]) {
          const p1 = (fresh[key].get(type) ?? 0) / fresh.kept
          const p2 = (held[key].get(type) ?? 0) / held.kept
          const pooled = ((fresh[key].get(type) ?? 0) + (held[key].get(type) ?? 0)) / (fresh.kept + held.kept)
          const se = Math.sqrt(binomialSe(pooled, fresh.kept) ** 2 + binomialSe(pooled, held.kept) ** 2)
          expect(Math.abs(p1 - p2), `${key} event ${type}: ${p1} vs ${p2}`).toBeLessThanOrEqual(4 * se + 1e-12)
        }
    })

  it('an old round is not a new one: a 12-quarter-old seed company raises or fails sooner than a fresh one', () => {
    const { fresh, held } = compare(0, 12)
    const young = compare(0, 0)
    expect(held.delay).toBeLessThan(young.held.delay)
    expect(Math.abs(held.delay - fresh.delay)).toBeLessThan(0.5)
  })
})
