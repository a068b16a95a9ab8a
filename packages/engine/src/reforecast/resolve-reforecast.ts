import type { DealSlot } from '../model/construction.ts'
import type { StackTerms } from '../model/deal-terms.ts'
import { MAX_AGE } from '../model/hazards.ts'
import { CAPPED, FULL, NON_PARTICIPATING } from '../model/preference-stack.ts'
import { C } from '../run/metric-ids.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { REGIME_IDS, ROUND_IDS, type EntryStageId, type RoundId } from '../schema/ids.ts'
import type { HoldingCompany, Reforecast } from '../schema/reforecast.ts'
import { compareDates, dayNumber, fundQuarterOf, parseDate, type CalendarDate } from './dates.ts'

/** Holding status codes of `ResolvedReforecast.status`. */
export const HOLDING_ACTIVE = 0
export const HOLDING_EXITED = 1
export const HOLDING_WRITTEN_OFF = 2

/** Stage a holding is reported in, by its current round (seed; A and B early; C and later growth). */
export const STAGE_OF_ROUND: Record<RoundId, EntryStageId> = { seed: 'seed', a: 'early', b: 'early', c: 'growth', late: 'growth' }
const EXIT_COUNT = { sale: C.acquisitions, listing: C.listings, transfer: C.transfers, buy_back: C.buyBacks } as const
const PARTICIPATION = { none: NON_PARTICIPATING, capped: CAPPED, full: FULL } as const
const QUARTER_DAYS = 365.25 / 4

/**
 * A reforecast read once per run. Holdings take the first `holdings` company slots of the run;
 * quarters before `asOfQuarter` are history, identical in every trial.
 */
export interface ResolvedReforecast {
  asOfQuarter: number
  holdings: number
  status: Int8Array
  ownership: Float64Array
  post: Float64Array
  /** Operational quarters since the current round at the start of quarter `asOfQuarter`. */
  startAge: Float64Array
  entryQuarter: Int32Array
  /** Count metric an exited or written-off holding adds (−1 for an active one). */
  countMetric: Int32Array
  proceeds: Float64Array
  /** Preference terms of a holding that names its own (null: the config's). */
  terms: Array<StackTerms | null>
  /** History per quarter (length asOfQuarter): the fund's flows, the reported NAV (NaN: none),
   * and the companies' costs (at entry) and exit proceeds (at exit) for the gross cash flows. */
  calls: Float64Array
  distributions: Float64Array
  fees: Float64Array
  carry: Float64Array
  nav: Float64Array
  investedAt: Float64Array
  proceedsAt: Float64Array
  /** Cash at the fund at the reforecast date, and proceeds recycled into investments so far. */
  cash: number
  recycled: number
  paidIn: number
  /** Cost of the active holdings. */
  liveCost: number
  /** The run's company slots of the holdings (quarter −1: they are not deployed by the books). */
  slots: DealSlot[]
  /** Initial regime at the reforecast date (−1: the market's own setting). */
  regime: number
}

const dateOf = (text: string): CalendarDate => parseDate(text)!

/** Fund quarters of history at a reforecast date: the quarter holding `asOf` counts as history
 * (use a quarter's last day), none on the fund's first day. */
export function reforecastQuarter(r: Pick<Reforecast, 'fundStart' | 'asOf'>): number {
  const start = parseDate(r.fundStart)
  const asOf = parseDate(r.asOf)
  if (!start || !asOf || compareDates(asOf, start) <= 0) return 0
  return fundQuarterOf(start, asOf) + 1
}

function holdingTerms(c: HoldingCompany, base: StackTerms, round: number): StackTerms | null {
  if (c.preferenceMultiple === undefined && c.participation === undefined && c.participationCap === undefined && c.seniority === undefined) return null
  const t: StackTerms = { multiple: base.multiple.slice(), participation: base.participation.slice(), cap: base.cap.slice(), rank: base.rank.slice(), simple: false }
  if (c.preferenceMultiple !== undefined) t.multiple[round] = c.preferenceMultiple
  if (c.participation !== undefined) t.participation[round] = PARTICIPATION[c.participation]
  if (c.participationCap !== undefined) t.cap[round] = c.participationCap
  if (c.seniority !== undefined) t.rank[round] = c.seniority === 'stacked' ? round : 0
  return t
}

