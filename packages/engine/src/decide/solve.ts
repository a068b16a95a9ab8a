import type { TrialColumns } from './columns.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { contextOf, type DecideProgress } from './context.ts'
import { locate } from './errors.ts'
import { compileTarget, type Target } from './expression.ts'
import { estimate, valueOn } from './intervals.ts'
import { findLever, parseRange } from './levers.ts'
import { onSeed, type AbortLike, type RunTrials } from './trials.ts'

export interface SolveRequest {
  config: SimulationConfig
  lever: string
  target: string
  /** `low:high`; the lever's default range when omitted. */
  range?: string
  /** Evaluations after the first grid (default 10). */
  iterations?: number
  signal?: AbortLike
  onProgress?: DecideProgress
}

export interface SolveEvaluation {
  value: number
  /** Left side minus right side of the target. */
  gap: number
  lhs: number
}

export interface SolveResult {
  lever: string
  target: string
  sense: Target['sense']
  range: [number, number]
  seed: string
  trials: number
  /** `solved`: the target's two sides meet at `value`; `unreachable`: nowhere in the range; `always`: an
   * inequality that holds over the whole range. */
  status: 'solved' | 'unreachable' | 'always'
  value: number | null
  ci95: [number, number] | null
  /** For inequalities: the target holds with the lever at least (or at most) `value`. */
  direction: 'atLeast' | 'atMost' | null
  current: number
  /** The target's left side now and at the answer (or at the closest approach when unreachable). */
  lhsNow: number
  lhsAtValue: number
  /** The variant at the answer, ready to load into the builder. */
  config: SimulationConfig | null
  evaluations: SolveEvaluation[]
  method: string
}

const GRID = 5

export const SOLVE_METHOD =
  'root-finding on common random numbers: the gap (left side − right side) is evaluated on the same trials at 5 points over the range, then the bracket nearest the current value is narrowed by regula falsi (Illinois); the interval is the gap\'s paired standard error at the answer divided by the slope of the bracket (delta method)'

