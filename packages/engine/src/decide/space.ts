import { createRng, type Rng } from '../random/rng.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { ENTRY_STAGE_IDS, SECTOR_IDS } from '../schema/ids.ts'
import { MAX_COMPANIES } from '../schema/limits.ts'
import { DecideError } from './errors.ts'
import { checked, withCompanies } from './levers.ts'

type Bounds = [number, number]

/** What the optimiser may change, within bounds, and what it is after. */
export interface SearchSpace {
  /** Sectors to allocate, each with [low, high] share; sectors not listed get no weight. */
  sectorWeights?: Record<string, Bounds>
  stageWeights?: Record<string, Bounds>
  reserveShare?: Bounds
  /** Number of companies (whole numbers), set by scaling cheque sizes. */
  companies?: Bounds
  objective: string
  goal: 'maximise' | 'minimise'
  constraints?: string
  /** Two metrics for the Pareto frontier, each with the direction that is better. */
  frontier: Array<{ metric: string; goal: 'maximise' | 'minimise' }>
  candidates: number
  finalists: number
}

export interface Allocation {
  sectorWeights?: Record<string, number>
  stageWeights?: Record<string, number>
  reserveShare?: number
  companies?: number
}

const bad = (path: string, en: string, zh: string): never => {
  throw new DecideError('space_bad', { path, detail: en, detailZh: zh }, `/space${path === '/' ? '' : path}`)
}

function bounds(v: unknown, path: string, min: number, max: number): Bounds {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x)) || v[0] > v[1] || v[0] < min || v[1] > max)
    return bad(path, `must be [low, high] with ${min} ≤ low ≤ high ≤ ${max}`, `必须写作 [下限, 上限]，且 ${min} ≤ 下限 ≤ 上限 ≤ ${max}`)
  return [v[0], v[1]]
}

function group(v: unknown, path: string, ids: readonly string[]): Record<string, Bounds> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad(path, 'must be an object of id → [low, high]', '必须是 id → [下限, 上限] 的对象')
  const out: Record<string, Bounds> = {}
  for (const [k, b] of Object.entries(v)) {
    if (!ids.includes(k)) bad(`${path}/${k}`, `unknown id; use one of ${ids.join(', ')}`, `未知的 id；可用：${ids.join(', ')}`)
    out[k] = bounds(b, `${path}/${k}`, 0, 1)
  }
  const lo = Object.values(out).reduce((a, b) => a + b[0], 0)
  const hi = Object.values(out).reduce((a, b) => a + b[1], 0)
  if (Object.keys(out).length === 0 || lo > 1 + 1e-9 || hi < 1 - 1e-9)
    bad(path, 'the lows must sum to at most 1 and the highs to at least 1', '下限之和不得超过 1，上限之和不得低于 1')
  return out
}

const GOALS = ['maximise', 'minimise'] as const
const goal = (v: unknown, path: string): 'maximise' | 'minimise' =>
  v === undefined ? 'maximise' : (GOALS as readonly unknown[]).includes(v) ? (v as 'maximise') : bad(path, 'must be "maximise" or "minimise"', '必须是 "maximise" 或 "minimise"')

