import type { TrialColumns } from './columns.ts'
import { CLASS_METRICS, COUNT_METRICS, VALUE_METRICS } from '../run/metric-ids.ts'
import { quantileSorted } from '../stats/describe.ts'

/** Per-trial metrics an expression can summarise: `p50(netTvpi)`, `mean(deployment)`, `companies`. */
export const SAMPLE_METRICS: readonly string[] = [...VALUE_METRICS, ...COUNT_METRICS]
export const CLASS_SAMPLE_METRICS: readonly string[] = CLASS_METRICS

/** Summaries of the whole run that are names of their own (`probLoss <= 0.3`). */
export const SCALAR_METRICS = ['probLoss', 'prob2x', 'prob3x', 'prob5x', 'probOneDeal', 'var95', 'var99', 'cvar95', 'cvar99'] as const
export type ScalarMetric = (typeof SCALAR_METRICS)[number]
/** Of these, the shares of trials (estimated per trial, so paired per trial). */
const PROBABILITY_SCALARS = new Set<string>(['probLoss', 'prob2x', 'prob3x', 'prob5x', 'probOneDeal'])

/** Statistics of a per-trial metric: `mean`, `sd`, and `p1` … `p99` (percentiles). */
export const STAT_FUNCTIONS = ['mean', 'sd', 'p1..p99'] as const
export const isStatFunction = (name: string): boolean => name === 'mean' || name === 'sd' || /^p([1-9]|[1-9][0-9])$/.test(name)

/** One number an expression reads off a run; `cls` is an LP class index for class-level metrics. */
export type StatKey =
  | { kind: 'stat'; stat: string; metric: string; cls?: number }
  | { kind: 'scalar'; name: ScalarMetric; cls?: number }

export const keyId = (k: StatKey): string => (k.kind === 'stat' ? `${k.cls ?? ''}|${k.stat}|${k.metric}` : `${k.cls ?? ''}|${k.name}`)

/** True when the key is a mean or a share of trials, so a paired difference per trial estimates it. */
export const isPerTrialKey = (k: StatKey): boolean => (k.kind === 'stat' ? k.stat === 'mean' : PROBABILITY_SCALARS.has(k.name))

function column(chunk: TrialColumns, metric: string, cls: number | undefined): ArrayLike<number> {
  if (cls !== undefined) return chunk.classes[cls]![CLASS_METRICS.indexOf(metric as (typeof CLASS_METRICS)[number])]!
  if (metric in chunk.values) return chunk.values[metric as keyof TrialColumns['values']]
  return chunk.counts[metric as keyof TrialColumns['counts']]
}

const tvpiColumn = (chunk: TrialColumns, cls: number | undefined): ArrayLike<number> => column(chunk, 'netTvpi', cls)

function sortedSlice(a: ArrayLike<number>, from: number, to: number): Float64Array {
  let n = 0
  for (let i = from; i < to; i++) if (Number.isFinite(a[i]!)) n++
  const out = new Float64Array(n)
  n = 0
  for (let i = from; i < to; i++) if (Number.isFinite(a[i]!)) out[n++] = a[i]!
  return out.sort()
}

/** Value of trial i's contribution to a per-trial key (NaN where the metric does not exist). */
export function perTrialValue(chunk: TrialColumns, k: StatKey, i: number): number {
  if (k.kind === 'stat') return column(chunk, k.metric, k.cls)[i]!
  // One company alone returned the fund (the fund level only: classes have no deals of their own).
  if (k.name === 'probOneDeal') return chunk.values.dealsToReturnFund[i] === 1 ? 1 : 0
  const x = tvpiColumn(chunk, k.cls)[i]!
  if (!Number.isFinite(x)) return NaN
  const threshold = k.name === 'probLoss' ? 1 : k.name === 'prob2x' ? 2 : k.name === 'prob3x' ? 3 : 5
  return (k.name === 'probLoss' ? x < threshold : x >= threshold) ? 1 : 0
}

/** The key's value over trials [from, to) of a merged chunk (indices relative to the chunk). */
export function statValue(chunk: TrialColumns, k: StatKey, from: number, to: number): number {
  if (isPerTrialKey(k)) {
    let n = 0
    let sum = 0
    for (let i = from; i < to; i++) {
      const x = perTrialValue(chunk, k, i)
      if (Number.isFinite(x)) {
        n++
        sum += x
      }
    }
    return n ? sum / n : NaN
  }
  if (k.kind === 'stat') {
    const sorted = sortedSlice(column(chunk, k.metric, k.cls), from, to)
    if (sorted.length === 0) return NaN
    if (k.stat === 'sd') {
      let mean = 0
      for (let i = 0; i < sorted.length; i++) mean += (sorted[i]! - mean) / (i + 1)
      let ss = 0
      for (let i = 0; i < sorted.length; i++) ss += (sorted[i]! - mean) ** 2
      return sorted.length > 1 ? Math.sqrt(ss / (sorted.length - 1)) : 0
    }
    return quantileSorted(sorted, Number(k.stat.slice(1)) / 100)
  }
  // Value at risk and its conditional mean: loss per unit paid in at the lower tail of net TVPI.
  const sorted = sortedSlice(tvpiColumn(chunk, k.cls), from, to)
  if (sorted.length === 0) return NaN
  const tail = k.name.endsWith('95') ? 0.05 : 0.01
  if (k.name.startsWith('var')) return 1 - quantileSorted(sorted, tail)
  const m = Math.max(1, Math.floor(sorted.length * tail))
  let sum = 0
  for (let i = 0; i < m; i++) sum += sorted[i]!
  return 1 - sum / m
}
