import { createTrialStreams } from '../random/streams.ts'
import { C, V, YEAR_METRICS, type TrialRecord } from '../run/metric-ids.ts'
import { ROUND_IDS } from '../schema/ids.ts'
import { annualise, periodicIrr } from '../metrics/irr.ts'
import { AmericanWaterfall, clawbackExcess } from './american-waterfall.ts'
import { simulateCompany, type CompanyContext } from './company-path.ts'
import { EFFECT, effectAt } from './effects.ts'
import { EuropeanWaterfall, type Split } from './european-waterfall.ts'
import { ACQUIRED, EventBuffer, FAILED, RAISE, STALLED } from './events.ts'
import { quarterFee } from './fees.ts'
import { createMarketPath, simulateMarket, type MarketPath } from './market-path.ts'
import { drawPowerLawMultiple } from './power-law.ts'
import type { ResolvedRun } from './resolve.ts'

const NONE = 0
const ALIVE = 1
const GONE = 2

/** Buffers one chunk reuses for all its trials. */
export interface TrialWorkspace {
  market: MarketPath
  events: EventBuffer
  order: Int32Array
  bucketStart: Int32Array
  bucketFill: Int32Array
  euro: EuropeanWaterfall
  amer: AmericanWaterfall
  state: Int8Array
  own: Float64Array
  mark: Float64Array
  entryPost: Float64Array
  invested: Float64Array
  proceeds: Float64Array
  entryQuarter: Int32Array
  followed: Int32Array
  unicorn: Uint8Array
  calls: Float64Array
  lpFlows: Float64Array
  grossFlows: Float64Array
  sorted: Float64Array
  split: Split
}

export function createWorkspace(run: ResolvedRun): TrialWorkspace {
  const n = run.deals.cheque.length
  const H = run.horizon
  return {
    market: createMarketPath(H),
    events: new EventBuffer(Math.max(64, n * 4)),
    order: new Int32Array(Math.max(64, n * 4)),
    bucketStart: new Int32Array(H + 2),
    bucketFill: new Int32Array(H + 2),
    euro: new EuropeanWaterfall(run.config.fund.carry.rate, run.config.fund.carry.hurdle, run.config.fund.carry.catchUp),
    amer: new AmericanWaterfall(run.config.fund.carry.rate, run.config.fund.carry.hurdle, run.config.fund.carry.catchUp),
    state: new Int8Array(n),
    own: new Float64Array(n),
    mark: new Float64Array(n),
    entryPost: new Float64Array(n),
    invested: new Float64Array(n),
    proceeds: new Float64Array(n),
    entryQuarter: new Int32Array(n),
    followed: new Int32Array(n),
    unicorn: new Uint8Array(n),
    calls: new Float64Array(H),
    lpFlows: new Float64Array(H),
    grossFlows: new Float64Array(H),
    sorted: new Float64Array(n),
    split: { lp: 0, gp: 0 },
  }
}

/** Stable counting sort of the trial's events by quarter into `ws.order`. */
function sortEvents(ws: TrialWorkspace, quarters: number): void {
  const ev = ws.events
  if (ws.order.length < ev.length) ws.order = new Int32Array(ev.quarter.length)
  const start = ws.bucketStart
  start.fill(0)
  for (let i = 0; i < ev.length; i++) start[ev.quarter[i]! + 1]! += 1
  for (let q = 0; q < quarters; q++) start[q + 1]! += start[q]!
  const fill = ws.bucketFill
  fill.set(start)
  for (let i = 0; i < ev.length; i++) ws.order[fill[ev.quarter[i]!]!++] = i
}

/**
 * One possible future of one fund: the market, every company's path, then the fund's quarterly
 * books (cheques, follow-ons, fees, calls, recycling, waterfall, NAV) and its metrics.
 */
