import type { SimulationConfig } from '../schema/config.ts'
import type { ExpressionContext } from './expression.ts'

export const contextOf = (config: SimulationConfig): ExpressionContext => ({ classes: config.lpClasses.map((c) => c.id) })

/** Progress of a decision job: trials finished and the trials it plans to run (which may grow). */
export type DecideProgress = (done: number, total: number) => void
