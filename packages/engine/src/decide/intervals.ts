import type { TrialColumns } from './columns.ts'
import { asNumber, type Expression } from './expression.ts'
import { isPerTrialKey, perTrialValue, statValue } from './metrics.ts'

/** How an interval was computed: paired per trial (a mean or a share), or from batch means. */
export type IntervalMethod = 'per-trial' | 'batch-means'

export interface Estimate {
  value: number
  se: number
  ci95: [number, number]
  method: IntervalMethod
}

/** Two-sided 97.5% Student t quantiles for 1…30 degrees of freedom. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042]
export const t975 = (df: number): number => (df <= 0 ? Infinity : df <= 30 ? T975[df - 1]! : 1.96)

/** Batches of at least 50 trials, 20 when there are enough: contiguous trial ranges. */
export function batchesFor(trials: number): number {
  return Math.max(2, Math.min(20, Math.floor(trials / 50)))
}

/** The expression on trials [from, to) of a merged chunk. */
export function valueOn(expr: Expression, chunk: TrialColumns, from = 0, to = chunk.end - chunk.start): number {
  const values = expr.keys.map((k) => statValue(chunk, k, from, to))
  if (values.some((v) => Number.isNaN(v))) return NaN
  return asNumber(expr.evaluate(values))
}

function meanSd(xs: number[]): { mean: number; sd: number; n: number } {
  const f = xs.filter(Number.isFinite)
  const n = f.length
  const mean = n ? f.reduce((a, b) => a + b, 0) / n : NaN
  const sd = n > 1 ? Math.sqrt(f.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : NaN
  return { mean, sd, n }
}

const finish = (value: number, se: number, q: number, method: IntervalMethod): Estimate => ({
  value,
  se,
  ci95: Number.isFinite(se) ? [value - q * se, value + q * se] : [value, value],
  method,
})

/**
 * The expression's value on `a` minus its value on `b` (or on `a` alone when `b` is null), with a
 * 95% interval. Both ran on the same trials (common random numbers), so the interval is paired:
 * per trial for a lone mean or share of trials; otherwise from the spread of the paired change
 * over contiguous batches of trials (batch means, Student t on batches − 1 degrees of freedom).
 */
export function estimate(expr: Expression, a: TrialColumns, b: TrialColumns | null): Estimate {
  const n = a.end - a.start
  const value = valueOn(expr, a) - (b ? valueOn(expr, b) : 0)
  if (expr.single !== null && isPerTrialKey(expr.keys[0]!) && expr.keys.length === 1 && isIdentity(expr)) {
    const k = expr.keys[0]!
    const d: number[] = []
    for (let i = 0; i < n; i++) d.push(perTrialValue(a, k, i) - (b ? perTrialValue(b, k, i) : 0))
    const s = meanSd(d)
    return finish(value, s.sd / Math.sqrt(s.n), 1.96, 'per-trial')
  }
  const B = batchesFor(n)
  const d: number[] = []
  for (let j = 0; j < B; j++) {
    const from = Math.floor((j * n) / B)
    const to = Math.floor(((j + 1) * n) / B)
    d.push(valueOn(expr, a, from, to) - (b ? valueOn(expr, b, from, to) : 0))
  }
  const s = meanSd(d)
  return finish(value, s.sd / Math.sqrt(s.n), t975(s.n - 1), 'batch-means')
}

/** True when the expression is its one statistic unchanged (not, say, `2 * mean(x)` folded into one symbol). */
const isIdentity = (expr: Expression): boolean => expr.evaluate([0.125]) === 0.125 && expr.evaluate([7]) === 7
