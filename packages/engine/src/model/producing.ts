import { C, type TrialRecord } from '../run/metric-ids.ts'
import { ROUND_IDS } from '../schema/ids.ts'
import type { ProducingStage } from '../schema/strategy.ts'
import { ACQUIRED, LISTED, RAISE, TRANSFER } from './events.ts'
import type { ResolvedRun } from './resolve.ts'
import type { TrialWorkspace } from './workspace.ts'

/** Whether an event of a company's own path makes it "producing" (投产) for the stage. */
function reaches(stage: ProducingStage, type: number, round: number): boolean {
  if (type === LISTED) return true
  if (stage === 'exit') return type === ACQUIRED || type === TRANSFER
  if (stage === 'listed') return false
  return type === RAISE && round >= ROUND_IDS.indexOf(stage)
}

/**
 * 投产 from the companies' own paths: a company the fund backed is producing from the first quarter
 * after its entry, and before the fund ended, in which it raises a round at or beyond
 * `strategy.pipeline.producingStage` or lists ("listed": only a listing; "exit": a listing, a trade
 * sale or a share transfer). Sets the `dealsProducing` count and the yearly `producing` series
 * (companies that became producing in each fund year).
 */
export function countProducing(run: ResolvedRun, ws: TrialWorkspace, out: TrialRecord): void {
  const stage = run.config.strategy.pipeline.producingStage
  if (!stage || run.yearSeries[0] !== 'producing') return
  const at = ws.producedAt
  at.fill(-1)
  const ev = ws.events
  const end = out.endQuarter
  for (let e = 0; e < ev.length; e++) {
    const c = ev.company[e]!
    const q = ev.quarter[e]!
    if (!(ws.invested[c]! > 0) || q < ws.entryQuarter[c]! || q >= end) continue
    if ((at[c]! < 0 || q < at[c]!) && reaches(stage, ev.type[e]!, ev.round[e]!)) at[c] = q
  }
  const series = out.series
  series.fill(0)
  let producing = 0
  for (let c = 0; c < at.length; c++) {
    if (at[c]! < 0) continue
    producing++
    series[at[c]! >> 2]! += 1
  }
  out.counts[C.dealsProducing] = Math.min(65535, producing)
}