export function simulateTrial(run: ResolvedRun, trial: number, ws: TrialWorkspace, out: TrialRecord): void {
  const { config, deals, horizon: H } = run
  const { companies } = config
  const streams = createTrialStreams(run.seed, trial)
  const market = simulateMarket(run.market, run.effects, streams.market, ws.market)
  const n = deals.cheque.length
  const factorsOn = config.market.factors.enabled && config.market.factors.withinSector > 0
  const ctx: CompanyContext = {
    model: run.sectorModels[0] ?? run.sectorModels.find((m) => m)!,
    sector: 0,
    effects: run.effects,
    market,
    horizon: H,
    factorsOn,
    idiosyncratic: Math.sqrt(1 - config.market.factors.withinSector),
  }
  const ev = ws.events
  ev.clear()
  const entryPost = ws.entryPost
  const powerLaw = companies.model === 'power_law'
  for (let i = 0; i < n; i++) {
    const s = deals.sector[i]!
    const q0 = deals.quarter[i]!
    if (powerLaw) {
      entryPost[i] = deals.cheque[i]!
      const m = drawPowerLawMultiple(streams.companies, companies.powerLaw)
      const hold = companies.powerLaw.holdingYears
      const t = q0 + Math.max(1, Math.round(hold.median * 4 * Math.exp(hold.sigma * streams.companies.normal())))
      if (t < H) ev.push(t, i, m > 0 ? ACQUIRED : FAILED, 0, deals.cheque[i]! * m, 0)
      continue
    }
    const model = run.sectorModels[s]!
    const r = model.rounds[ROUND_IDS[deals.round[i]!]!]
    const shift = factorsOn ? market.valuation[s * market.years + (q0 >> 2)]! : 0
    entryPost[i] =
      r.postMoney * effectAt(run.effects, s, q0, market.regime[q0]!, EFFECT.entryValuation) * Math.exp(model.entryValuationSigma * streams.deals.normal() + shift)
    ctx.model = model
    ctx.sector = s
    simulateCompany(ctx, streams.companies, i, deals.round[i]!, q0, entryPost[i]!, ev)
  }
  sortEvents(ws, H)
  runBooks(run, ws, out, entryPost)
}