/** Reads a search space (the JSON file of `pcsim optimise --space`), naming the field of any problem. */
export function parseSpace(input: unknown): SearchSpace {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return bad('/', 'must be a JSON object', '必须是 JSON 对象')
  const s = input as Record<string, unknown>
  const known = ['sectorWeights', 'stageWeights', 'reserveShare', 'companies', 'objective', 'goal', 'constraints', 'frontier', 'candidates', 'finalists', '$schema', 'description']
  for (const k of Object.keys(s)) if (!known.includes(k)) bad(`/${k}`, `unknown field; fields: ${known.slice(0, 10).join(', ')}`, `未知字段；可用字段：${known.slice(0, 10).join(', ')}`)
  const out: SearchSpace = {
    objective: typeof s.objective === 'string' ? s.objective : bad('/objective', 'must be an expression such as "p50(netTvpi)"', '必须是表达式，例如 "p50(netTvpi)"'),
    goal: goal(s.goal, '/goal'),
    frontier: [],
    candidates: 32,
    finalists: 3,
  }
  if (s.sectorWeights !== undefined) out.sectorWeights = group(s.sectorWeights, '/sectorWeights', SECTOR_IDS)
  if (s.stageWeights !== undefined) out.stageWeights = group(s.stageWeights, '/stageWeights', ENTRY_STAGE_IDS)
  if (s.reserveShare !== undefined) out.reserveShare = bounds(s.reserveShare, '/reserveShare', 0, 0.9)
  if (s.companies !== undefined) {
    const b = bounds(s.companies, '/companies', 1, MAX_COMPANIES)
    out.companies = [Math.ceil(b[0]), Math.floor(b[1])]
  }
  if (!out.sectorWeights && !out.stageWeights && !out.reserveShare && !out.companies)
    bad('/', 'give at least one of sectorWeights, stageWeights, reserveShare, companies', '至少给出 sectorWeights、stageWeights、reserveShare、companies 之一')
  if (s.constraints !== undefined) out.constraints = typeof s.constraints === 'string' ? s.constraints : bad('/constraints', 'must be an expression such as "probLoss <= 0.3"', '必须是表达式，例如 "probLoss <= 0.3"')
  const int = (v: unknown, path: string, min: number, max: number, fallback: number) =>
    v === undefined ? fallback : Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : bad(path, `must be a whole number from ${min} to ${max}`, `必须是 ${min} 到 ${max} 的整数`)
  out.candidates = int(s.candidates, '/candidates', 2, 2000, 32)
  out.finalists = int(s.finalists, '/finalists', 1, Math.min(10, out.candidates), Math.min(3, out.candidates))
  if (s.frontier === undefined) out.frontier = [{ metric: out.objective, goal: out.goal }, { metric: 'probLoss', goal: 'minimise' }]
  else if (!Array.isArray(s.frontier) || s.frontier.length !== 2) bad('/frontier', 'must list two metrics, such as [{"metric": "probLoss", "goal": "minimise"}, {"metric": "p50(netTvpi)"}]', '必须列出两个指标')
  else
    out.frontier = s.frontier.map((f: unknown, i) => {
      const path = `/frontier/${i}`
      if (typeof f === 'string') return { metric: f, goal: 'maximise' as const }
      const o = f as Record<string, unknown>
      if (typeof o !== 'object' || o === null || typeof o.metric !== 'string') return bad(`${path}/metric`, 'must be an expression', '必须是表达式')
      return { metric: o.metric, goal: goal(o.goal, `${path}/goal`) }
    })
  return out
}

/** A permutation of 0…n−1 from the stream (Fisher–Yates). */
function permutation(n: number, rng: Rng): number[] {
  const p = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1))
    ;[p[i], p[j]] = [p[j]!, p[i]!]
  }
  return p
}

/** Shares inside their bounds that sum to 1: low ends plus a share of what is left, excess above a high end moved to the rest. */
export function intoBox(raw: number[], b: Bounds[]): number[] {
  const lo = b.reduce((a, x) => a + x[0], 0)
  const sum = raw.reduce((a, x) => a + x, 0)
  const w = raw.map((x, i) => b[i]![0] + (1 - lo) * (sum > 0 ? x / sum : 1 / raw.length))
  for (let round = 0; round < raw.length + 1; round++) {
    const over = w.map((x, i) => Math.max(0, x - b[i]![1]))
    const excess = over.reduce((a, x) => a + x, 0)
    if (excess <= 1e-15) break
    const room = w.map((x, i) => (over[i]! > 0 ? 0 : b[i]![1] - x))
    const totalRoom = room.reduce((a, x) => a + x, 0)
    for (let i = 0; i < w.length; i++) w[i] = over[i]! > 0 ? b[i]![1] : w[i]! + (excess * room[i]!) / totalRoom
  }
  return w
}