/** The reforecast of a config that passed its rules (dates are real and in order). */
export function resolveReforecast(config: SimulationConfig, stack: StackTerms): ResolvedReforecast {
  const r = config.reforecast!
  const start = dateOf(r.fundStart)
  const A = reforecastQuarter(r)
  const companies = r.holdings.companies
  const h = companies.length
  const clampHistory = (q: number) => Math.max(0, Math.min(A - 1, q))
  const out: ResolvedReforecast = {
    asOfQuarter: A,
    holdings: h,
    status: new Int8Array(h),
    ownership: new Float64Array(h),
    post: new Float64Array(h),
    startAge: new Float64Array(h),
    entryQuarter: new Int32Array(h),
    countMetric: new Int32Array(h).fill(-1),
    proceeds: new Float64Array(h),
    terms: [],
    calls: new Float64Array(A),
    distributions: new Float64Array(A),
    fees: new Float64Array(A),
    carry: new Float64Array(A),
    nav: new Float64Array(A).fill(Number.NaN),
    investedAt: new Float64Array(A),
    proceedsAt: new Float64Array(A),
    cash: 0,
    recycled: 0,
    paidIn: 0,
    liveCost: 0,
    slots: [],
    regime: r.regime === undefined ? -1 : REGIME_IDS.indexOf(r.regime),
  }
  let invested = 0
  let proceeds = 0
  companies.forEach((c, i) => {
    const round = ROUND_IDS.indexOf(c.round)
    const status = c.status === 'active' ? HOLDING_ACTIVE : c.status === 'exited' ? HOLDING_EXITED : HOLDING_WRITTEN_OFF
    out.status[i] = status
    out.ownership[i] = c.ownership
    out.post[i] = c.postMoney
    const lastRound = (dayNumber(dateOf(c.lastRoundDate)) - dayNumber(start)) / QUARTER_DAYS
    out.startAge[i] = Math.min(MAX_AGE - 2, Math.max(0, A - lastRound))
    const entry = clampHistory(fundQuarterOf(start, dateOf(c.entryDate ?? c.lastRoundDate)))
    out.entryQuarter[i] = entry
    out.terms.push(holdingTerms(c, stack, round))
    if (A > 0) out.investedAt[entry]! += c.invested
    if (status !== HOLDING_ACTIVE) {
      const p = status === HOLDING_EXITED ? (c.proceeds ?? 0) : 0
      out.proceeds[i] = p
      out.countMetric[i] = status === HOLDING_EXITED ? EXIT_COUNT[c.exitRoute ?? 'sale'] : C.writeOffs
      if (A > 0) out.proceedsAt[c.exitDate ? clampHistory(fundQuarterOf(start, dateOf(c.exitDate))) : A - 1]! += p
    }
    invested += c.invested
    proceeds += out.proceeds[i]!
    if (status === HOLDING_ACTIVE) out.liveCost += c.invested
    out.slots.push({ sector: c.sector, stage: c.entryStage ?? STAGE_OF_ROUND[c.round], round, cheque: c.invested, quarter: -1 })
  })
  let spent = invested
  for (const f of r.holdings.cashFlows) {
    const q = clampHistory(fundQuarterOf(start, dateOf(f.date)))
    if (A === 0) continue
    out.calls[q]! += f.calls
    out.distributions[q]! += f.distributions
    out.fees[q]! += f.fees
    out.carry[q]! += f.carry ?? 0
    if (f.nav !== undefined) out.nav[q] = f.nav
  }
  for (let q = 0; q < A; q++) {
    out.paidIn += out.calls[q]!
    spent += out.fees[q]! + out.distributions[q]! + out.carry[q]!
  }
  out.cash = Math.max(0, out.paidIn + proceeds - spent)
  out.recycled = Math.max(0, invested + sumOf(out.fees) - out.paidIn)
  return out
}

const sumOf = (a: Float64Array): number => a.reduce((x, y) => x + y, 0)
