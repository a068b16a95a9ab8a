import { C } from '../../run/metric-ids.ts'
import { REGIME_IDS } from '../../schema/ids.ts'
import { feeQuarters, feeTermsAt, quarterFee } from '../fees.ts'
import type { ResolvedRun } from '../resolve.ts'

/** Company states in the books. */
export const NONE = 0
export const ALIVE = 1
export const GONE = 2
/** Stalled: alive and held, but with no event left. */
export const STILL = 3

/** Count metric of "reached round r" for each round index. */
export const REACHED: readonly number[] = [C.reachedSeed, C.reachedA, C.reachedB, C.reachedC, C.reachedLate]

/** Terms of the books that depend only on the run (read once per workspace). */
export interface BooksTerms {
  n: number
  size: number
  years: number
  unicornAt: number
  powerLaw: boolean
  proRata: boolean
  maxRounds: number
  capPerCompany: number
  /** 0 just in time, 1 ahead, 2 tranches. */
  callPolicy: number
  /** Cash the fund keeps at quarter q for the quarters after it: projected needs (ahead) or planned fees (tranches). */
  keepAhead: Float64Array
  /** Tranches: quarter each falls due and the cumulative amount called once it has. */
  trancheQuarter: Int32Array
  trancheCum: Float64Array
  topUp: number
  /** Quarterly yield on cash held at the fund. */
  cashYieldQ: number
  ext: { threshold: number; first: number; decay: number; reference: number; elasticity: number; regime: Float64Array }
  sale: { mean: Float64Array; sd: number; early: number; unpriced: number }
  continuation: { on: boolean; keep: number }
  recycleCap: number
  carryRate: number
  american: boolean
  /** Management fee per quarter (see feesStep). */
  fees: FeeSchedule
}

export function booksTerms(run: ResolvedRun): BooksTerms {
  const { fund, strategy, companies } = run.config
  const powerLaw = companies.model === 'power_law'
  return {
    n: run.deals.cheque.length,
    size: fund.size,
    years: Math.ceil(run.horizon / 4),
    unicornAt: companies.unicornValuation,
    powerLaw,
    proRata: strategy.followOn.rule === 'pro_rata' && !powerLaw,
    maxRounds: strategy.followOn.maxRounds,
    capPerCompany: strategy.followOn.maxCompanyShare * fund.size,
    ...callTerms(run),
    ...endOfLifeTerms(run),
    recycleCap: fund.recycling.cap * fund.size,
    carryRate: fund.carry.rate,
    american: fund.carry.waterfall === 'american',
    fees: feeSchedule(run),
  }
}

/** Fee basis codes of `FeeSchedule.basis`; NO_FEE after the fee quarters. */
export const NO_FEE = -1
const BASES = ['committed', 'paid_in', 'invested', 'nav'] as const

/** `quarterFee` read once per run: per quarter the quarterly rate (rate / 4) and the basis code. */
export interface FeeSchedule {
  rateQ: Float64Array
  basis: Int8Array
}

export function feeSchedule(run: ResolvedRun): FeeSchedule {
  const fund = run.config.fund
  const H = run.horizon
  const rateQ = new Float64Array(H)
  const basis = new Int8Array(H).fill(NO_FEE)
  for (let q = 0; q < Math.min(H, feeQuarters(fund)); q++) {
    const terms = feeTermsAt(fund, q)
    rateQ[q] = terms.rate / 4
    basis[q] = BASES.indexOf(terms.basis)
  }
  return { rateQ, basis }
}

const CALL_POLICIES = ['just_in_time', 'ahead', 'tranches'] as const

/** Call policy tables. Projected needs per quarter: the planned first cheques, the reserve spread
 * evenly until follow-ons end, and the planned fees. */
function callTerms(run: ResolvedRun): Pick<BooksTerms, 'callPolicy' | 'keepAhead' | 'trancheQuarter' | 'trancheCum' | 'topUp' | 'cashYieldQ'> {
  const { fund } = run.config
  const cc = fund.capitalCalls
  const H = run.horizon
  const policy = CALL_POLICIES.indexOf(cc.policy)
  const planned = new Float64Array(H + 1)
  const rf = run.reforecast
  let invested = run.construction.investable
  for (let i = 0; i < run.deals.quarter.length; i++) if (run.deals.quarter[i]! >= 0 && run.deals.quarter[i]! < H) planned[run.deals.quarter[i]!]! += run.deals.cheque[i]!
  const followQuarters = Math.max(0, Math.min(H, run.followOnEnd) - 1)
  // a reforecast projects from its date: the reserve it has left, and fees on what can still be at work
  const firstFollow = rf ? Math.max(1, rf.asOfQuarter) : 1
  const followShare = run.reserveStart / Math.max(1, followQuarters - firstFollow + 1)
  if (rf) {
    // with a reserve left, all of the investable capital but the realised holdings' cost can be at work
    const goneCost = rf.slots.reduce((a, d) => a + d.cheque, 0) - rf.liveCost
    invested = run.reserveStart > 0 ? invested - goneCost : Math.min(invested, rf.liveCost + planned.reduce((a, x) => a + x, 0))
  }
  const fees = new Float64Array(H + 1)
  for (let q = 0; q < H; q++) {
    fees[q] = rf && q < rf.asOfQuarter ? 0 : quarterFee(fund, q, invested, invested, fund.size)
    if (!rf) {
      if (q >= 1 && q <= followQuarters) planned[q]! += run.construction.reserveBudget / followQuarters
    } else if (q >= firstFollow && q <= followQuarters) planned[q]! += followShare
    planned[q]! += fees[q]!
  }
  const keepAhead = new Float64Array(H + 1)
  const window = policy === 1 ? cc.aheadQuarters : policy === 2 ? 4 : 0
  const source = policy === 1 ? planned : fees
  for (let q = 0; q < H; q++) for (let j = q + 1; j <= Math.min(H - 1, q + window); j++) keepAhead[q]! += source[j]!
  const tranches = policy === 2 ? [...cc.tranches].sort((a, b) => a.year - b.year) : []
  const trancheQuarter = new Int32Array(tranches.length)
  const trancheCum = new Float64Array(tranches.length)
  let cum = 0
  tranches.forEach((t, k) => {
    cum += t.share * fund.size
    trancheQuarter[k] = Math.round(t.year * 4)
    trancheCum[k] = Math.min(fund.size, cum)
  })
  return { callPolicy: policy, keepAhead, trancheQuarter, trancheCum, topUp: cc.topUpBelow * fund.size, cashYieldQ: Math.pow(1 + cc.cashYield, 0.25) - 1 }
}

