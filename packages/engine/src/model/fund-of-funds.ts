import { createRng } from '../random/rng.ts'
import { createTrialStreams } from '../random/streams.ts'
import { CLASS_METRICS, V, YEAR_METRICS, type TrialRecord } from '../run/metric-ids.ts'
import { annualise, periodicIrr } from '../metrics/irr.ts'
import { EuropeanWaterfall, type Split } from './european-waterfall.ts'
import { quarterFee } from './fees.ts'
import { motherLedgerQuarter, type MotherLedgerState } from './fof-ledger.ts'
import { LpLedger } from './lp-ledger.ts'
import { ledgerClassMetrics } from './trial-metrics.ts'
import { createWorkspace, simulateTrial, type TrialWorkspace } from './fund-trial.ts'
import { coInvestmentShare } from './fof-pacing.ts'
import { createMarketPath, simulateMarket, type MarketPath } from './market-path.ts'
import { shiftMarketPath } from './shift-market.ts'
import type { ResolvedRun } from './resolve.ts'

export interface FundOfFundsWorkspace {
  market: MarketPath
  subs: TrialWorkspace[]
  /** Each sub-fund's view of the market path from its own start (null: it starts in quarter 0). */
  subMarkets: Array<MarketPath | null>
  waterfall: EuropeanWaterfall
  split: Split
  calls: Float64Array
  flows: Float64Array
  subCalls: Float64Array
  subDists: Float64Array
  subNav: Float64Array
  /** The mother's co-investments beside the sub-funds: cheques, proceeds, NAV per quarter. */
  coCalls: Float64Array
  coDists: Float64Array
  coNav: Float64Array
  /** Manager skill multiplier drawn for each sub-fund this trial. */
  skill: Float64Array
  /** The mother's own LP classes (their terms run through it; unused when no class has terms). */
  ledger: LpLedger
  ledgerState: MotherLedgerState
  classFlows: Float64Array
  classNav: Float64Array
}

export function createFundOfFundsWorkspace(run: ResolvedRun): FundOfFundsWorkspace {
  const H = run.horizon
  const { carry } = run.config.fund
  return {
    market: createMarketPath(H),
    subs: run.subRuns.map((s) => createWorkspace(s.run)),
    subMarkets: run.subRuns.map((s) => (s.startQuarter > 0 ? createMarketPath(s.run.horizon) : null)),
    waterfall: new EuropeanWaterfall(carry.rate, carry.hurdle, carry.catchUp),
    split: { lp: 0, gp: 0 },
    calls: new Float64Array(H),
    flows: new Float64Array(H),
    subCalls: new Float64Array(H),
    subDists: new Float64Array(H),
    subNav: new Float64Array(H),
    coCalls: new Float64Array(H),
    coDists: new Float64Array(H),
    coNav: new Float64Array(H),
    skill: new Float64Array(run.subRuns.length).fill(1),
    ledger: new LpLedger(run.config, H),
    ledgerState: { upside: 0, upsideBefore: 0, carry: 0 },
    classFlows: new Float64Array(H),
    classNav: new Float64Array(run.config.lpClasses.length),
  }
}

/**
 * Manager skill per sub-fund for one trial: a mean-one lognormal multiplier exp(σz − σ²/2) with one
 * normal z per sub-fund from the trial's own skill stream, so the same trial under another spread
 * scales the same draws (common random numbers). Spread 0 (or none set) leaves every multiplier at 1.
 */
export function drawSkill(run: ResolvedRun, trial: number, out: Float64Array): void {
  const sigma = run.config.fundOfFunds?.managerSkill?.spread ?? 0
  if (sigma === 0) {
    out.fill(1)
    return
  }
  const rng = createRng(`${run.seed}/${trial}/skill`)
  for (let k = 0; k < out.length; k++) out[k] = Math.exp(sigma * rng.normal() - (sigma * sigma) / 2)
}

/** Adds the mother's part of one sub-fund's LP class flows (calls, distributions, NAV by year-end),
 * the sub-fund's quarter q falling in the mother's quarter `start + q`; and the mother's co-investment,
 * `coShare` times its look-through part of every cheque and proceeds of the sub-fund's companies. */
function collectClassFlows(ws: FundOfFundsWorkspace, sub: TrialWorkspace, rec: TrialRecord, classIndex: number, ratio: number, start: number, coShare: number): void {
  const ledger = sub.ledger
  const end = Math.min(rec.endQuarter, ws.subCalls.length - start)
  const share = ledger.shares[classIndex]!
  const co = coShare * ratio * ledger.own[classIndex]!
  for (let s = 0; s < end; s++) {
    const q = s + start
    let call: number
    let dist: number
    if (ledger.uniform) {
      call = share * sub.calls[s]!
      dist = share * (sub.lpFlows[s]! + sub.calls[s]!)
    } else {
      call = ledger.calls[classIndex]![s]!
      dist = ledger.dists[classIndex]![s]! + ledger.transfers[classIndex]![s]!
    }
    ws.subCalls[q]! += ratio * call
    ws.subDists[q]! += ratio * dist
    ws.subNav[q]! += ratio * ledger.own[classIndex]! * sub.navByQuarter[s]!
    if (co > 0) {
      ws.coCalls[q]! += co * sub.investedByQuarter[s]!
      ws.coDists[q]! += co * sub.proceedsByQuarter[s]!
      ws.coNav[q]! += co * sub.navByQuarter[s]!
    }
  }
}

