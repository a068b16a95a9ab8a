import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parseConfig, resolveRun, runResolved, type ResolvedRun, type SimulationConfig } from '@pcsim/engine'
import { createWorkspace, simulateTrial } from '../../packages/engine/src/model/fund-trial.ts'
import { createTrialRecord, V } from '../../packages/engine/src/run/metric-ids.ts'
import { lossCap } from '../../packages/engine/src/model/lp-ledger.ts'
import { config } from './helpers.ts'

/**
 * Conservation of money in the LP-class books, trial by trial and quarter by quarter, on real
 * simulations: every preset with government terms and random valid configs with terms.
 *
 * What the books expose per trial (fund-books.ts): `ws.calls[q]` is the fund's capital call,
 * `ws.lpFlows[q] = LP distribution − call`, so the fund's LP distribution in quarter q is
 * `lpFlows[q] + calls[q]`, computed in fund-books as `distributable − GP amount` where the GP amount
 * is what `LpLedger.distribute` returned (less any clawback, which the ledger hands back to the
 * classes). The classes' own distributions in `ws.ledger.dists` are computed separately, so
 * Σ classes = lpFlows + calls checks that the ledger's split adds up to the fund's distributable.
 * Over the whole life the fund's money also balances: paid-in + proceeds + cash yield = invested + fees +
 * everything distributed, with no cash left at the end (plus the yield earned on cash held at the fund). Everything distributed is the LPs' part plus
 * the GP's carry, plus, when a term names "gp" as the receiver of a cap's upside or a concession,
 * that upside (which the engine reports neither as carry nor as an LP distribution).
 */

/** True when some class hands a cap's upside or a concession to the GP. */
function gpReceivesUpside(c: SimulationConfig): boolean {
  return c.lpClasses.some((l) => l.terms?.cappedReturn?.upsideTo[0] === 'gp' || l.terms?.profitConcession?.to[0] === 'gp')
}

const PRESETS = ['city-ai-fund', 'nssf-special-fund', 'angel-guidance-60', 'yozma-fund', 'uk-ecf-fund', 'jjj-joint-fund', 'shenzhen-angel-fund', 'anhui-angel-fund'] as const

interface Tally {
  trials: number
  quarters: number
  exercised: number
  firstLoss: number
  guaranteed: number
}

