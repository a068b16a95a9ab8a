import { C, type TrialRecord } from '../run/metric-ids.ts'
import { clawbackExcess } from './american-waterfall.ts'
import { ACQUIRED, FAILED, RAISE, STALLED } from './events.ts'
import { quarterFee } from './fees.ts'
import type { TrialWorkspace } from './fund-trial.ts'
import type { ResolvedRun } from './resolve.ts'
import { finishTrial, type BooksTotals } from './trial-metrics.ts'

const NONE = 0
const ALIVE = 1
const GONE = 2
/** Stalled: alive and held, but with no event left. */
const STILL = 3

/** LP share of NAV after the carry a sale at NAV would pay (deal-by-deal: carry on unrealised gains
 * above cost and carried-forward losses). */
export function netNav(ws: TrialWorkspace, american: boolean, nav: number, investedLive: number): number {
  if (nav <= 0) return 0
  if (american) return nav - Math.min(nav, ws.amer.carry * Math.max(0, nav - investedLive - ws.amer.lossCarryForward))
  if (!ws.ledger.uniform) return ws.ledger.netNav(nav)
  return ws.euro.preview(nav, ws.split).lp
}

/** The fund's quarterly books for one trial: cheques, follow-ons, exits, fees, calls, recycling,
 * extensions, the waterfall and the LP classes. */
