import { describe, expect, it } from 'vitest'
import { ROUND_IDS, resolveSectorModel, simulateCohort, type SectorId, type SimulationConfig } from '@pcsim/engine'
import { binomialSe, CALM, config } from './helpers.ts'

type Rounds = ReturnType<typeof resolveSectorModel>['rounds']

/**
 * Eventual funnel of a seed company computed EXACTLY from the transition table (calm market: the
 * normal-regime multipliers are all 1, so each round's outcome probabilities are the table's):
 *   reach_seed = 1, reach_{k+1} = reach_k · next_k
 *   acquired = Σ_k reach_k · acquisition_k
 *   listed   = Σ_k reach_k · listing_k  (+ reach_late · next_late: a late company "raising" lists)
 *   failed   = Σ_k reach_k · fail_k
 *   stalled  = Σ_k reach_k · (1 − next_k − acquisition_k − listing_k − fail_k)
 */
function exactFunnel(rounds: Rounds) {
  const reach: number[] = []
  let r = 1
  const out = { acquired: 0, listed: 0, failed: 0, stalled: 0 }
  ROUND_IDS.forEach((id, k) => {
    const x = rounds[id]
    reach.push(r)
    const last = k === ROUND_IDS.length - 1
    out.acquired += r * x.acquisition
    out.listed += r * (x.listing + (last ? x.next : 0))
    out.failed += r * x.fail
    out.stalled += r * (1 - x.next - x.acquisition - x.listing - x.fail)
    r *= last ? 0 : x.next
  })
  return { reach, ...out }
}

const N = 40_000
// 40 years asked; the engine caps any horizon at 30 years (MAX_YEARS). The few companies still alive
// then are censored: they are missing from later rounds and from the outcomes, so the censored share
// is added to each tolerance as a bound on that bias (it is ~0.1% here).
const YEARS = 40

function check(sector: SectorId, c: SimulationConfig) {
  const rounds = resolveSectorModel(sector, c).rounds
  const exact = exactFunnel(rounds)
  // the table's rows must leave a non-negative stall share, and the outcomes must add up to 1
  for (const id of ROUND_IDS) expect(1 - rounds[id].next - rounds[id].acquisition - rounds[id].listing - rounds[id].fail).toBeGreaterThanOrEqual(-1e-12)
  expect(exact.acquired + exact.listed + exact.failed + exact.stalled).toBeCloseTo(1, 12)
  const sim = simulateCohort(c, { sector, stage: 'seed', companies: N, years: YEARS })
  expect(sim.companies).toBe(N)
  expect(sim.alive).toBeLessThan(0.005)
  const rows: Array<[string, number, number]> = [
    ...ROUND_IDS.map((id, k) => [`reach ${id}`, sim.reached[id], exact.reach[k]!] as [string, number, number]),
    ['acquired', sim.acquired, exact.acquired],
    ['listed', sim.listed, exact.listed],
    ['failed', sim.failed, exact.failed],
    ['stalled', sim.stalled, exact.stalled],
  ]
  for (const [name, got, want] of rows) {
    const tol = 4 * binomialSe(want, N) + sim.alive
    expect(Math.abs(got - want), `${sector} ${name}: simulated ${got}, exact ${want}, tolerance ${tol}`).toBeLessThanOrEqual(tol)
  }
  expect(sim.acquired + sim.listed + sim.failed + sim.stalled + sim.alive).toBeCloseTo(1, 12)
}

describe('seed-cohort funnel in a calm market matches the transition table', () => {
  const calm = config({ market: CALM, run: { seed: 'funnel' } })

  it('generalist', () => {
    const r = resolveSectorModel('generalist', calm).rounds
    // hand check of the table the test reads: reach A = next_seed = 0.48, reach B = 0.48·0.52 = 0.2496
    expect(exactFunnel(r).reach[1]).toBeCloseTo(r.seed.next, 15)
    expect(exactFunnel(r).reach[2]).toBeCloseTo(r.seed.next * r.a.next, 15)
    check('generalist', calm)
  })

  it('biotech (clinical gates)', () => {
    const r = resolveSectorModel('biotech', calm).rounds
    // reach late (filing) = 0.55 · 0.52 · 0.289 · 0.578 for the built-in table
    expect(exactFunnel(r).reach[4]).toBeCloseTo(r.seed.next * r.a.next * r.b.next * r.c.next, 15)
    check('biotech', calm)
  })

  it('a patched table (sector override in the config) is the one simulated', () => {
    const patched = config({
      market: CALM,
      run: { seed: 'funnel-patched' },
      companies: { sectors: { generalist: { rounds: { seed: { next: 0.7, acquisition: 0.1, fail: 0.15 }, late: { next: 0.1, listing: 0.2 } } } } },
    })
    expect(resolveSectorModel('generalist', patched).rounds.seed.next).toBe(0.7)
    check('generalist', patched)
  })

  it('entering at Series A skips the seed round', () => {
    const sim = simulateCohort(calm, { sector: 'generalist', stage: 'early', companies: 10_000, years: 30 })
    const r = resolveSectorModel('generalist', calm).rounds
    expect(sim.reached.seed).toBe(0)
    expect(sim.reached.a).toBe(1)
    const want = r.a.next
    expect(Math.abs(sim.reached.b - want)).toBeLessThanOrEqual(4 * binomialSe(want, 10_000) + sim.alive)
  })
})
