import type { EntryStageId } from '../schema/ids.ts'
import type { Probability } from '../stats/describe.ts'

/** The middle of a distribution: median and the 10th–90th percentile band, with the mean. */
export interface Band {
  p10: number
  p50: number
  p90: number
  mean: number
}

/** An actual figure beside what the plan's trials had by the same date (null at day 0). */
export interface ToDate {
  actual: number
  plan: Band | null
}

export interface PlanVsActual {
  asOf: string
  /** Fund quarters of history. */
  asOfQuarter: number
  toDate: {
    /** Shares of commitments: called, invested in companies. */
    paidIn: ToDate
    invested: ToDate
    /** NAV over paid-in (actual: the active holdings at their last post-money, before carry). */
    rvpi: ToDate
    dpi: ToDate
    tvpi: ToDate
    /** Companies backed by stage: actual by the stage of each holding's current round (seed; A and B
     * early; C and later growth), plan by the stage of the first cheques it had written by the date. */
    companies: Record<EntryStageId, { actual: number; plan: number }>
  }
  /** The whole life: the reforecast's distribution against the plan's. */
  forward: {
    netTvpi: { plan: Band; reforecast: Band }
    dpi: { plan: Band; reforecast: Band }
    netIrr: { plan: Band | null; reforecast: Band | null }
    probLoss: { plan: Probability; reforecast: Probability }
  }
}
