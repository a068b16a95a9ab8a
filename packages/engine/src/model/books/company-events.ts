import { hashUniform, HASH_PURPOSE } from '../../random/hash-uniform.ts'
import { C, type TrialRecord } from '../../run/metric-ids.ts'
import { ACQUIRED, BUYBACK, FAILED, LISTED, RAISE, STALLED, TRANSFER } from '../events.ts'
import type { ResolvedRun } from '../resolve.ts'
import type { TrialWorkspace } from '../workspace.ts'
import { recordRound, sellStake } from '../cap-table.ts'
import { exitProceeds } from './exit-proceeds.ts'
import { redeem, scheduleListing } from './exit-routes.ts'
import { ALIVE, GONE, REACHED, STILL } from './state.ts'

/** Company events of the quarter: rounds (with pro-rata follow-ons from the reserve), stalls,
 * write-offs and exits (proceeds to the fund; American carry per realised deal). */
export function companyEventsStep(run: ResolvedRun, ws: TrialWorkspace, q: number, out: TrialRecord): void {
  const s = ws.books
  const t = s.terms
  const { deals } = run
  const { state, own, mark, invested, costHeld, proceeds, entryQuarter, followed, unicorn, amer, events: ev, order } = ws
  const sales = run.config.market.exits.oldShareSales
  const oldShares = sales.probability > 0 && sales.fraction > 0 && !t.powerLaw ? sales : undefined
  const start = ws.bucketStart
  const counts = out.counts
  // running totals in locals for the loop, written back after it
  let nav = s.nav
  let investQ = s.investQ
  let investedLive = s.investedLive
  let reserveLeft = s.reserveLeft
  let mobilisedLife = s.mobilisedLife
  let proceedsQ = s.proceedsQ
  let carryQ = s.carryQ
  const fundable = s.fundable
  for (let e = start[q]!; e < start[q + 1]!; e++) {
    const x = order[e]!
    const c = ev.company[x]!
    const type = ev.type[x]!
    if (type === BUYBACK) {
      if (state[c] === ALIVE || state[c] === STILL) {
        const held = own[c]! * mark[c]!
        const p = redeem(run, ws, c, q, ev.value[x]!, out)
        if (p > 0) {
          nav -= held
          investedLive -= costHeld[c]!
          proceedsQ += p
          if (t.american) carryQ += amer.realise(p, costHeld[c]!, (q - entryQuarter[c]!) / 4)
        }
      }
      continue
    }
    if (state[c] !== ALIVE) continue
    const value = ev.value[x]!
    const held = own[c]! * mark[c]!
    if (type === RAISE) {
      const d = ev.dilution[x]!
      let amount = 0
      if (t.proRata && q < run.followOnEnd && followed[c]! < t.maxRounds) {
        amount = Math.min(own[c]! * d * value, t.capPerCompany - invested[c]!, reserveLeft, fundable - investQ)
        if (!(amount > 1e-9)) amount = 0
      }
      const before = mark[c]!
      own[c] = own[c]! * (1 - d) + amount / value
      if (!t.powerLaw) recordRound(ws.capTables, c, ev.round[x]!, value, d, amount)
      mark[c] = value
      mobilisedLife += d * value - amount
      if (amount > 0) {
        followed[c]!++
        investQ += amount
        invested[c]! += amount
        costHeld[c]! += amount
        investedLive += amount
        reserveLeft -= amount
        out.cellInvested[deals.cell[c]!]! += amount
      }
      nav += own[c]! * value - held
      // 老股转让: in an up round the fund may sell part of its stake to the round's investors
      if (oldShares !== undefined && value > before && own[c]! * value >= oldShares.fromMultiple * costHeld[c]! && hashUniform(ws.salt, c, HASH_PURPOSE.oldShareSale + ev.round[x]!) < oldShares.probability) {
        const f = oldShares.fraction
        const sold = own[c]! * value * f
        const p = sold * (1 - oldShares.discount)
        const cost = costHeld[c]! * f
        nav -= sold
        own[c] = own[c]! * (1 - f)
        sellStake(ws.capTables, c, f)
        costHeld[c] = costHeld[c]! - cost
        investedLive -= cost
        proceedsQ += p
        proceeds[c]! += p
        out.cellProceeds[deals.cell[c]!]! += p
        counts[C.oldShareSales]!++
        if (t.american) carryQ += amer.realise(p, cost, (q - entryQuarter[c]!) / 4)
      }
      counts[REACHED[ev.round[x]!]!]!++
      if (value >= t.unicornAt) unicorn[c] = 1
    } else if (type === STALLED) {
      mark[c] = value
      nav += own[c]! * value - held
      state[c] = STILL
      counts[C.stalled]!++
    } else {
      // a transfer sells the fund's shares at a price: no preference is paid
      let p = type === FAILED ? 0 : type === TRANSFER ? own[c]! * value : exitProceeds(run, ws, c, own[c]! * value, value)
      nav -= held
      investedLive -= costHeld[c]!
      state[c] = GONE
      // a listed stake stays in NAV and is sold after its lock-up, in tranches at the index's later level
      if (type === LISTED && !t.powerLaw) {
        nav += p
        p = scheduleListing(run, ws, c, q, p)
      } else proceedsQ += p
      proceeds[c]! += p
      out.cellProceeds[deals.cell[c]!]! += p
      if (type === FAILED) {
        counts[C.writeOffs]!++
        if (t.american) amer.writeOff(costHeld[c]!)
      } else {
        if (type === ACQUIRED) counts[C.acquisitions]!++
        else if (type === TRANSFER) counts[C.transfers]!++
        else counts[C.listings]!++
        if (value >= t.unicornAt && !t.powerLaw) unicorn[c] = 1
        if (t.american) carryQ += amer.realise(p, costHeld[c]!, (q - entryQuarter[c]!) / 4)
      }
    }
  }
  s.nav = nav
  s.investQ = investQ
  s.investedLive = investedLive
  s.reserveLeft = reserveLeft
  s.mobilisedLife = mobilisedLife
  s.proceedsQ = proceedsQ
  s.carryQ = carryQ
}
