import { resolveRun, type ResolvedRun } from '../model/resolve.ts'
import type { SimulationConfig } from '../schema/config.ts'
import type { ChunkResult } from './chunk.ts'
import { runResolved, type RunOptions } from './simulate.ts'
import { summarise, summarisedColumns, type RunResult } from './summarise.ts'

export interface PairedDifference {
  /** Mean of (a − b) over the trials where both are defined. */
  mean: number
  se: number
  ci95: [number, number]
  n: number
}

export interface Comparison {
  a: number
  b: number
  netTvpi: PairedDifference
  netIrr: PairedDifference
  /** Share of trials in which a's net TVPI is above b's (ties count half). */
  probABeatsB: { value: number; se: number }
}

export interface ComparisonResult {
  seed: string
  trials: number
  runs: RunResult[]
  pairs: Comparison[]
}

function paired(a: Float64Array, b: Float64Array): PairedDifference {
  let n = 0
  let mean = 0
  let m2 = 0
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! - b[i]!
    if (!Number.isFinite(x)) continue
    n++
    const d = x - mean
    mean += d / n
    m2 += d * (x - mean)
  }
  const se = n > 1 ? Math.sqrt(m2 / (n - 1) / n) : 0
  return { mean, se, ci95: [mean - 1.96 * se, mean + 1.96 * se], n }
}

export function compareChunks(a: ChunkResult, b: ChunkResult, ia: number, ib: number): Comparison {
  let wins = 0
  const n = a.values.netTvpi.length
  for (let i = 0; i < n; i++) {
    const x = a.values.netTvpi[i]!
    const y = b.values.netTvpi[i]!
    wins += x > y ? 1 : x === y ? 0.5 : 0
  }
  const p = n ? wins / n : 0
  return {
    a: ia,
    b: ib,
    netTvpi: paired(a.values.netTvpi, b.values.netTvpi),
    netIrr: paired(a.values.netIrr, b.values.netIrr),
    probABeatsB: { value: p, se: n ? Math.sqrt((p * (1 - p)) / n) : 0 },
  }
}

/** The configs with the first one's seed and trial count, so they run on common random numbers. */
export function alignForComparison(configs: SimulationConfig[]): SimulationConfig[] {
  const first = configs[0]
  if (!first) throw new RangeError('a comparison needs at least one config')
  return configs.map((c) => ({ ...c, run: { ...c.run, seed: first.run.seed, trials: first.run.trials } }))
}

/** Summaries and paired differences of aligned runs whose chunks are already merged (with at least `summarisedColumns`). */
export function comparisonFromChunks(runs: ResolvedRun[], merged: ChunkResult[]): ComparisonResult {
  const pairs: Comparison[] = []
  for (let i = 0; i < merged.length; i++) for (let j = i + 1; j < merged.length; j++) pairs.push(compareChunks(merged[i]!, merged[j]!, i, j))
  const first = runs[0]!.config
  return { seed: String(first.run.seed), trials: first.run.trials, runs: merged.map((m, i) => summarise(runs[i]!, m)), pairs }
}

/**
 * Runs several configs on the same seed and trial count (common random numbers: trial i of every
 * config sees the same market future), and reports paired differences for every pair. Progress
 * counts trials across all configs (total = trials × configs).
 */
export function compareConfigs(configs: SimulationConfig[], options: RunOptions = {}): ComparisonResult {
  const resolved = alignForComparison(configs).map(resolveRun)
  const trials = resolved[0]!.config.run.trials
  const total = trials * resolved.length
  const merged = resolved.map((r, i) =>
    runResolved(r, { ...options, columns: summarisedColumns(r), onProgress: options.onProgress ? (done) => options.onProgress!(i * trials + done, total) : undefined }),
  )
  return comparisonFromChunks(resolved, merged)
}
