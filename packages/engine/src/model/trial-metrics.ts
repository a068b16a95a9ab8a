import { annualise, periodicIrr } from '../metrics/irr.ts'
import { C, CLASS_METRICS, V, type TrialRecord } from '../run/metric-ids.ts'
import type { LpLedger } from './lp-ledger.ts'
import type { TrialWorkspace } from './workspace.ts'
import type { ResolvedRun } from './resolve.ts'

/** IRR of flows[0..len) with `terminal` added to the last flow, annualised from quarters. */
function irrWithTerminal(flows: Float64Array, len: number, terminal: number): number {
  const last = flows[len - 1]!
  flows[len - 1] = last + terminal
  const r = annualise(periodicIrr(flows, len), 4)
  flows[len - 1] = last
  return r
}

/** Fund, LP-class and policy metrics of one finished trial. */
export function finishTrial(run: ResolvedRun, ws: TrialWorkspace, out: TrialRecord): void {
  const t = ws.books
  const { config, deals } = run
  const size = config.fund.size
  const n = deals.cheque.length
  const { invested, proceeds, unicorn, calls, lpFlows, grossFlows, ledger } = ws
  const counts = out.counts
  const v = out.values
  let investedTotal = 0
  let grossTotal = 0
  let maxDeal = 0
  let dealBreaches = 0
  let dealsInvested = 0
  for (let c = 0; c < n; c++) {
    investedTotal += invested[c]!
    grossTotal += proceeds[c]!
    if (proceeds[c]! > maxDeal) maxDeal = proceeds[c]!
    if (unicorn[c]) counts[C.unicorns]!++
    if (invested[c]! > 0) {
      dealsInvested++
      if (1 - proceeds[c]! / invested[c]! > config.policy.toleratedLoss.deal + 1e-12) dealBreaches++
    }
  }
  out.endQuarter = t.endQ
  const e = t.snap
  const early = e.at > 0
  const paidIn = early ? e.paidIn : t.paidIn
  const dist = early ? e.lpDist : t.lpDist
  const lpNav = early ? e.lpNav : 0
  const len = early ? e.at : t.endQ
  v[V.paidIn] = paidIn
  v[V.dpi] = paidIn > 0 ? dist / paidIn : 0
  v[V.rvpi] = paidIn > 0 ? lpNav / paidIn : 0
  v[V.netTvpi] = v[V.dpi]! + v[V.rvpi]!
  v[V.netIrr] = irrWithTerminal(lpFlows, len, lpNav)
  const grossIn = early ? e.invested : investedTotal
  const grossOut = early ? e.gross + e.nav : grossTotal
  v[V.invested] = grossIn
  v[V.grossProceeds] = early ? e.gross : grossTotal
  v[V.grossTvpi] = grossIn > 0 ? grossOut / grossIn : 0
  v[V.grossIrr] = irrWithTerminal(grossFlows, len, early ? e.nav : 0)
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
  v[V.fees] = early ? e.fees : t.fees
  v[V.carry] = early ? e.carry : t.gpCarry
  v[V.gpUpside] = t.gpUpside
  v[V.cashIncome] = t.cashIncome
  v[V.calledAt2y] = t.endQ >= 8 ? t.calledAt2y : t.paidIn / size
  v[V.extensionYears] = (t.endQ - run.lifeQuarters) / 4
  v[V.secondaryDiscount] = t.navSold > 0 ? 1 - t.saleProceeds / t.navSold : Number.NaN
  v[V.deployment] = grossIn / size
  v[V.breakEvenYear] = t.breakEven
  v[V.topDealShare] = grossTotal > 0 ? maxDeal / grossTotal : 0
  v[V.dealsToReturnFund] = grossTotal >= size ? dealsToReach(ws, n, size) : Number.NaN
  v[V.lossRatio] = investedTotal > 0 ? Math.max(0, 1 - grossTotal / investedTotal) : 0
  v[V.lossBreach] = v[V.lossRatio]! > config.policy.toleratedLoss.fund + 1e-12 ? 1 : 0
  v[V.dealLossBreachShare] = dealsInvested > 0 ? dealBreaches / dealsInvested : 0
  const government = run.governmentShare * size
  v[V.mobilisedAtEntry] = government > 0 ? t.mobilisedEntry / government : Number.NaN
  v[V.mobilisedOverLife] = government > 0 ? (t.mobilisedEntry + t.mobilisedLife) / government : Number.NaN
  v[V.cashDrag] = run.investQuarters > 0 ? t.idle / (run.investQuarters * size) : 0
  v[V.firstLossPaid] = ledger.uniform ? 0 : ledger.firstLossPaid / size
  v[V.guaranteePaid] = ledger.uniform ? 0 : ledger.guaranteePaid / size
  v[V.buyOutExercised] = ledger.uniform ? 0 : ledger.buyOutDone.includes(1) ? 1 : 0
  const flow = ws.flow
  counts[C.dealsPlanned] = flow.planned
  counts[C.dealsReserved] = flow.reserved
  counts[C.dealsStarted] = flow.started
  counts[C.dealsProducing] = flow.producing
  counts[C.unstartedDeals] = n - counts[C.companies]!
  for (let r = 0; r < run.requirements.length; r++) {
    const req = run.requirements[r]!
    let local = 0
    for (let c = 0; c < n; c++) if (req.regionMask & (1 << deals.region[c]!)) local += invested[c]!
    out.reinvestment[r] = req.commitment > 0 ? local / req.commitment : 0
  }
  classMetrics(ws, out, len, lpNav)
}

