import { appendColumns, type TrialColumns } from './columns.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { contextOf, type DecideProgress } from './context.ts'
import { DecideError } from './errors.ts'
import { compileCondition, compileNumber, type Expression } from './expression.ts'
import { estimate, valueOn, type Estimate } from './intervals.ts'
import { applyAllocation, sampleAllocations, type Allocation, type SearchSpace } from './space.ts'
import { onSeed, type AbortLike, type RunTrials } from './trials.ts'

export interface OptimiseBudget {
  /** Trials in all, over every candidate and rung and the fresh-seed check. */
  trials?: number
  /** Wall-clock seconds: no new rung starts after this (the result then depends on the machine). */
  seconds?: number
}

export interface OptimiseRequest {
  config: SimulationConfig
  space: SearchSpace
  budget: OptimiseBudget
  /** Metrics reported for the best allocation beside the objective and the frontier's two. */
  report?: string[]
  /** Trials per candidate in the first rung (default: what the trial budget allows). */
  firstTrials?: number
  /** At most this many rungs (default: halve until the finalists remain). */
  rungs?: number
  /** Candidates per call to the runner (bounds memory; default 16). */
  batch?: number
  signal?: AbortLike
  onProgress?: DecideProgress
  now?: () => number
}

export interface Candidate {
  id: number
  allocation: Allocation
  /** Trials it was evaluated on (the first `trials` of the base seed), and the last rung it reached. */
  trials: number
  rung: number
  objective: number
  feasible: boolean
  /** The frontier's two metrics. */
  frontier: [number, number]
  finalist: boolean
  /** Why the allocation could not be built, when it could not. */
  invalid?: string
}

export interface FinalistReport {
  id: number
  allocation: Allocation
  config: SimulationConfig
  /** On the search seed (the trials it was raced on) and on a fresh seed (as many new trials). */
  search: { feasible: boolean; metrics: Array<{ metric: string } & Estimate> }
  fresh: { seed: string; feasible: boolean; metrics: Array<{ metric: string } & Estimate> }
}

export interface OptimiseResult {
  seed: string
  objective: string
  goal: SearchSpace['goal']
  constraints: string | null
  rungs: Array<{ candidates: number; trials: number }>
  trialsRun: number
  stoppedBy: 'done' | 'seconds' | 'budget'
  best: FinalistReport | null
  finalists: FinalistReport[]
  frontier: { metrics: [string, string]; goals: [string, string]; points: number[] }
  candidates: Candidate[]
  method: string
}

export const OPTIMISE_METHOD =
  'Latin hypercube start (weights on the simplex within their bounds; candidate 0 is the base allocation), then successive halving on common random numbers: each rung doubles the trials of the better half (the new trials extend the same seed, so every candidate of a rung sees the same draws); feasible candidates rank first, then by the objective. The finalists are re-run on a fresh seed with as many trials and the best is chosen on those fresh results. The frontier is over feasible candidates at their last estimates.'

const MIN_TRIALS = 50

/** Survivors per rung: halve until `finalists` remain. */
export function rungSizes(candidates: number, finalists: number): number[] {
  const sizes = [candidates]
  while (sizes[sizes.length - 1]! > finalists) sizes.push(Math.max(finalists, Math.ceil(sizes[sizes.length - 1]! / 2)))
  return sizes
}

/** Trials the rungs and the fresh check cost per first-rung trial (each rung doubles the trials of its survivors). */
const costFactor = (sizes: number[], finalists: number) => sizes.reduce((a, n, r) => a + n * (r === 0 ? 1 : 2 ** (r - 1)), 0) + Math.min(finalists, sizes[sizes.length - 1]!) * 2 ** (sizes.length - 1)

/** First-rung trials per candidate so that the rungs and the fresh check fit the trial budget. */
export function firstRungTrials(candidates: number, finalists: number, budget: number, sizes = rungSizes(candidates, finalists)): number {
  const factor = costFactor(sizes, finalists)
  const t0 = Math.floor(budget / factor)
  if (t0 < MIN_TRIALS) throw new DecideError('budget_bad', { value: budget, min: MIN_TRIALS * factor }, '/budget')
  return t0
}