/** Runs `trials` trials of a resolved run and checks the books of each one. */
function checkBooks(run: ResolvedRun, trials: number, label: string): Tally {
  const { config: c } = run
  const size = c.fund.size
  const tol = 1e-9 * size
  const ws = createWorkspace(run)
  const years = Math.ceil(run.horizon / 4)
  const rec = createTrialRecord(years, run.cells.length, c.lpClasses.length, run.requirements.length)
  const ledger = ws.ledger
  const k = ledger.k
  const tally: Tally = { trials: 0, quarters: 0, exercised: 0, firstLoss: 0, guaranteed: 0 }
  const upsideToGp = gpReceivesUpside(c)
  for (let t = 0; t < trials; t++) {
    simulateTrial(run, t, ws, rec)
    const end = rec.endQuarter
    const v = rec.values
    let lpTotal = 0
    let classTotal = 0
    for (let q = 0; q < end; q++) {
      const fundLp = ws.lpFlows[q]! + ws.calls[q]!
      lpTotal += fundLp
      if (ledger.uniform) continue
      let calls = 0
      let dists = 0
      let transfers = 0
      let absTransfers = 0
      for (let i = 0; i < k; i++) {
        calls += ledger.calls[i]![q]!
        dists += ledger.dists[i]![q]!
        transfers += ledger.transfers[i]![q]!
        absTransfers += Math.abs(ledger.transfers[i]![q]!)
        if (ledger.calls[i]![q]! < -tol) expect.fail(`${label} trial ${t} q${q}: negative call of class ${i}`)
        if (ledger.dists[i]![q]! < -tol) expect.fail(`${label} trial ${t} q${q}: negative distribution to class ${i}`)
      }
      classTotal += dists
      if (Math.abs(calls - ws.calls[q]!) > tol) expect.fail(`${label} trial ${t} q${q}: class calls ${calls} ≠ fund call ${ws.calls[q]}`)
      if (Math.abs(dists - fundLp) > tol) expect.fail(`${label} trial ${t} q${q}: class distributions ${dists} ≠ fund LP distribution ${fundLp}`)
      if (Math.abs(transfers) > 1e-9 * Math.max(1, absTransfers)) expect.fail(`${label} trial ${t} q${q}: transfers sum to ${transfers}`)
      tally.quarters++
    }
    // whole life: the GP's carry (and upside, if any) is what was distributed beyond the LPs' part
    const distributed = v[V.paidIn]! + v[V.grossProceeds]! + v[V.cashIncome]! - v[V.invested]! - v[V.fees]!
    const gpUpside = distributed - lpTotal - v[V.carry]!
    if (gpUpside < -tol || (!upsideToGp && gpUpside > tol))
      expect.fail(`${label} trial ${t}: LP ${lpTotal} + carry ${v[V.carry]} ≠ distributed ${distributed}`)
    if (!ledger.uniform && Math.abs(classTotal - lpTotal) > tol) expect.fail(`${label} trial ${t}: class total ${classTotal} ≠ LP total ${lpTotal}`)
    if (!ledger.uniform) {
      let called = 0
      for (let q = 0; q < end; q++) for (let i = 0; i < k; i++) called += ledger.calls[i]![q]!
      if (Math.abs(called - v[V.paidIn]!) > tol) expect.fail(`${label} trial ${t}: class calls ${called} ≠ paid-in ${v[V.paidIn]}`)
      if (ledger.buyOutDone.includes(1)) tally.exercised++
      if (ledger.firstLossPeak > 0) tally.firstLoss++
      expect(v[V.firstLossPaid]).toBeCloseTo(ledger.firstLossPaid / size, 12)
      expect(v[V.guaranteePaid]).toBeCloseTo(ledger.guaranteePaid / size, 12)
      // the first-loss class never gives up more than its cap, at any time, and never pays in
      // more than its commitment; a guarantor never pays more than its guarantee's cap
      if (ledger.firstLossPeak > ledger.firstLossCap + tol) expect.fail(`${label} trial ${t}: first loss ${ledger.firstLossPeak} above its cap ${ledger.firstLossCap}`)
      for (let i = 0; i < k; i++) {
        const cl = c.lpClasses[i]!
        let paidIn = 0
        let guaranteed = 0
        for (let q = 0; q < end; q++) {
          paidIn += ledger.calls[i]![q]!
          guaranteed += ledger.guarantees[i]![q]!
        }
        // (a buyer also pays the calls on the stake it bought)
        if (!ledger.buyOutDone.includes(1) && paidIn > cl.share * size + tol) expect.fail(`${label} trial ${t}: class ${cl.id} paid in ${paidIn} above its commitment`)
        const g = cl.terms?.cashGuarantee
        const cap = g ? lossCap(g, cl.share, size) : 0
        if (guaranteed > cap + tol) expect.fail(`${label} trial ${t}: class ${cl.id} guaranteed ${guaranteed} above its cap ${cap}`)
        if (g) tally.guaranteed += guaranteed > 0 ? 1 : 0
      }
    }
    tally.trials++
  }
  return tally
}

describe('conservation in every preset with government terms (200 trials each)', () => {
  for (const id of PRESETS) {
    it(id, () => {
      const run = resolveRun(config({ template: id, run: { trials: 200, seed: 2024 } }))
      const tally = checkBooks(run, 200, id)
      expect(tally.trials).toBe(200)
      if (id === 'nssf-special-fund') expect(run.config.lpClasses).toHaveLength(1)
      else expect(tally.quarters).toBeGreaterThan(200 * 30)
      if (id === 'yozma-fund') expect(tally.exercised).toBeGreaterThan(0)
      if (id === 'angel-guidance-60') expect(tally.firstLoss).toBeGreaterThan(0)
    })
  }

  it('beijing-fof: each sub-fund\'s books balance on the mother\'s run settings', () => {
    const run = resolveRun(config({ template: 'beijing-fof', run: { trials: 60, seed: 2024 } }))
    expect(run.subRuns.map((s) => s.id)).toEqual(['angel', 'ai', 'jjj'])
    for (const s of run.subRuns) checkBooks(s.run, 60, `beijing-fof/${s.id}`)
  })
})

