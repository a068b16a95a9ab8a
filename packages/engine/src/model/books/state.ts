import { C } from '../../run/metric-ids.ts'
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
  /** Share of NAV kept when holdings left at the end of life are sold. */
  keep: number
  recycleCap: number
  carryRate: number
  american: boolean
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
    keep: 1 - fund.endOfLifeDiscount,
    recycleCap: fund.recycling.cap * fund.size,
    carryRate: fund.carry.rate,
    american: fund.carry.waterfall === 'american',
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
    this.reserveLeft = run.construction.reserveBudget
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
    this.dealPtr = 0
    this.plannedPtr = 0
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
