import type { OptimiseResult, ReturnTheFund, SensitivityResult, SolveResult } from '@pcsim/engine/decide'
import type { Allocation } from '@pcsim/engine/decide'
import { leverLabel, type DecideMessages } from '../messages/decide.ts'
import { interval, sig, signedSig } from './decide-numbers.ts'
import { section } from './text-table.ts'

export function sensitivityTable(r: SensitivityResult, m: DecideMessages): string {
  const t = m.table
  const base = section(t.sensitivityTitle(r.seed, r.trials), [[t.metric, t.base, t.ci], ...r.base.map((b) => [b.metric, sig(b.value), `[${sig(b.ci95[0])}, ${sig(b.ci95[1])}]`])])
  const points = r.levers.flatMap((l) =>
    l.points.flatMap((p) => p.changes.map((c, i) => [i === 0 ? `${l.lever} = ${sig(p.value)}` : '', c.metric, sig(c.level), signedSig(c.value), interval(c.ci95)])),
  )
  const all = section(`${t.lever} / ${t.metric}`, [[t.value, t.metric, t.level, t.change, t.ci], ...points])
  const tornado = r.tornado.map((tor) =>
    section(t.tornado(tor.metric), [
      [t.lever, t.low, t.change, t.high, t.change, t.swing],
      ...tor.bars.map((b) => [b.lever, sig(b.low), signedSig(b.lowChange.value), sig(b.high), signedSig(b.highChange.value), sig(b.swing)]),
    ]),
  )
  return [base, all, ...tornado, t.method].join('\n\n')
}

/** The answer of a goal-seek as one sentence. */
export function solveSentence(r: SolveResult, m: DecideMessages): string {
  const lever = leverLabel(m, r.lever)
  const [lo, hi] = r.range.map((x) => sig(x))
  if (r.status === 'always') return m.sentence.always(r.target, lever, lo!, hi!)
  if (r.status === 'unreachable') return m.sentence.unreachable(r.target, lever, lo!, hi!, sig(r.lhsAtValue))
  const lhs = r.target.split(/<=|>=|==|=|<|>/)[0]!.trim()
  const args = [sig(r.value), sig(r.ci95![0]), sig(r.ci95![1]), sig(r.current), r.target, lhs, sig(r.lhsNow)] as const
  return r.direction ? m.sentence.solvedBound(lever, r.direction, ...args) : m.sentence.solved(lever, ...args)
}

export function solveTable(r: SolveResult, ret: ReturnTheFund, m: DecideMessages): string {
  const t = m.table
  const evals = section(`${t.solveTitle(r.seed, r.trials)} — ${t.evaluations}`, [
    [r.lever, t.gap, r.target.split(/<=|>=|==|=|<|>/)[0]!.trim()],
    ...r.evaluations.map((e) => [sig(e.value), signedSig(e.gap), sig(e.lhs)]),
  ])
  return [solveSentence(r, m), evals, returnTable(ret, m)].join('\n\n')
}

export function returnTable(ret: ReturnTheFund, m: DecideMessages): string {
  const t = m.table
  const rows = ret.cells.map((c) => [`${c.sector} / ${c.stage}`, sig(c.cheque), sig(c.entryPostMoney), c.ownership === null ? '–' : `${sig(c.ownership * 100, 3)}%`, sig(c.exitValue), `${sig(c.multipleOfCheque)}x`])
  const p = `${sig(ret.probOneDeal.value * 100, 3)}%`
  const se = `${sig(ret.probOneDeal.se * 100, 2)}%`
  return [section(t.returnTitle(sig(ret.fundSize)), [[t.cell, t.cheque, t.entry, t.ownership, t.exitNeeded, t.multipleNeeded], ...rows]), t.probOneDeal(p, se)].join('\n')
}

export function allocationText(a: Allocation, m: DecideMessages): string {
  const parts: string[] = []
  const w = (o: Record<string, number>) =>
    Object.entries(o)
      .filter(([, x]) => x > 0.0005)
      .map(([k, x]) => `${k} ${sig(x * 100, 3)}%`)
      .join(' ')
  if (a.sectorWeights) parts.push(w(a.sectorWeights))
  if (a.stageWeights) parts.push(w(a.stageWeights))
  if (a.reserveShare !== undefined) parts.push(`${m.table.reserve} ${sig(a.reserveShare * 100, 3)}%`)
  if (a.companies !== undefined) parts.push(`${m.table.companies} ${a.companies}`)
  return parts.join('; ')
}

export function optimiseTable(r: OptimiseResult, m: DecideMessages): string {
  const t = m.table
  const head = t.optimiseTitle(r.seed, r.trialsRun, r.rungs.length)
  const rungs = r.rungs.map((x) => `${x.candidates}×${x.trials}`).join(' → ')
  const blocks = [`${head}\n  ${rungs}`]
  if (r.stoppedBy !== 'done') blocks.push(r.stoppedBy === 'seconds' ? t.stoppedBySeconds : t.stoppedByBudget)
  if (r.best) {
    const b = r.best
    blocks.push(
      section(`${t.best}: #${b.id} ${allocationText(b.allocation, m)}`, [
        [t.metric, t.search, t.ci, t.fresh, t.ci],
        ...b.search.metrics.map((s, i) => {
          const f = b.fresh.metrics[i]!
          return [s.metric, sig(s.value), `[${sig(s.ci95[0])}, ${sig(s.ci95[1])}]`, sig(f.value), `[${sig(f.ci95[0])}, ${sig(f.ci95[1])}]`]
        }),
        [t.feasible, b.search.feasible ? t.yes : t.no, '', b.fresh.feasible ? t.yes : t.no, ''],
      ]),
    )
    blocks.push(
      section(t.finalists, [
        [t.candidate, r.objective, `${r.objective} (${t.fresh})`, t.feasible, t.allocation],
        ...r.finalists.map((f) => [`#${f.id}`, sig(f.search.metrics[0]!.value), sig(f.fresh.metrics[0]!.value), f.fresh.feasible ? t.yes : t.no, allocationText(f.allocation, m)]),
      ], { align: ['left', 'right', 'right', 'left', 'left'] }),
    )
  }
  if (!r.candidates.some((c) => c.feasible)) blocks.push(t.none)
  const byId = new Map(r.candidates.map((c) => [c.id, c]))
  blocks.push(
    section(t.frontier(r.frontier.metrics[0], r.frontier.metrics[1]), [
      [t.candidate, r.frontier.metrics[0], r.frontier.metrics[1], t.allocation],
      ...r.frontier.points.map((id) => {
        const c = byId.get(id)!
        return [`#${id}`, sig(c.frontier[0]), sig(c.frontier[1]), allocationText(c.allocation, m)]
      }),
    ], { align: ['left', 'right', 'right', 'left'] }),
  )
  return blocks.join('\n\n')
}