/** Net TVPI, IRR and DPI of each LP class. Without terms every class is the fund scaled by its
 * share, so it shares the fund's multiples exactly. */
function classMetrics(ws: TrialWorkspace, out: TrialRecord, len: number, fundLpNav: number): void {
  const M = CLASS_METRICS.length
  const ledger = ws.ledger
  const v = out.values
  if (ledger.uniform) {
    for (let c = 0; c < ledger.k; c++) {
      out.classes[c * M] = v[V.netTvpi]!
      out.classes[c * M + 1] = v[V.netIrr]!
      out.classes[c * M + 2] = v[V.dpi]!
    }
    return
  }
  ledgerClassMetrics(ledger, ws.classFlows, ws.classNav, out, len, fundLpNav)
}

/** Each class's net TVPI, IRR and DPI from its own calls, distributions and transfers in the ledger;
 * `navs` holds the classes' interim values at the reading date (taken by the books). */
export function ledgerClassMetrics(ledger: LpLedger, flows: Float64Array, navs: Float64Array, out: TrialRecord, len: number, fundLpNav: number): void {
  const M = CLASS_METRICS.length
  if (!(fundLpNav > 0)) navs.fill(0)
  for (let c = 0; c < ledger.k; c++) {
    let paid = 0
    let got = 0
    for (let q = 0; q < len; q++) {
      const call = ledger.calls[c]![q]!
      const dist = ledger.dists[c]![q]!
      const tr = ledger.transfers[c]![q]!
      paid += call + (tr < 0 ? -tr : 0)
      got += dist + (tr > 0 ? tr : 0)
      flows[q] = dist - call + tr
    }
    const nav = navs[c]!
    out.classes[c * M] = paid > 0 ? (got + nav) / paid : 0
    out.classes[c * M + 1] = irrWithTerminal(flows, len, nav)
    out.classes[c * M + 2] = paid > 0 ? got / paid : 0
  }
  flows.fill(0)
}

/** Fewest top deals whose proceeds together return the committed fund: the largest proceeds picked
 * one at a time (the order a descending sort gives), since a few deals usually suffice. */
function dealsToReach(ws: TrialWorkspace, n: number, target: number): number {
  const s = ws.sorted
  const proceeds = ws.proceeds
  for (let i = 0; i < n; i++) s[i] = proceeds[i]!
  let acc = 0
  for (let k = 0; k < n; k++) {
    let best = k
    for (let i = k + 1; i < n; i++) if (s[i]! > s[best]!) best = i
    const top = s[best]!
    s[best] = s[k]!
    s[k] = top
    acc += top
    if (acc >= target) return k + 1
  }
  return Number.NaN
}
