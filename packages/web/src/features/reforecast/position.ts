import type { ToDate } from '@pcsim/engine'

export type Position = 'below' | 'within' | 'above'

/** Where an actual figure falls against the plan's P10–P90 band by the same date (null when the plan has none: day 0). */
export const positionOf = (x: ToDate): Position | null => (!x.plan ? null : x.actual < x.plan.p10 ? 'below' : x.actual > x.plan.p90 ? 'above' : 'within')