function runBooks(run: ResolvedRun, ws: TrialWorkspace, out: TrialRecord, entryPost: Float64Array): void {
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
  const euro = ws.euro
  const amer = ws.amer
  euro.reset()
  amer.reset()
  const ev = ws.events
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
  const counts = out.counts

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
  let fees = 0
  let feeArrears = 0
  let totalDistributed = 0
  let breakEven = Number.NaN
  let endQ = run.lifeQuarters
  const evalQ = run.evaluateAt
  let evalPaidIn = Number.NaN
  let evalLpDist = 0
  let evalLpNav = 0
  let evalNav = 0
  let evalGross = 0
  let evalInvested = 0
  let evalLen = 0
  let dealPtr = 0
  const start = ws.bucketStart
  const order = ws.order
  const reached = [C.reachedSeed, C.reachedA, C.reachedB, C.reachedC, C.reachedLate]

  for (let q = 0; q < endQ; q++) {
    euro.accrue()
    let investQ = 0
    let proceedsQ = 0
    let carryQ = 0
    const fundable = unfunded + cash - run.feesAhead[q]!
    while (dealPtr < n && deals.quarter[dealPtr]! === q) {
      const i = dealPtr++
      const cheque = deals.cheque[i]!
      if (cheque > unfunded + cash + 1e-9) continue
      state[i] = ALIVE
      own[i] = cheque / entryPost[i]!
      mark[i] = entryPost[i]!
      invested[i] = cheque
      entryQuarter[i] = q
      investQ += cheque
      investedLive += cheque
      nav += cheque
      counts[C.companies]!++
      counts[reached[deals.round[i]!]!]!++
      out.cellInvested[deals.cell[i]!]! += cheque
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
    if (q === endQ - 1 && endQ < H && nav > fund.extensionNavThreshold * size) endQ = Math.min(H, endQ + 4)
    const last = q === endQ - 1
    if (last) {
      for (let c = 0; c < n; c++) {
        if (state[c] !== ALIVE) continue
        const p = own[c]! * mark[c]! * keep
        proceeds[c] = p
        proceedsQ += p
        out.cellProceeds[deals.cell[c]!]! += p
        counts[C.heldAtEnd]!++
        if (american) carryQ += amer.realise(p, invested[c]!, (q - entryQuarter[c]!) / 4)
        state[c] = GONE
      }
      nav = 0
      investedLive = 0
    }
    const feeQ = quarterFee(fund, q, investedLive, nav)
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
    euro.contribute(call)
    let lp: number
    let gp: number
    if (american) {
      carryOwed += carryQ
      gp = Math.min(carryOwed, distributable)
      carryOwed -= gp
      lp = distributable - gp
    } else {
      euro.distribute(distributable, ws.split)
      lp = ws.split.lp
      gp = ws.split.gp
    }
    totalDistributed += distributable
    if (last && fund.carry.clawback) {
      const back = clawbackExcess(gpCarry + gp, k, totalDistributed, paidIn)
      gp -= back
      lp += back
    }
    gpCarry += gp
    lpDist += lp
    lpFlows[q] = lp - call
    grossFlows[q] = proceedsQ - investQ
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
      evalPaidIn = paidIn
      evalLpDist = lpDist
      evalNav = nav
      evalLpNav = netNav(ws, american, nav, investedLive)
      evalGross = 0
      for (let c = 0; c < n; c++) evalGross += proceeds[c]!
      evalInvested = 0
      for (let c = 0; c < n; c++) evalInvested += invested[c]!
      evalLen = q + 1
    }
  }
  const lastYear = (endQ - 1) >> 2
  for (let y = lastYear + 1; y < years; y++) for (let m = 0; m < YEAR_METRICS.length; m++) out.years[m * years + y] = out.years[m * years + lastYear]!

  let investedTotal = 0
  let grossTotal = 0
  let maxDeal = 0
  for (let c = 0; c < n; c++) {
    investedTotal += invested[c]!
    grossTotal += proceeds[c]!
    if (proceeds[c]! > maxDeal) maxDeal = proceeds[c]!
    if (unicorn[c]) counts[C.unicorns]!++
  }
  const v = out.values
  const early = !Number.isNaN(evalPaidIn)
  const pIn = early ? evalPaidIn : paidIn
  const dist = early ? evalLpDist : lpDist
  const lpNav = early ? evalLpNav : 0
  const len = early ? evalLen : endQ
  v[V.paidIn] = pIn
  v[V.dpi] = pIn > 0 ? dist / pIn : 0
  v[V.rvpi] = pIn > 0 ? lpNav / pIn : 0
  v[V.netTvpi] = v[V.dpi]! + v[V.rvpi]!
  const flowsEnd = lpFlows[len - 1]!
  lpFlows[len - 1] = flowsEnd + lpNav
  v[V.netIrr] = annualise(periodicIrr(lpFlows, len), 4)
  lpFlows[len - 1] = flowsEnd
  const gInv = early ? evalInvested : investedTotal
  const gOut = early ? evalGross + evalNav : grossTotal
  v[V.invested] = investedTotal
  v[V.grossProceeds] = grossTotal
  v[V.grossTvpi] = gInv > 0 ? gOut / gInv : 0
  const gEnd = grossFlows[len - 1]!
  grossFlows[len - 1] = gEnd + (early ? evalNav : 0)
  v[V.grossIrr] = annualise(periodicIrr(grossFlows, len), 4)
  grossFlows[len - 1] = gEnd
  let pmeIn = 0
  let pmeOut = 0
  const index = ws.market.index
  for (let q = 0; q < len; q++) {
    const ix = index[q + 1]!
    pmeIn += calls[q]! / ix
    pmeOut += (lpFlows[q]! + calls[q]!) / ix
  }
  pmeOut += lpNav / index[len]!
  v[V.pme] = pmeIn > 0 ? pmeOut / pmeIn : 0
  v[V.fees] = fees
  v[V.carry] = gpCarry
  v[V.deployment] = investedTotal / size
  v[V.breakEvenYear] = breakEven
  v[V.topDealShare] = grossTotal > 0 ? maxDeal / grossTotal : 0
  v[V.dealsToReturnFund] = grossTotal >= size ? dealsToReach(ws, proceeds, n, size) : Number.NaN
  for (let q = 0; q < H; q++) {
    calls[q] = 0
    lpFlows[q] = 0
    grossFlows[q] = 0
  }
}

/** LP share of NAV after the carry a sale at NAV would pay (deal-by-deal: carry on unrealised gains
 * above cost and carried-forward losses). */
function netNav(ws: TrialWorkspace, american: boolean, nav: number, investedLive: number): number {
  if (nav <= 0) return 0
  if (american) return nav - Math.min(nav, ws.amer.carry * Math.max(0, nav - investedLive - ws.amer.lossCarryForward))
  return ws.euro.preview(nav, ws.split).lp
}

/** Fewest top deals whose proceeds together return the committed fund. */
function dealsToReach(ws: TrialWorkspace, proceeds: Float64Array, n: number, target: number): number {
  const s = ws.sorted
  s.set(proceeds.subarray(0, n))
  s.sort()
  let acc = 0
  for (let i = n - 1; i >= 0; i--) {
    acc += s[i]!
    if (acc >= target) return n - i
  }
  return Number.NaN
}