/**
 * A space-filling start: a Latin hypercube over every coordinate (one stratum per candidate and
 * coordinate), weights mapped to the simplex inside their bounds (−log u normalised is uniform on
 * the simplex). The first candidate is the base config's own allocation, brought inside the bounds.
 */
export function sampleAllocations(space: SearchSpace, base: SimulationConfig, n: number, seed: string): Allocation[] {
  const rng = createRng(`${seed}/optimise/start`)
  const sectors = Object.keys(space.sectorWeights ?? {})
  const stages = Object.keys(space.stageWeights ?? {})
  const dims = sectors.length + stages.length + (space.reserveShare ? 1 : 0) + (space.companies ? 1 : 0)
  const perms = Array.from({ length: dims }, () => permutation(n, rng))
  const u = (i: number, d: number) => Math.min(1 - 1e-12, Math.max(1e-12, (perms[d]![i]! + rng.uniform()) / n))
  const out: Allocation[] = [fromBase(space, base)]
  for (let i = 1; i < n; i++) {
    let d = 0
    const a: Allocation = {}
    const simplex = (ids: string[], b: Record<string, Bounds>) => {
      const raw = ids.map(() => -Math.log(u(i, d++)))
      const w = intoBox(raw, ids.map((k) => b[k]!))
      return Object.fromEntries(ids.map((k, j) => [k, w[j]!]))
    }
    if (space.sectorWeights) a.sectorWeights = simplex(sectors, space.sectorWeights)
    if (space.stageWeights) a.stageWeights = simplex(stages, space.stageWeights)
    if (space.reserveShare) a.reserveShare = space.reserveShare[0] + u(i, d++) * (space.reserveShare[1] - space.reserveShare[0])
    if (space.companies) a.companies = Math.min(space.companies[1], Math.floor(space.companies[0] + u(i, d++) * (space.companies[1] - space.companies[0] + 1)))
    out.push(a)
  }
  return out
}

function fromBase(space: SearchSpace, base: SimulationConfig): Allocation {
  const a: Allocation = {}
  const pick = (ids: string[], b: Record<string, Bounds>, w: Record<string, number | undefined>) => {
    const v = intoBox(ids.map((k) => w[k] ?? 0), ids.map((k) => b[k]!))
    return Object.fromEntries(ids.map((k, j) => [k, v[j]!]))
  }
  if (space.sectorWeights) a.sectorWeights = pick(Object.keys(space.sectorWeights), space.sectorWeights, base.strategy.sectorWeights)
  if (space.stageWeights) a.stageWeights = pick(Object.keys(space.stageWeights), space.stageWeights, base.strategy.stageWeights)
  if (space.reserveShare) a.reserveShare = Math.min(space.reserveShare[1], Math.max(space.reserveShare[0], base.strategy.reserves.share))
  if (space.companies) a.companies = Math.round((space.companies[0] + space.companies[1]) / 2)
  return a
}

/** The base config with an allocation applied (weights, then reserves, then the company count). */
export function applyAllocation(base: SimulationConfig, a: Allocation): SimulationConfig {
  const next = JSON.parse(JSON.stringify(base)) as SimulationConfig
  if (a.sectorWeights) next.strategy.sectorWeights = Object.fromEntries(Object.entries(a.sectorWeights).filter(([, w]) => w > 0))
  if (a.stageWeights) next.strategy.stageWeights = Object.fromEntries(Object.entries(a.stageWeights).filter(([, w]) => w > 0))
  if (a.reserveShare !== undefined) next.strategy.reserves = { mode: 'share', share: a.reserveShare }
  return a.companies !== undefined ? withCompanies(next, a.companies, 'allocation') : checked('allocation', 0, next)
}
