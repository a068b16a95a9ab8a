import type { Rng } from '../random/rng.ts'
import type { SimulationConfig } from '../schema/config.ts'

export interface DealFlowResult {
  /** Deals planned, reserved, started and producing over the investment period. */
  planned: number
  reserved: number
  started: number
  producing: number
}

function binomial(rng: Rng, n: number, p: number): number {
  let k = 0
  for (let i = 0; i < n; i++) if (rng.uniform() < p) k++
  return k
}

/**
 * The rolling pipeline (谋划一批、储备一批、开工一批、投产一批). Each quarter of the investment period
 * plans `plannedPerQuarter` deals; after the lags, a binomial share of them is reserved, then
 * started, then producing. The i-th started deal fills the i-th cheque of the construction, so the
 * pipeline limits how fast money goes out; cheques with no started deal by the end of the investment
 * period are never written (quarter −1). With the pipeline off, cheques keep the planned schedule.
 */
export function scheduleDeals(config: SimulationConfig, planned: Int32Array, rng: Rng, out: Int32Array, investQuarters: number, flow: DealFlowResult): void {
  const p = config.strategy.pipeline
  flow.planned = flow.reserved = flow.started = flow.producing = 0
  if (!p.enabled) {
    out.set(planned)
    return
  }
  const n = planned.length
  let next = 0
  const plannedPerQuarter = Math.round(p.plannedPerQuarter)
  const reserved = new Int32Array(investQuarters + p.reserveLagQuarters + 1)
  const started = new Int32Array(investQuarters + p.reserveLagQuarters + p.startLagQuarters + 2)
  for (let q = 0; q < investQuarters; q++) {
    flow.planned += plannedPerQuarter
    reserved[q + p.reserveLagQuarters]! += binomial(rng, plannedPerQuarter, p.reserveRate)
  }
  for (let q = 0; q < reserved.length; q++) started[q + p.startLagQuarters]! += binomial(rng, reserved[q]!, p.startRate)
  for (let q = 0; q < investQuarters; q++) {
    flow.reserved += reserved[q]!
    for (let k = 0; k < started[q]! && next < n; k++) out[next++] = q
  }
  flow.started = next
  // production follows a start after `produceLagQuarters`; every started company is drawn
  flow.producing = binomial(rng, next, p.produceRate)
  for (; next < n; next++) out[next] = -1
}