/**
 * One future of a fund-of-funds: one market path shared by every sub-fund (common market), each
 * sub-fund's own trial, then the mother's books: it pays its part of each sub-fund's calls for the
 * LP class it holds, receives its part of that class's distributions, charges its own fee and
 * carries its own European waterfall (or, when its own classes carry terms, runs them through its
 * LP ledger as a direct fund does).
 */
export function simulateFundOfFundsTrial(run: ResolvedRun, trial: number, ws: FundOfFundsWorkspace, out: TrialRecord, subOut: TrialRecord[]): void {
  const { config } = run
  const fund = config.fund
  const H = run.horizon
  const streams = createTrialStreams(run.seed, trial)
  const market = simulateMarket(run.market, run.effects, streams.market, ws.market)
  ws.subCalls.fill(0)
  ws.subDists.fill(0)
  ws.subNav.fill(0)
  ws.coCalls.fill(0)
  ws.coDists.fill(0)
  ws.coNav.fill(0)
  out.counts.fill(0)
  drawSkill(run, trial, ws.skill)
  const coShare = coInvestmentShare(config)
  run.subRuns.forEach((s, k) => {
    const view = ws.subMarkets[k]
    ws.subs[k]!.skill = ws.skill[k]!
    simulateTrial(s.run, trial, ws.subs[k]!, subOut[k]!, { market: view ? shiftMarketPath(market, s.startQuarter, view) : market, streams: `${run.seed}/f${k}` })
    collectClassFlows(ws, ws.subs[k]!, subOut[k]!, s.classIndex, s.ratio, s.startQuarter, coShare)
    for (let m = 0; m < out.counts.length; m++) out.counts[m] = Math.min(65535, out.counts[m]! + subOut[k]!.counts[m]!)
  })
  if (coShare > 0)
    for (let q = 0; q < H; q++) {
      ws.subCalls[q]! += ws.coCalls[q]!
      ws.subDists[q]! += ws.coDists[q]!
      ws.subNav[q]! += ws.coNav[q]!
    }
  const wf = ws.waterfall
  wf.reset()
  const ledger = ws.ledger
  const termed = !ledger.uniform
  const ls = ws.ledgerState
  if (termed) {
    ledger.reset()
    ls.upside = ls.upsideBefore = ls.carry = 0
  }
  const years = Math.ceil(H / 4)
  const series = out.series
  series.fill(0)
  const size = fund.size
  let end = 0
  for (let q = 0; q < H; q++) if (ws.subCalls[q]! !== 0 || ws.subDists[q]! !== 0) end = q + 1
  end = Math.max(end, Math.min(H, Math.round(fund.lifeYears * 4)))
  let paidIn = 0
  let dist = 0
  let carry = 0
  let fees = 0
  let invested = 0
  let received = 0
  let breakEven = Number.NaN
  let gov = 0
  const evalQ = run.evaluateAt !== null && run.evaluateAt < end ? run.evaluateAt : -1
  const snap = { paidIn: 0, dist: 0, lpNav: 0, invested: 0, received: 0, nav: 0, fees: 0, carry: 0 }
  const lpNavOf = (nav: number) => (nav > 0 ? (termed ? ledger.netNav(nav) : wf.preview(nav, ws.split).lp) : 0)
  for (let q = 0; q < end; q++) {
    let fee = quarterFee(fund, q, invested - received > 0 ? invested - received : 0, ws.subNav[q]!, paidIn)
    if (termed) {
      fee *= ledger.currentFeeShare()
      motherLedgerQuarter(ledger, ls, q, ws.subCalls[q]!, fee, ws.subDists[q]!, ws.subNav[q]!, q === end - 1, fund.carry.clawback, fund.size, ws.split)
    } else {
      wf.accrue()
      wf.contribute(ws.subCalls[q]! + fee)
      wf.distribute(ws.subDists[q]!, ws.split)
    }
    const call = ws.subCalls[q]! + fee
    invested += ws.subCalls[q]!
    received += ws.subDists[q]!
    fees += fee
    paidIn += call
    carry += ws.split.gp
    dist += ws.split.lp
    ws.calls[q] = call
    ws.flows[q] = ws.split.lp - call
    gov += termed ? ledger.governmentCalls(q) : call * run.governmentShare
    series[(q >> 2)]! += call
    series[years + (q >> 2)]! += ws.split.lp
    series[3 * years + (q >> 2)]! += ws.coCalls[q]!
    if (Number.isNaN(breakEven) && paidIn > 0 && dist >= paidIn) breakEven = (q + 1) / 4
    if ((q & 3) === 3 || q === end - 1) {
      const y = q >> 2
      const nav = ws.subNav[q]!
      const lpNav = lpNavOf(nav)
      out.years[y] = paidIn > 0 ? (dist + lpNav) / paidIn : 1
      out.years[years + y] = paidIn > 0 ? dist / paidIn : 0
      out.years[2 * years + y] = nav / size
      out.years[3 * years + y] = (dist - paidIn) / size
      out.years[4 * years + y] = run.governmentShare > 0 ? gov / (run.governmentShare * size) : 0
      series[2 * years + y] = nav
      gov = 0
    }
    if (q === evalQ - 1) {
      const nav = ws.subNav[q]!
      Object.assign(snap, { paidIn, dist, lpNav: lpNavOf(nav), invested, received, nav, fees, carry })
      if (termed) ledger.previewClassValues(snap.lpNav, ws.classNav)
    }
  }
  const early = evalQ > 0
  const len = early ? evalQ : end
  if (early) {
    paidIn = snap.paidIn
    dist = snap.dist
    invested = snap.invested
    received = snap.received
    fees = snap.fees
    carry = snap.carry
  }
  const lpNav = early ? snap.lpNav : 0
  const lastYear = (end - 1) >> 2
  for (let y = lastYear + 1; y < years; y++) for (let m = 0; m < YEAR_METRICS.length; m++) out.years[m * years + y] = m === 4 ? 0 : out.years[m * years + lastYear]!
  const v = out.values
  v.fill(0)
  v[V.paidIn] = paidIn
  v[V.dpi] = paidIn > 0 ? dist / paidIn : 0
  v[V.rvpi] = paidIn > 0 ? lpNav / paidIn : 0
  v[V.netTvpi] = v[V.dpi]! + v[V.rvpi]!
  const lastFlow = ws.flows[len - 1]!
  ws.flows[len - 1] = lastFlow + lpNav
  v[V.netIrr] = annualise(periodicIrr(ws.flows, len), 4)
  ws.flows[len - 1] = lastFlow
  let pmeIn = 0
  let pmeOut = 0
  for (let q = 0; q < len; q++) {
    const ix = market.index[q + 1]!
    pmeIn += ws.calls[q]! / ix
    pmeOut += (ws.flows[q]! + ws.calls[q]!) / ix
  }
  pmeOut += lpNav / market.index[len]!
  v[V.pme] = pmeIn > 0 ? pmeOut / pmeIn : 0
  v[V.invested] = invested
  v[V.grossProceeds] = received
  v[V.grossTvpi] = invested > 0 ? (received + (early ? snap.nav : 0)) / invested : 0
  for (let q = 0; q < len; q++) ws.flows[q] = ws.subDists[q]! - ws.subCalls[q]!
  ws.flows[len - 1]! += early ? snap.nav : 0
  v[V.grossIrr] = annualise(periodicIrr(ws.flows, len), 4)
  v[V.fees] = fees
  v[V.carry] = carry
  v[V.deployment] = invested / size
  v[V.breakEvenYear] = breakEven
  v[V.topDealShare] = Number.NaN
  v[V.dealsToReturnFund] = Number.NaN
  v[V.lossRatio] = invested > 0 ? Math.max(0, 1 - received / invested) : 0
  v[V.lossBreach] = v[V.lossRatio]! > config.policy.toleratedLoss.fund + 1e-12 ? 1 : 0
  v[V.mobilisedAtEntry] = Number.NaN
  v[V.mobilisedOverLife] = Number.NaN
  v[V.dealLossBreachShare] = Number.NaN
  v[V.cashDrag] = Number.NaN
  const M = CLASS_METRICS.length
  if (termed) {
    v[V.gpUpside] = ls.upside
    v[V.firstLossPaid] = ledger.firstLossPaid / size
    v[V.guaranteePaid] = ledger.guaranteePaid / size
    v[V.buyOutExercised] = ledger.buyOutDone.includes(1) ? 1 : 0
    ledgerClassMetrics(ledger, ws.classFlows, ws.classNav, out, len, lpNav)
  } else
    for (let c = 0; c < config.lpClasses.length; c++) {
      out.classes[c * M] = v[V.netTvpi]!
      out.classes[c * M + 1] = v[V.netIrr]!
      out.classes[c * M + 2] = v[V.dpi]!
    }
  lookThroughReinvestment(run, ws, coShare, out)
  out.endQuarter = end
}

/**
 * 返投 through sub-funds: a requirement on one of the mother's classes counts the mother's
 * look-through part (its share of the class it holds) of every sub-fund's investment in the
 * required regions, plus its co-investment beside them, over the class's commitment.
 */
function lookThroughReinvestment(run: ResolvedRun, ws: FundOfFundsWorkspace, coShare: number, out: TrialRecord): void {
  for (let r = 0; r < run.requirements.length; r++) {
    const req = run.requirements[r]!
    let local = 0
    run.subRuns.forEach((s, k) => {
      const sub = ws.subs[k]!
      const look = s.ratio * sub.ledger.own[s.classIndex]! * (1 + coShare)
      const { region, cheque } = s.run.deals
      let inSub = 0
      for (let c = 0; c < cheque.length; c++) if (req.regionMask & (1 << region[c]!)) inSub += sub.invested[c]!
      local += look * inSub
    })
    out.reinvestment[r] = req.commitment > 0 ? local / req.commitment : 0
  }
}