describe('the capped class of the UK ECF preset, quarter by quarter', () => {
  it('nobody else receives anything while the priority class is owed money, and it never gets more than it is owed', () => {
    const run = resolveRun(config({ template: 'uk-ecf-fund', run: { trials: 200, seed: 99 } }))
    const ws = createWorkspace(run)
    const rec = createTrialRecord(Math.ceil(run.horizon / 4), run.cells.length, 3, 0)
    const g = Math.pow(1.03, 0.25)
    const tol = 1e-9 * run.config.fund.size
    let blocked = 0
    let paidOut = 0
    for (let t = 0; t < 200; t++) {
      simulateTrial(run, t, ws, rec)
      const { calls, dists } = ws.ledger
      let owed = 0
      for (let q = 0; q < rec.endQuarter; q++) {
        // independent replay of the cap balance: compounded quarterly at 3% a year
        owed = owed * g + calls[0]![q]!
        const paid = dists[0]![q]!
        const others = dists[1]![q]! + dists[2]![q]!
        expect(paid).toBeLessThanOrEqual(owed + tol)
        owed -= paid
        if (others > tol) {
          // someone else was paid: the priority class must have been made whole first
          expect(owed).toBeLessThanOrEqual(tol)
          paidOut++
        } else if (paid > tol && owed > tol) blocked++
      }
    }
    // both situations occur in these trials
    expect(blocked).toBeGreaterThan(0)
    expect(paidOut).toBeGreaterThan(0)
  })
})

// ---------------------------------------------------------------------------------------------
// Random valid configs with terms

const IDS = ['c0', 'c1', 'c2', 'c3'] as const
type Kind = 'government' | 'private' | 'insurance' | 'social_security' | 'gp'

/** A random fund: 2–4 classes, class 0 government, the others private-side; random terms that the
 * rules accept (receivers are other classes or the GP alone, buyers are private, first loss within
 * the class's commitment). */
