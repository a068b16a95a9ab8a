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
  if (p.redeploy) {
    redeployingPipeline(p, n, rng, out, investQuarters, flow)
    return
  }
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
  // production follows a start after `produceLagQuarters`; every started company is drawn (unless
  // production is read from the companies' paths, model/producing.ts)
  if (!p.producingStage) flow.producing = binomial(rng, next, p.produceRate)
  for (; next < n; next++) out[next] = -1
}

/**
 * The pipeline with redeployment: each quarter plans at least `plannedPerQuarter` deals, and more
 * while the cheques still to place exceed what the batches in flight are expected to start, spread
 * over the quarters whose batches can still start before the investment period ends. Capital a dry
 * batch could not place is thus planned for again in later batches.
 */
function redeployingPipeline(p: SimulationConfig['strategy']['pipeline'], n: number, rng: Rng, out: Int32Array, investQuarters: number, flow: DealFlowResult): void {
  const base = Math.round(p.plannedPerQuarter)
  const lag = p.reserveLagQuarters + p.startLagQuarters
  const span = investQuarters + lag + 1
  const reservedAt = new Int32Array(span)
  const conversion = p.reserveRate * p.startRate
  let next = 0
  for (let q = 0; q < investQuarters; q++) {
    // batches in flight: reserved (drawn when planned) but not started before this quarter
    let inFlight = 0
    for (let t = Math.max(0, q - p.startLagQuarters); t < span; t++) inFlight += reservedAt[t]! * p.startRate
    const need = n - next - inFlight
    const left = investQuarters - lag - q
    const extra = left > 0 && conversion > 0 && need > 0 ? Math.ceil(need / (conversion * left)) : 0
    const batch = Math.min(500, Math.max(base, extra))
    flow.planned += batch
    reservedAt[q + p.reserveLagQuarters]! += binomial(rng, batch, p.reserveRate)
    const s = q - p.startLagQuarters
    if (s >= 0) {
      const starts = binomial(rng, reservedAt[s]!, p.startRate)
      flow.reserved += reservedAt[s]!
      for (let k = 0; k < starts && next < n; k++) out[next++] = q
    }
  }
  flow.started = next
  if (!p.producingStage) flow.producing = binomial(rng, next, p.produceRate)
  for (; next < n; next++) out[next] = -1
}