/** "What you need to believe": the lever value at which the target holds, on the base run's random numbers. */
export async function runSolve(req: SolveRequest, run: RunTrials): Promise<SolveResult> {
  const base = req.config
  const target = compileTarget(req.target, contextOf(base), '/target')
  const found = locate('/lever', () => findLever(base, req.lever))
  const lever = { ...found, apply: (v: number) => locate('/lever', () => found.apply(v)) }
  const [lo, hi] = req.range ? locate('/range', () => parseRange(req.range!, false).filter((_, i, a) => i === 0 || i === a.length - 1) as [number, number]) : lever.range
  const trials = base.run.trials
  const iterations = req.iterations ?? 10
  const total = () => trials * (GRID + iterations + 2)
  let done = 0
  const cache = new Map<number, { gap: number; lhs: number; chunk: TrialColumns; config: SimulationConfig }>()
  const evaluate = async (values: number[]) => {
    const fresh = [...new Set(values)].filter((v) => !cache.has(v))
    if (fresh.length === 0) return
    const configs = fresh.map((v) => onSeed(lever.apply(v), base.run.seed, trials))
    const before = done
    const chunks = await run(configs, 0, trials, {
      ...(req.signal ? { signal: req.signal } : {}),
      onProgress: (d) => req.onProgress?.(before + d, total()),
    })
    done += fresh.length * trials
    fresh.forEach((v, i) => cache.set(v, { gap: valueOn(target.gap, chunks[i]!), lhs: valueOn(target.lhs, chunks[i]!), chunk: chunks[i]!, config: configs[i]! }))
  }
  const round = (v: number) => (lever.integer ? Math.round(v) : v)
  const grid = [...new Set(Array.from({ length: GRID }, (_, i) => round(lo + ((hi - lo) * i) / (GRID - 1))))]
  const current = lever.current
  await evaluate(current >= lo && current <= hi ? [...grid, round(current)] : grid)
  const at = (v: number) => cache.get(v)!
  const holds = (gap: number) => (target.sense === '=' ? gap === 0 : target.sense === '<=' ? gap <= 0 : gap >= 0)
  const points = [...cache.keys()].sort((a, b) => a - b)
  const brackets: Array<[number, number]> = []
  for (let i = 0; i + 1 < points.length; i++) {
    const a = at(points[i]!).gap
    const b = at(points[i + 1]!).gap
    if (Number.isFinite(a) && Number.isFinite(b) && (a === 0 || Math.sign(a) !== Math.sign(b))) brackets.push([points[i]!, points[i + 1]!])
  }
  const lhsNow = cache.get(round(current))?.lhs ?? NaN
  const evaluations = () => [...cache.entries()].sort((a, b) => a[0] - b[0]).map(([value, e]) => ({ value, gap: e.gap, lhs: e.lhs }))
  const common = { lever: lever.id, target: req.target, sense: target.sense, range: [lo, hi] as [number, number], seed: String(base.run.seed), trials, current, lhsNow, method: SOLVE_METHOD }
  if (brackets.length === 0) {
    const all = points.map((p) => at(p))
    if (target.sense !== '=' && all.every((e) => holds(e.gap)))
      return { ...common, status: 'always', value: null, ci95: null, direction: null, lhsAtValue: lhsNow, config: null, evaluations: evaluations() }
    const closest = points.reduce((best, p) => (Math.abs(at(p).gap) < Math.abs(at(best).gap) ? p : best), points[0]!)
    return { ...common, status: 'unreachable', value: null, ci95: null, direction: null, lhsAtValue: at(closest).lhs, config: null, evaluations: evaluations() }
  }
  // The bracket nearest the current value, narrowed by the Illinois variant of regula falsi.
  let [a, b] = brackets.reduce((best, br) => (dist(br, current) < dist(best, current) ? br : best), brackets[0]!)
  let ga = at(a).gap
  let gb = at(b).gap
  let side = 0
  const tolerance = lever.integer ? 1 : (hi - lo) * 1e-4
  for (let it = 0; it < iterations && Math.abs(b - a) > tolerance && ga !== 0 && gb !== 0; it++) {
    let x = round(b - (gb * (b - a)) / (gb - ga))
    if (!(x > Math.min(a, b) && x < Math.max(a, b)) || cache.has(x)) x = round((a + b) / 2)
    if (x === a || x === b) break
    await evaluate([x])
    const gx = at(x).gap
    if (!Number.isFinite(gx)) break
    if (Math.sign(gx) === Math.sign(gb)) {
      b = x
      gb = gx
      if (side === -1) ga /= 2
      side = -1
    } else {
      a = x
      ga = gx
      if (side === 1) gb /= 2
      side = 1
    }
  }
  const slope = (at(b).gap - at(a).gap) / (b - a)
  const value = lever.integer ? (Math.abs(at(a).gap) <= Math.abs(at(b).gap) ? a : b) : Math.abs(at(a).gap) === 0 ? a : Math.abs(at(b).gap) === 0 ? b : round(a - (at(a).gap * (b - a)) / (at(b).gap - at(a).gap))
  await evaluate([value])
  const e = estimate(target.gap, at(value).chunk, null)
  const halfWidth = Math.abs(e.ci95[1] - e.value) / Math.abs(slope)
  const ci95: [number, number] = Number.isFinite(halfWidth) ? [Math.max(lo, value - halfWidth), Math.min(hi, value + halfWidth)] : [lo, hi]
  const direction = target.sense === '=' ? null : holds(at(Math.max(a, b)).gap) ? 'atLeast' : 'atMost'
  return { ...common, status: 'solved', value, ci95, direction, lhsAtValue: at(value).lhs, config: at(value).config, evaluations: evaluations() }
}

const dist = ([a, b]: [number, number], x: number) => Math.min(Math.abs(a - x), Math.abs(b - x))