export function paretoFront(points: Array<{ id: number; x: number; y: number }>, goals: [string, string]): number[] {
  const sx = goals[0] === 'minimise' ? -1 : 1
  const sy = goals[1] === 'minimise' ? -1 : 1
  const ok = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
  const dominated = (p: (typeof ok)[number]) => ok.some((q) => sx * q.x >= sx * p.x && sy * q.y >= sy * p.y && (sx * q.x > sx * p.x || sy * q.y > sy * p.y))
  return ok.filter((p) => !dominated(p)).sort((a, b) => a.x - b.x || a.id - b.id).map((p) => p.id)
}

/** Allocation search on common random numbers; see OPTIMISE_METHOD. */
export async function runOptimise(req: OptimiseRequest, run: RunTrials): Promise<OptimiseResult> {
  const { config: base, space } = req
  const ctx = contextOf(base)
  const objective = compileNumber(space.objective, ctx, '/space/objective')
  const constraints = space.constraints ? compileCondition(space.constraints, ctx, '/space/constraints') : null
  const frontierExpr = space.frontier.map((f, i) => compileNumber(f.metric, ctx, `/space/frontier/${i}/metric`)) as [Expression, Expression]
  const report = [...new Set([space.objective, ...space.frontier.map((f) => f.metric), ...(req.report ?? ['mean(netTvpi)', 'p50(netTvpi)', 'probLoss', 'p50(netIrr)', 'mean(deployment)'])])].map((m, i) =>
    compileNumber(m, ctx, `/report/${i}`),
  )
  const seed = String(base.run.seed)
  const sizes = rungSizes(space.candidates, space.finalists).slice(0, req.rungs ?? Infinity)
  const t0 =
    req.firstTrials ?? (req.budget.trials !== undefined ? firstRungTrials(space.candidates, space.finalists, req.budget.trials, sizes) : Math.max(MIN_TRIALS, Math.floor(base.run.trials / 4)))
  const rungTrials = sizes.map((_, r) => t0 * 2 ** r)
  const planned = sizes.reduce((a, n, r) => a + n * (rungTrials[r]! - (r ? rungTrials[r - 1]! : 0)), 0) + space.finalists * rungTrials[rungTrials.length - 1]!
  const now = req.now ?? (() => Date.now())
  const started = now()
  const batch = req.batch ?? 16
  const sign = space.goal === 'minimise' ? -1 : 1
  let trialsRun = 0

  const candidates: Candidate[] = sampleAllocations(space, base, space.candidates, seed).map((allocation, id) => ({
    id,
    allocation,
    trials: 0,
    rung: -1,
    objective: NaN,
    feasible: false,
    frontier: [NaN, NaN],
    finalist: false,
  }))
  const configs = new Map<number, SimulationConfig>()
  for (const c of candidates) {
    try {
      configs.set(c.id, applyAllocation(base, c.allocation))
    } catch (error) {
      if (!(error instanceof DecideError)) throw error
      c.invalid = error.text.en
    }
  }
  const chunks = new Map<number, TrialColumns>()
  const runRange = async (ids: number[], from: number, to: number, configOf: (id: number) => SimulationConfig, into: Map<number, TrialColumns>) => {
    for (let i = 0; i < ids.length; i += batch) {
      const group = ids.slice(i, i + batch)
      const before = trialsRun
      const out = await run(
        group.map((id) => configOf(id)),
        from,
        to,
        { ...(req.signal ? { signal: req.signal } : {}), onProgress: (d) => req.onProgress?.(before + d, planned) },
      )
      trialsRun += group.length * (to - from)
      req.onProgress?.(trialsRun, planned)
      group.forEach((id, k) => {
        const prev = into.get(id)
        into.set(id, prev ? appendColumns([prev, out[k]!]) : out[k]!)
      })
    }
  }
  const score = (c: Candidate) => (Number.isFinite(c.objective) ? sign * c.objective : -Infinity)
  const rank = (a: Candidate, b: Candidate) => Number(b.feasible) - Number(a.feasible) || score(b) - score(a) || a.id - b.id

  let alive = candidates.filter((c) => !c.invalid).map((c) => c.id)
  let stoppedBy: OptimiseResult['stoppedBy'] = 'done'
  const rungs: OptimiseResult['rungs'] = []
  for (let r = 0; r < sizes.length; r++) {
    if (r > 0) {
      if (req.budget.seconds !== undefined && (now() - started) / 1000 >= req.budget.seconds) {
        stoppedBy = 'seconds'
        break
      }
      const rungCost = sizes[r]! * (rungTrials[r]! - rungTrials[r - 1]!) + Math.min(space.finalists, sizes[r]!) * rungTrials[r]!
      if (req.budget.trials !== undefined && trialsRun + rungCost > req.budget.trials) {
        stoppedBy = 'budget'
        break
      }
      alive = alive
        .map((id) => candidates[id]!)
        .sort(rank)
        .slice(0, sizes[r])
        .map((c) => c.id)
    }
    const from = r ? rungTrials[r - 1]! : 0
    const to = rungTrials[r]!
    await runRange(alive, from, to, (id) => onSeed(configs.get(id)!, base.run.seed, to), chunks)
    rungs.push({ candidates: alive.length, trials: to })
    for (const id of alive) {
      const c = candidates[id]!
      const chunk = chunks.get(id)!
      c.trials = to
      c.rung = r
      c.objective = valueOn(objective, chunk)
      c.feasible = constraints ? valueOn(constraints, chunk) === 1 : true
      c.frontier = [valueOn(frontierExpr[0], chunk), valueOn(frontierExpr[1], chunk)]
    }
    // Chunks of candidates that cannot be promoted are no longer needed.
    if (r + 1 < sizes.length) {
      const keep = new Set(alive.map((id) => candidates[id]!).sort(rank).slice(0, sizes[r + 1]).map((c) => c.id))
      for (const id of alive) if (!keep.has(id)) chunks.delete(id)
    }
  }
  const finalIds = alive
    .map((id) => candidates[id]!)
    .sort(rank)
    .slice(0, space.finalists)
    .map((c) => c.id)
  finalIds.forEach((id) => (candidates[id]!.finalist = true))
  const freshSeed = `${seed}:fresh`.slice(0, 64)
  const lastTrials = rungs.length ? rungs[rungs.length - 1]!.trials : 0
  const fresh = new Map<number, TrialColumns>()
  if (finalIds.length) await runRange(finalIds, 0, lastTrials, (id) => onSeed(configs.get(id)!, freshSeed, lastTrials), fresh)
  const describeOn = (chunk: TrialColumns) => ({
    feasible: constraints ? valueOn(constraints, chunk) === 1 : true,
    metrics: report.map((m) => ({ metric: m.source, ...estimate(m, chunk, null) })),
  })
  const finalists: FinalistReport[] = finalIds.map((id) => ({
    id,
    allocation: candidates[id]!.allocation,
    config: configs.get(id)!,
    search: describeOn(chunks.get(id)!),
    fresh: { seed: freshSeed, ...describeOn(fresh.get(id)!) },
  }))
  const freshScore = (f: FinalistReport) => {
    const v = f.fresh.metrics[0]!.value
    return Number.isFinite(v) ? sign * v : -Infinity
  }
  finalists.sort((a, b) => Number(b.fresh.feasible) - Number(a.fresh.feasible) || freshScore(b) - freshScore(a) || a.id - b.id)
  const evaluated = candidates.filter((c) => c.rung >= 0)
  const feasible = evaluated.filter((c) => c.feasible)
  const goals: [string, string] = [space.frontier[0]!.goal, space.frontier[1]!.goal]
  return {
    seed,
    objective: space.objective,
    goal: space.goal,
    constraints: space.constraints ?? null,
    rungs,
    trialsRun,
    stoppedBy,
    best: finalists[0] ?? null,
    finalists,
    frontier: {
      metrics: [space.frontier[0]!.metric, space.frontier[1]!.metric],
      goals,
      points: paretoFront((feasible.length ? feasible : evaluated).map((c) => ({ id: c.id, x: c.frontier[0], y: c.frontier[1] })), goals),
    },
    candidates,
    method: OPTIMISE_METHOD,
  }
}
