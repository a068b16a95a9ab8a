import { describe, expect, it } from 'vitest'
import { resolveRun, runResolved, summarise } from '@pcsim/engine'
import { config } from './helpers.ts'

/** Crowding out: off by default; on, the deals a fund wins lose value with its government share. */

const TRIALS = 300
const SEED = 20261201

function run(id: string, crowdingOut?: { enabled: boolean; qualityLoss: number }) {
  const base = config({ template: id, run: { trials: TRIALS, seed: SEED } })
  const c = { ...base, policy: { toleratedLoss: base.policy.toleratedLoss, ...(crowdingOut ? { crowdingOut } : {}) } }
  const r = resolveRun(c)
  const merged = runResolved(r)
  return { r, merged, result: summarise(r, merged) }
}

describe('crowding out', () => {
  it('is off by default, and switched off gives exactly the numbers of a config without it', () => {
    const none = run('market-run-sub-fund')
    const off = run('market-run-sub-fund', { enabled: false, qualityLoss: 0.3 })
    // (the digest covers the config too, so compare the per-trial results and the summary)
    for (const m of ['netTvpi', 'grossTvpi', 'netIrr', 'paidIn'] as const) expect(Array.from(off.merged.values[m])).toEqual(Array.from(none.merged.values[m]))
    expect(off.result.summary).toEqual(none.result.summary)
    expect(config({ template: 'gov-angel-fund' }).policy.crowdingOut).toBeUndefined()
  })

  it('scales every first cheque\'s stake by 1 − qualityLoss × government share (hand vector)', () => {
    const on = run('state-run-sub-fund', { enabled: true, qualityLoss: 0.3 }).r
    // government 70%: 1 − 0.3 × 0.7 = 0.79
    for (const q of on.deals.quality) expect(q).toBeCloseTo(0.79, 12)
    const market = run('market-run-sub-fund', { enabled: true, qualityLoss: 0.3 }).r
    for (const q of market.deals.quality) expect(q).toBeCloseTo(0.94, 12)
  })

  it('paired on the same futures: costs the state-run fund more than the market-run one', () => {
    const diff = (id: string) => {
      const off = run(id).merged.values.netTvpi
      const on = run(id, { enabled: true, qualityLoss: 0.3 }).merged.values.netTvpi
      const d = Array.from(on, (x, i) => x - off[i]!)
      const mean = d.reduce((a, x) => a + x, 0) / d.length
      const sd = Math.sqrt(d.reduce((a, x) => a + (x - mean) ** 2, 0) / (d.length - 1))
      return { mean, se: sd / Math.sqrt(d.length) }
    }
    const market = diff('market-run-sub-fund')
    const state = diff('state-run-sub-fund')
    console.info(`paired crowding out (qualityLoss 0.3, ${TRIALS} trials, seed ${SEED}): market-run net TVPI ${market.mean.toFixed(3)} ± ${market.se.toFixed(3)}, state-run ${state.mean.toFixed(3)} ± ${state.se.toFixed(3)}`)
    expect(market.mean).toBeLessThan(-2 * market.se)
    expect(state.mean).toBeLessThan(market.mean - 2 * Math.hypot(state.se, market.se))
  })
})