function endOfLifeTerms(run: ResolvedRun): Pick<BooksTerms, 'ext' | 'sale' | 'continuation'> {
  const { extension: e, secondary: s, continuation: cv } = run.config.fund.endOfLife
  return {
    ext: {
      threshold: e.navThreshold,
      first: e.firstProbability,
      decay: e.decay,
      reference: e.navReference,
      elasticity: e.navElasticity,
      regime: Float64Array.from(REGIME_IDS.map((r) => e.regimeFactor[r])),
    },
    sale: { mean: Float64Array.from(REGIME_IDS.map((r) => s.discountMean[r])), sd: s.discountSd, early: s.earlyStageExtra, unpriced: s.unpricedExtra },
    continuation: { on: cv.enabled, keep: cv.rollShare + (1 - cv.rollShare) * (1 - cv.discount) },
  }
}

/** Reading of the books at `run.evaluateAt` when that falls before the end (at = −1 otherwise). */
export interface EvaluationSnapshot {
  at: number
  paidIn: number
  lpDist: number
  nav: number
  lpNav: number
  gross: number
  invested: number
  fees: number
  carry: number
}

/** The fund's running totals for one trial, and this quarter's flows. One per workspace, reset per trial. */
export class BooksState {
  readonly terms: BooksTerms
  readonly snap: EvaluationSnapshot = { at: -1, paidIn: 0, lpDist: 0, nav: 0, lpNav: 0, gross: 0, invested: 0, fees: 0, carry: 0 }
  // running totals
  unfunded = 0
  cash = 0
  recycled = 0
  reserveLeft = 0
  nav = 0
  investedLive = 0
  paidIn = 0
  lpDist = 0
  gpCarry = 0
  carryOwed = 0
  gpUpside = 0
  gpUpsideBefore = 0
  fees = 0
  feeArrears = 0
  totalDistributed = 0
  breakEven = Number.NaN
  mobilisedEntry = 0
  mobilisedLife = 0
  idle = 0
  plannedCum = 0
  actualCum = 0
  endQ = 0
  dealPtr = 0
  plannedPtr = 0
  /** Tranches: next tranche not yet due, and the paid-in the tranches due so far add up to. */
  trancheNext = 0
  trancheTarget = 0
  /** Yield earned on cash held at the fund. */
  cashIncome = 0
  /** Share of commitments paid in by the end of month 24. */
  calledAt2y = 0
  extensions = 0
  /** NAV sold at the end of life and what it fetched. */
  navSold = 0
  saleProceeds = 0
  // this quarter
  fundable = 0
  investQ = 0
  initialQ = 0
  proceedsQ = 0
  carryQ = 0
  feeQ = 0
  call = 0
  callInvest = 0
  distributable = 0
  lp = 0
  gp = 0
  last = false

  constructor(run: ResolvedRun) {
    this.terms = booksTerms(run)
  }

  resetTrial(run: ResolvedRun): void {
    this.unfunded = this.terms.size
    this.cash = 0
    this.recycled = 0
    this.reserveLeft = run.reserveStart
    this.nav = 0
    this.investedLive = 0
    this.paidIn = 0
    this.lpDist = 0
    this.gpCarry = 0
    this.carryOwed = 0
    this.gpUpside = 0
    this.gpUpsideBefore = 0
    this.fees = 0
    this.feeArrears = 0
    this.totalDistributed = 0
    this.breakEven = Number.NaN
    this.mobilisedEntry = 0
    this.mobilisedLife = 0
    this.idle = 0
    this.plannedCum = 0
    this.actualCum = 0
    this.endQ = run.lifeQuarters
    // a reforecast's holdings take the first company slots; the books never deploy them
    this.dealPtr = run.reforecast ? run.reforecast.holdings : 0
    this.plannedPtr = this.dealPtr
    this.trancheNext = 0
    this.trancheTarget = 0
    this.cashIncome = 0
    this.calledAt2y = 0
    this.extensions = 0
    this.navSold = 0
    this.saleProceeds = 0
    this.snap.at = -1
    this.snap.paidIn = 0
    this.snap.lpDist = 0
    this.snap.nav = 0
    this.snap.lpNav = 0
    this.snap.gross = 0
    this.snap.invested = 0
    this.snap.fees = 0
    this.snap.carry = 0
  }

  beginQuarter(): void {
    this.investQ = 0
    this.initialQ = 0
    this.proceedsQ = 0
    this.carryQ = 0
    this.feeQ = 0
    this.call = 0
    this.callInvest = 0
    this.distributable = 0
    this.lp = 0
    this.gp = 0
  }
}