export function runBooks(run: ResolvedRun, ws: TrialWorkspace, out: TrialRecord): void {
  const { config, deals, horizon: H } = run
  const { fund, strategy, companies } = config
  const n = deals.cheque.length
  const size = fund.size
  const years = Math.ceil(H / 4)
  const unicornAt = companies.unicornValuation
  const powerLaw = companies.model === 'power_law'
  const proRata = strategy.followOn.rule === 'pro_rata' && !powerLaw
  const maxRounds = strategy.followOn.maxRounds
  const capPerCompany = strategy.followOn.maxCompanyShare * size
  const keep = 1 - fund.endOfLifeDiscount
  const recycleCap = fund.recycling.cap * size
  const k = fund.carry.rate
  const american = fund.carry.waterfall === 'american'
  const { euro, amer, ledger, events: ev, dealQuarter, entryPost, entryOthers } = ws
  const uniform = ledger.uniform
  euro.reset()
  amer.reset()
  ledger.reset()
  const { state, own, mark, invested, proceeds, entryQuarter, followed, unicorn, calls, lpFlows, grossFlows } = ws
  state.fill(NONE)
  own.fill(0)
  invested.fill(0)
  proceeds.fill(0)
  followed.fill(0)
  unicorn.fill(0)
  out.counts.fill(0)
  out.cellInvested.fill(0)
  out.cellProceeds.fill(0)
  out.cellCompanies.fill(0)
  out.reinvestment.fill(0)
  const counts = out.counts
  const reached = [C.reachedSeed, C.reachedA, C.reachedB, C.reachedC, C.reachedLate]
  const govYear = out.years.subarray(4 * years, 5 * years)
  govYear.fill(0)

  let unfunded = size
  let cash = 0
  let recycled = 0
  let reserveLeft = run.construction.reserveBudget
  let nav = 0
  let investedLive = 0
  let paidIn = 0
  let lpDist = 0
  let gpCarry = 0
  let carryOwed = 0
  let gpUpside = 0
  let gpUpsideBefore = 0
  let fees = 0
  let feeArrears = 0
  let totalDistributed = 0
  let breakEven = Number.NaN
  let mobilisedEntry = 0
  let mobilisedLife = 0
  let idle = 0
  let plannedCum = 0
  let actualCum = 0
  let endQ = run.lifeQuarters
  const evalQ = run.evaluateAt
  const snap: BooksTotals['evaluation'] = { at: -1, paidIn: 0, lpDist: 0, nav: 0, lpNav: 0, gross: 0, invested: 0, fees: 0, carry: 0 }
  let dealPtr = 0
  let plannedPtr = 0
  const start = ws.bucketStart
  const order = ws.order

  for (let q = 0; q < endQ; q++) {
    if (uniform) euro.accrue()
    let investQ = 0
    let initialQ = 0
    let proceedsQ = 0
    let carryQ = 0
    const fundable = unfunded + cash - run.feesAhead[q]!
    while (plannedPtr < n && deals.quarter[plannedPtr]! === q) plannedCum += deals.cheque[plannedPtr++]!
    while (dealPtr < n && dealQuarter[dealPtr]! === q) {
      const i = dealPtr++
      const cheque = deals.cheque[i]!
      if (cheque > unfunded + cash + 1e-9) continue
      state[i] = ALIVE
      own[i] = cheque / entryPost[i]!
      mark[i] = entryPost[i]!
      invested[i] = cheque
      entryQuarter[i] = q
      investQ += cheque
      initialQ += cheque
      investedLive += cheque
      nav += cheque
      mobilisedEntry += entryOthers[i]!
      counts[C.companies]!++
      counts[reached[deals.round[i]!]!]!++
      out.cellInvested[deals.cell[i]!]! += cheque
      out.cellCompanies[deals.cell[i]!]! += 1
      if (!powerLaw && mark[i]! >= unicornAt) unicorn[i] = 1
    }
    for (let e = start[q]!; e < start[q + 1]!; e++) {
      const x = order[e]!
      const c = ev.company[x]!
      if (state[c] !== ALIVE) continue
      const type = ev.type[x]!
      const value = ev.value[x]!
      const held = own[c]! * mark[c]!
      if (type === RAISE) {
        const d = ev.dilution[x]!
        let amount = 0
        if (proRata && q < run.followOnEnd && followed[c]! < maxRounds) {
          amount = Math.min(own[c]! * d * value, capPerCompany - invested[c]!, reserveLeft, fundable - investQ)
          if (!(amount > 1e-9)) amount = 0
        }
        own[c] = own[c]! * (1 - d) + amount / value
        mark[c] = value
        mobilisedLife += d * value - amount
        if (amount > 0) {
          followed[c]!++
          investQ += amount
          invested[c]! += amount
          investedLive += amount
          reserveLeft -= amount
          out.cellInvested[deals.cell[c]!]! += amount
        }
        nav += own[c]! * value - held
        counts[reached[ev.round[x]!]!]!++
        if (value >= unicornAt) unicorn[c] = 1
      } else if (type === STALLED) {
        mark[c] = value
        nav += own[c]! * value - held
        state[c] = STILL
        counts[C.stalled]!++
      } else {
        const p = type === FAILED ? 0 : own[c]! * value
        nav -= held
        investedLive -= invested[c]!
        state[c] = GONE
        proceeds[c] = p
        proceedsQ += p
        out.cellProceeds[deals.cell[c]!]! += p
        if (type === FAILED) {
          counts[C.writeOffs]!++
          if (american) amer.writeOff(invested[c]!)
        } else {
          if (type === ACQUIRED) counts[C.acquisitions]!++
          else counts[C.listings]!++
          if (value >= unicornAt && !powerLaw) unicorn[c] = 1
          if (american) carryQ += amer.realise(p, invested[c]!, (q - entryQuarter[c]!) / 4)
        }
      }
    }
    actualCum += initialQ
    if (q < run.investQuarters) idle += Math.max(0, plannedCum - actualCum)
    if (q === endQ - 1 && endQ < H && nav > fund.extensionNavThreshold * size) endQ = Math.min(H, endQ + 4)
    const last = q === endQ - 1
    if (last) {
      for (let c = 0; c < n; c++) {
        if (state[c] !== ALIVE && state[c] !== STILL) continue
        const p = own[c]! * mark[c]! * keep
        proceeds[c] = p
        proceedsQ += p
        out.cellProceeds[deals.cell[c]!]! += p
        if (state[c] === ALIVE) counts[C.heldAtEnd]!++
        if (american) carryQ += amer.realise(p, invested[c]!, (q - entryQuarter[c]!) / 4)
        state[c] = GONE
      }
      nav = 0
      investedLive = 0
    }
    const feeQ = quarterFee(fund, q, investedLive, nav) * ledger.currentFeeShare()
    fees += feeQ
    let need = investQ + feeQ
    const fromCash = Math.min(cash, need)
    cash -= fromCash
    need -= fromCash
    const call = Math.min(need, unfunded)
    unfunded -= call
    need -= call
    feeArrears += need
    paidIn += call
    calls[q] = call
    const callInvest = investQ + feeQ > 0 ? (call * investQ) / (investQ + feeQ) : 0
    let distributable = proceedsQ
    const arrearsPaid = Math.min(distributable, feeArrears)
    feeArrears -= arrearsPaid
    distributable -= arrearsPaid
    if (q < run.recyclingEnd && recycled < recycleCap && distributable > 0) {
      const retain = Math.min(distributable, recycleCap - recycled)
      recycled += retain
      cash += retain
      reserveLeft += retain
      distributable -= retain
    }
    if ((q >= run.recyclingEnd - 1 && q >= run.followOnEnd - 1) || last) {
      distributable += cash
      reserveLeft = Math.max(0, reserveLeft - cash)
      cash = 0
    }
    let lp: number
    let gp: number
    if (uniform) {
      euro.contribute(call)
      if (american) {
        carryOwed += carryQ
        gp = Math.min(carryOwed, distributable)
        carryOwed -= gp
        lp = distributable - gp
      } else {
        euro.distribute(distributable, ws.split)
        gp = ws.split.gp
        lp = ws.split.lp
      }
      if (last && fund.carry.clawback) {
        const back = clawbackExcess(gpCarry + gp, k, totalDistributed + distributable, paidIn)
        gp -= back
        lp += back
      }
    } else {
      ledger.call(q, callInvest, call - callInvest)
      let dealCarry: number | null = null
      if (american) {
        carryOwed += carryQ * ledger.carryPayingOwn()
        dealCarry = carryOwed
      }
      gp = ledger.distribute(q, distributable, netNav(ws, american, nav, investedLive), dealCarry)
      const carryPart = ledger.lastCarry
      if (american) carryOwed = Math.max(0, carryOwed - carryPart)
      gpUpside += gp - carryPart
      gp = carryPart
      if (last && fund.carry.clawback) {
        const back = ledger.clawbackDue(gpCarry + gp)
        if (back > 0) {
          gp -= ledger.clawback(q, back)
          gpUpside += ledger.returnedToGp
        }
      }
      if (last) ledger.settleFirstLoss(q, size)
      lp = distributable - gp - (gpUpside - gpUpsideBefore)
      gpUpsideBefore = gpUpside
    }
    totalDistributed += distributable
    gpCarry += gp
    lpDist += lp
    lpFlows[q] = lp - call
    grossFlows[q] = proceedsQ - investQ
    ws.navByQuarter[q] = nav
    govYear[q >> 2]! += uniform ? call * run.governmentShare : ledger.governmentCalls(q)
    if (Number.isNaN(breakEven) && paidIn > 0 && lpDist >= paidIn) breakEven = (q + 1) / 4
    if ((q & 3) === 3 || last) {
      const y = q >> 2
      const lpNav = netNav(ws, american, nav, investedLive)
      const base = paidIn > 0 ? paidIn : 1
      out.years[y] = paidIn > 0 ? (lpDist + lpNav) / base : 1
      out.years[years + y] = lpDist / base
      out.years[2 * years + y] = nav / size
      out.years[3 * years + y] = (lpDist - paidIn) / size
    }
    if (evalQ !== null && q === evalQ - 1 && !last) {
      snap.at = q + 1
      snap.paidIn = paidIn
      snap.lpDist = lpDist
      snap.nav = nav
      snap.lpNav = netNav(ws, american, nav, investedLive)
      if (!uniform) ledger.previewClassValues(snap.lpNav, ws.classNav)
      snap.fees = fees
      snap.carry = gpCarry
      snap.gross = 0
      snap.invested = 0
      for (let c = 0; c < n; c++) {
        snap.gross += proceeds[c]!
        snap.invested += invested[c]!
      }
    }
  }
  const lastYear = (endQ - 1) >> 2
  for (let y = lastYear + 1; y < years; y++) for (let m = 0; m < 4; m++) out.years[m * years + y] = out.years[m * years + lastYear]!
  const gov = run.governmentShare * size
  for (let y = 0; y < years; y++) govYear[y] = gov > 0 ? govYear[y]! / gov : 0
  finishTrial(run, ws, out, {
    endQ,
    paidIn,
    lpDist,
    gpCarry,
    fees,
    breakEven,
    mobilisedEntry,
    mobilisedLife: mobilisedEntry + mobilisedLife,
    cashDrag: run.investQuarters > 0 ? idle / (run.investQuarters * size) : 0,
    evaluation: snap,
    gpUpside,
  })
}