const configArb = fc
  .record({
    template: fc.constantFrom('us-vc-10y', 'gov-angel-fund', 'yozma-fund', 'uk-ecf-fund'),
    k: fc.integer({ min: 2, max: 4 }),
    weights: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }),
    kinds: fc.array(fc.constantFrom<Kind>('private', 'insurance', 'social_security', 'government'), { minLength: 4, maxLength: 4 }),
    lastIsGp: fc.boolean(),
    carry: fc.constantFrom(
      { rate: 0, hurdle: 0, catchUp: 0 },
      { rate: 0.2, hurdle: 0, catchUp: 1 },
      { rate: 0.2, hurdle: 0.08, catchUp: 1 },
      { rate: 0.2, hurdle: 0.08, catchUp: 0 },
    ),
    waterfall: fc.constantFrom('european', 'american'),
    clawback: fc.boolean(),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    terms: fc.array(
      fc.record({
        feeExempt: fc.boolean(),
        carryExempt: fc.boolean(),
        cap: fc.option(fc.record({ rate: fc.constantFrom(0, 0.03, 0.08), priority: fc.boolean(), gp: fc.boolean(), pick: fc.integer({ min: 1, max: 7 }) }), { nil: undefined }),
        concession: fc.option(
          fc.record({ share: fc.constantFrom(0.2, 0.5, 1), threshold: fc.constantFrom(0, 0.03, 0.1), gp: fc.boolean(), pick: fc.integer({ min: 1, max: 7 }) }),
          { nil: undefined },
        ),
        firstLoss: fc.option(fc.record({ share: fc.constantFrom(0.25, 0.5, 1), amount: fc.option(fc.constantFrom(0.1, 0.5), { nil: undefined }), preferredReturn: fc.constantFrom(0, 0.04, 0.08) }), { nil: undefined }),
        guarantee: fc.option(fc.constantFrom(0.25, 1), { nil: undefined }),
        buyOut: fc.option(fc.record({ windowYears: fc.constantFrom(2, 5, 7), rate: fc.constantFrom(0, 0.05, 0.1) }), { nil: undefined }),
      }),
      { minLength: 4, maxLength: 4 },
    ),
  })
  .map((r) => {
    const ids = IDS.slice(0, r.k) as unknown as string[]
    const total = r.weights.slice(0, r.k).reduce((a, b) => a + b, 0)
    const kinds: Kind[] = ids.map((_, i) => (i === 0 ? 'government' : i === r.k - 1 && r.lastIsGp ? 'gp' : r.kinds[i]!))
    // receivers may not have a capped return themselves (the rules refuse it: their cap could break)
    const capped = new Set(ids.filter((_, i) => r.terms[i]!.cap))
    const pickOthers = (i: number, pick: number): string[] | null => {
      const others = ids.filter((id) => id !== ids[i] && !capped.has(id))
      const chosen = others.filter((_, j) => pick & (1 << j))
      return chosen.length > 0 ? chosen : others.length > 0 ? [others[0]!] : null
    }
    const lpClasses = ids.map((id, i) => {
      const share = r.weights[i]! / total
      const x = r.terms[i]!
      const terms: Record<string, unknown> = {}
      if (x.feeExempt) terms.feeExempt = true
      if (x.carryExempt) terms.carryExempt = true
      if (x.cap) terms.cappedReturn = { rate: x.cap.rate, priority: x.cap.priority, upsideTo: (x.cap.gp ? null : pickOthers(i, x.cap.pick)) ?? ['gp'] }
      if (x.concession)
        terms.profitConcession = { share: x.concession.share, threshold: x.concession.threshold, to: (x.concession.gp ? null : pickOthers(i, x.concession.pick)) ?? ['gp'] }
      // one first-loss class at most (the others are its seniors); amounts as a share of its commitment
      if (x.firstLoss && !r.terms.slice(0, i).some((y) => y.firstLoss)) {
        const { amount, preferredReturn } = x.firstLoss
        terms.firstLoss = { share: Math.floor(share * x.firstLoss.share * 1e6) / 1e6, preferredReturn, ...(amount ? { amount: Math.floor(share * 20 * amount * 1e4) / 1e4 } : {}) }
      }
      if (x.guarantee) terms.cashGuarantee = { share: Math.floor(share * x.guarantee * 1e6) / 1e6 }
      const buyers = ids.filter((_, j) => j !== i && kinds[j] !== 'government')
      if (x.buyOut && buyers.length > 0) terms.buyOut = { ...x.buyOut, buyers }
      return { id, kind: kinds[i]!, share, ...(Object.keys(terms).length ? { terms } : {}) }
    })
    type Terms = { feeExempt?: boolean; carryExempt?: boolean; buyOut?: unknown }
    const t = (l: (typeof lpClasses)[number]) => l.terms as Terms | undefined
    // A buy-out can leave no fee-paying owner when every fee-paying class is sold to fee-exempt
    // buyers; the fund then calls fees nobody pays (see the known-bug test below). Keep at least one
    // fee-paying class that cannot be bought out, so this property tests everything else.
    const safe = lpClasses.some((l) => !t(l)?.feeExempt && !t(l)?.buyOut)
    if (!safe) for (const l of lpClasses) if (l.terms && 'buyOut' in l.terms) delete (l.terms as Record<string, unknown>).buyOut
    // The end-of-life clawback hands money to no class when no carry-paying owner is left (see the
    // known-bug test below): only use it when a carry-paying class cannot be bought out.
    const carryStays = lpClasses.some((l) => !t(l)?.carryExempt && !t(l)?.buyOut)
    const clawback = r.clawback && carryStays
    return {
      template: r.template,
      fund: { carry: { ...r.carry, waterfall: r.waterfall, clawback } },
      lpClasses,
      market: { regimes: { enabled: true } },
      run: { trials: 40, seed: r.seed },
    }
  })

