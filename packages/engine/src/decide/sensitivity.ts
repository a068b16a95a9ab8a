import type { SimulationConfig } from '../schema/config.ts'
import { contextOf, type DecideProgress } from './context.ts'
import { locate } from './errors.ts'
import { compileNumber, type Expression } from './expression.ts'
import { estimate, valueOn, type Estimate, type IntervalMethod } from './intervals.ts'
import { findLever, parseRange } from './levers.ts'
import { onSeed, type AbortLike, type RunTrials, type TrialsOptions } from './trials.ts'

export interface SensitivityRequest {
  config: SimulationConfig
  /** `<pointer|lever>=<low>:<high>[:<steps>]`, or already split. */
  vary: Array<string | { lever: string; range: string }>
  metrics: string[]
  signal?: AbortLike
  onProgress?: DecideProgress
}

export interface MetricChange extends Estimate {
  metric: string
  /** The metric's value in the variant. */
  level: number
}

export interface SensitivityPoint {
  value: number
  changes: MetricChange[]
  /** The variant, ready to load into the builder. */
  config: SimulationConfig
}

export interface SensitivityLever {
  lever: string
  current: number
  points: SensitivityPoint[]
}

export interface TornadoBar {
  lever: string
  low: number
  high: number
  lowChange: Estimate
  highChange: Estimate
  /** Largest minus smallest change over the lever's range: what the bars are sorted by. */
  swing: number
}

export interface SensitivityResult {
  seed: string
  trials: number
  method: { crn: string; intervals: Record<IntervalMethod, string> }
  base: Array<{ metric: string } & Estimate>
  levers: SensitivityLever[]
  /** Per metric, the levers sorted by swing, largest first. */
  tornado: Array<{ metric: string; bars: TornadoBar[] }>
}

export const METHOD_TEXT = {
  crn: 'every variant runs on the base run\'s seed and trial count: trial i of each sees the same market and company draws (common random numbers)',
  intervals: {
    'per-trial': 'a lone mean or share of trials: mean ± 1.96 standard errors of the per-trial paired differences',
    'batch-means': 'any other expression (percentiles, VaR, combinations): the trials split into up to 20 contiguous batches; the standard error of the change is the spread of the per-batch paired changes over √batches, with a Student t quantile',
  },
} as const

export function splitVary(v: string | { lever: string; range: string }): { lever: string; range: string } {
  if (typeof v !== 'string') return v
  const at = v.lastIndexOf('=')
  return at > 0 ? { lever: v.slice(0, at), range: v.slice(at + 1) } : { lever: v, range: '' }
}

/** One-at-a-time sensitivity on common random numbers, with paired intervals, sorted by size. */
export async function runSensitivity(req: SensitivityRequest, run: RunTrials): Promise<SensitivityResult> {
  const base = req.config
  const ctx = contextOf(base)
  const metrics: Expression[] = req.metrics.map((m, i) => compileNumber(m, ctx, `/metrics/${i}`))
  const plan = req.vary.map(splitVary).map(({ lever, range }, i) =>
    locate(`/vary/${i}`, () => {
      const l = findLever(base, lever)
      const values = range ? parseRange(range, l.integer) : l.integer ? [Math.round(l.range[0]), Math.round(l.range[1])] : l.range
      return { lever: l, configs: values.map((v) => ({ value: v, config: onSeed(l.apply(v), base.run.seed, base.run.trials) })) }
    }),
  )
  const all = [base, ...plan.flatMap((p) => p.configs.map((c) => c.config))]
  const trials = base.run.trials
  const total = trials * all.length
  const opts: TrialsOptions = { ...(req.signal ? { signal: req.signal } : {}), onProgress: (d) => req.onProgress?.(d, total) }
  const chunks = await run(all, 0, trials, opts)
  const baseChunk = chunks[0]!
  let k = 1
  const levers: SensitivityLever[] = plan.map((p) => ({
    lever: p.lever.id,
    current: p.lever.current,
    points: p.configs.map((c) => {
      const chunk = chunks[k++]!
      return {
        value: c.value,
        config: c.config,
        changes: metrics.map((m) => ({ metric: m.source, level: valueOn(m, chunk), ...estimate(m, chunk, baseChunk) })),
      }
    }),
  }))
  const tornado = metrics.map((m, mi) => ({
    metric: m.source,
    bars: levers
      .map((l) => {
        const first = l.points[0]!
        const last = l.points[l.points.length - 1]!
        const changes = l.points.map((p) => p.changes[mi]!.value).filter(Number.isFinite)
        return {
          lever: l.lever,
          low: first.value,
          high: last.value,
          lowChange: strip(first.changes[mi]!),
          highChange: strip(last.changes[mi]!),
          swing: changes.length ? Math.max(0, ...changes) - Math.min(0, ...changes) : 0,
        }
      })
      .sort((a, b) => b.swing - a.swing || a.lever.localeCompare(b.lever)),
  }))
  return {
    seed: String(base.run.seed),
    trials,
    method: METHOD_TEXT,
    base: metrics.map((m) => ({ metric: m.source, ...estimate(m, baseChunk, null) })),
    levers,
    tornado,
  }
}

const strip = (c: MetricChange): Estimate => ({ value: c.value, se: c.se, ci95: c.ci95, method: c.method })