describe('conservation in random valid configs with terms', () => {
  it('classes + GP = fund distributions and transfers net to zero, every trial and quarter', () => {
    let checked = 0
    fc.assert(
      fc.property(configArb, (input) => {
        const parsed = parseConfig(input)
        if (!parsed.ok) throw new Error(`generator made an invalid config: ${JSON.stringify(parsed.issues.map((i) => [i.path, i.code]))}`)
        const c: SimulationConfig = parsed.config
        checkBooks(resolveRun(c), c.run.trials, JSON.stringify(input.lpClasses))
        checked++
      }),
      { numRuns: 100, seed: 20261127 },
    )
    expect(checked).toBe(100)
  })

  it('per-class TVPI of the recorded run equals the ledger\'s own accounts', () => {
    // one stacked config run through runResolved: the recorded class TVPI is (distributions +
    // transfers received) / (calls + transfers paid), read independently from the ledger
    const input = {
      template: 'gov-angel-fund',
      lpClasses: [
        { id: 'gov', kind: 'government', share: 0.4, terms: { cappedReturn: { rate: 0.03, priority: false, upsideTo: ['private'] }, buyOut: { windowYears: 5, rate: 0.05, buyers: ['private'] } } },
        { id: 'private', kind: 'private', share: 0.5, terms: { firstLoss: { share: 0.1 } } },
        { id: 'gp', kind: 'gp', share: 0.1, terms: { feeExempt: true, carryExempt: true } },
      ],
      run: { trials: 50, seed: 5 },
    }
    const run = resolveRun(config(input))
    const merged = runResolved(run)
    const ws = createWorkspace(run)
    const rec = createTrialRecord(Math.ceil(run.horizon / 4), run.cells.length, 3, 0)
    for (let t = 0; t < 50; t++) {
      simulateTrial(run, t, ws, rec)
      for (let c = 0; c < 3; c++) {
        let paid = 0
        let got = 0
        for (let q = 0; q < rec.endQuarter; q++) {
          const tr = ws.ledger.transfers[c]![q]!
          paid += ws.ledger.calls[c]![q]! + Math.max(0, -tr)
          got += ws.ledger.dists[c]![q]! + Math.max(0, tr)
        }
        expect(merged.classes[c]![0]![t]).toBeCloseTo(got / paid, 12)
        expect(merged.classes[c]![2]![t]).toBeCloseTo(got / paid, 12)
      }
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Known engine bugs, each pinned down by a minimal config (regression tests of fixed bugs)

/** Runs every trial and returns, per trial: whether a buy-out happened, the largest gap between
 * the fund's call and the classes' calls and between the fund's LP distribution and the classes',
 * the classes' metrics, the carry and the GP's upside (distributed beyond the LPs' part and carry). */
function gaps(input: Record<string, unknown>, trials: number) {
  const run = resolveRun(config({ ...input, run: { trials, seed: 1 } }))
  const ws = createWorkspace(run)
  const rec = createTrialRecord(Math.ceil(run.horizon / 4), run.cells.length, run.config.lpClasses.length, 0)
  return Array.from({ length: trials }, (_, t) => {
    simulateTrial(run, t, ws, rec)
    let call = 0
    let dist = 0
    let lp = 0
    for (let q = 0; q < rec.endQuarter; q++) {
      let c = 0
      let d = 0
      for (let i = 0; i < ws.ledger.k; i++) {
        c += ws.ledger.calls[i]![q]!
        d += ws.ledger.dists[i]![q]!
      }
      call = Math.max(call, Math.abs(c - ws.calls[q]!))
      dist = Math.max(dist, Math.abs(d - ws.lpFlows[q]! - ws.calls[q]!))
      lp += ws.lpFlows[q]! + ws.calls[q]!
    }
    const v = rec.values
    const upside = v[V.paidIn]! + v[V.grossProceeds]! + v[V.cashIncome]! - v[V.invested]! - v[V.fees]! - lp - v[V.carry]!
    return { exercised: ws.ledger.buyOutDone[0] === 1, call, dist, classes: Array.from(rec.classes), carry: v[V.carry]!, upside }
  })
}

describe('buy-out of the only fee-paying class by a fee-exempt buyer', () => {
  // gov pays fees and may be bought out after 2 years by p, which pays no fee.
  const input = {
    lpClasses: [
      { id: 'gov', kind: 'government', share: 0.5, terms: { buyOut: { windowYears: 2, rate: 0, buyers: ['p'] } } },
      { id: 'p', kind: 'private', share: 0.5, terms: { feeExempt: true } },
    ],
  }

  it('the buy-out is exercised in some trials (precondition of the next test)', () => {
    const g = gaps(input, 20)
    expect(g.some((x) => x.exercised)).toBe(true)
  })

  // ENGINE BUG (lp-ledger.ts `call`, and fund-books.ts `quarterFee(...) * ledger.feeShare`): the fund
  // keeps calling fees on the fee-paying share of *commitments* (feeShare, fixed at construction),
  // but `call` splits them over the fee-paying *owners*; after gov is bought out no fee-paying owner
  // is left (feeOwn = 0), so the fee part of every later call is paid by no class: the classes'
  // calls fall short of the fund's call (0.25 a quarter here, the fee on gov's half).
  it('every call the fund makes is paid by some class', () => {
    for (const x of gaps(input, 20)) expect(x.call).toBeLessThan(1e-9)
  })
})

describe('the end-of-life clawback under LP terms', () => {
  // No carry at all (rate 0); gov's return is capped at its principal, everything above goes to the GP.
  const capped = (clawback: boolean) => ({
    fund: { carry: { rate: 0, hurdle: 0, catchUp: 0, waterfall: 'european', clawback } },
    lpClasses: [
      { id: 'gov', kind: 'government', share: 0.5, terms: { cappedReturn: { rate: 0, priority: false, upsideTo: ['gp'] } } },
      { id: 'p', kind: 'private', share: 0.5 },
    ],
  })

  it('without a clawback the capped class never gets more than its principal and the GP gets the upside', () => {
    const g = gaps(capped(false), 40)
    for (const x of g) {
      expect(x.classes[0]!).toBeLessThanOrEqual(1 + 1e-12)
      expect(x.dist).toBeLessThan(1e-9)
      expect(x.carry).toBe(0)
      expect(x.upside).toBeGreaterThan(-1e-9)
    }
    expect(g.some((x) => x.upside > 1)).toBe(true)
  })

  // Regression (fixed in 99ea362): the clawback used to treat the GP's upside as carry; with carry
  // 0 it clawed the whole upside back and handed it to the capped class (net TVPI up to ~18 for a
  // cap of 1×). Only carry is clawed back now, so a clawback changes nothing here.
  it('with a clawback the capped class still never gets more than its principal', () => {
    const a = gaps(capped(false), 40)
    const b = gaps(capped(true), 40)
    for (let t = 0; t < 40; t++) {
      expect(b[t]!.classes[0]!).toBeLessThanOrEqual(1 + 1e-12)
      expect(b[t]!.classes).toEqual(a[t]!.classes)
      expect(b[t]!.upside).toBeCloseTo(a[t]!.upside, 9)
    }
  })

  // gov (the only carry-paying class) may be bought out by p, which pays no carry; American
  // waterfall, so deal-by-deal carry can exceed 20% of the whole profit and be clawed back.
  const orphan = (clawback: boolean) => ({
    fund: { carry: { rate: 0.2, hurdle: 0, catchUp: 1, waterfall: 'american', clawback } },
    lpClasses: [
      { id: 'gov', kind: 'government', share: 0.5, terms: { buyOut: { windowYears: 5, rate: 0, buyers: ['p'] } } },
      { id: 'p', kind: 'private', share: 0.5, terms: { carryExempt: true } },
    ],
  })
  it('the buy-out is exercised and, without a clawback, the books balance (precondition of the next test)', () => {
    const g = gaps(orphan(false), 20)
    expect(g.some((x) => x.exercised)).toBe(true)
    for (const x of g) expect(x.dist).toBeLessThan(1e-9)
  })

  // ENGINE BUG (lp-ledger.ts `clawback`: `if (!(groupOwn > 0)) return`; fund-books.ts
  // `gp -= back` regardless): when no carry-paying owner is left (gov was bought out by a
  // carry-exempt class), the carry the GP gives back is added to the fund's LP distribution but the
  // ledger hands it to no class, so the classes' distributions fall short of the fund's in the last
  // quarter (up to 7.9 of a 100 fund in 69 of 200 trials). Fix: give it to the classes that own
  // the carry-paying stakes (the buyers), e.g. by ownership over all classes when groupOwn is 0,
  // or return the amount actually handed out so fund-books only subtracts that.
  it('what the clawback returns is received by some class', () => {
    for (const x of gaps(orphan(true), 20)) expect(x.dist).toBeLessThan(1e-9)
  })
})
