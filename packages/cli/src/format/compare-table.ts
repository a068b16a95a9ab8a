import type { ComparisonResult, PairedDifference } from '@pcsim/engine'
import type { Messages } from '../messages/index.ts'
import { multiple, percent, signed, withSe } from './numbers.ts'
import { layout } from './text-table.ts'

/** Run letters: A, B, … Z, then 27, 28, … */
export const runLetter = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : String(i + 1))

const diff = (d: PairedDifference, f: (x: number) => string): [string, string] => [signed(d.mean, f), `[${f(d.ci95[0])}, ${f(d.ci95[1])}]`]

/** The human view of a comparison: headline figures per run, then paired differences per pair. */
export function compareTable(c: ComparisonResult, labels: readonly string[], m: Messages): string {
  const t = m.compare
  const none = m.run.none
  const runs = [
    [t.runs, t.input, t.name, t.tvpiRange, t.tvpiMean, t.irrP50, t.probLoss],
    ...c.runs.map((r, i) => {
      const s = r.summary
      const irr = s.netIrr.n > 0 ? percent(s.netIrr.p50) : none
      return [`  ${runLetter(i)}`, labels[i] ?? '', r.name, `${multiple(s.netTvpi.p10)} / ${multiple(s.netTvpi.p50)} / ${multiple(s.netTvpi.p90)}`, withSe(s.netTvpi.mean, s.netTvpi.se, multiple), irr, withSe(s.probLoss.value, s.probLoss.se, percent)]
    }),
  ]
  const pairs = [
    [t.pairs, t.dTvpi, t.ci95, t.dIrr, t.ci95, t.beats],
    ...c.pairs.map((p) => [
      `  ${runLetter(p.a)} − ${runLetter(p.b)}`,
      ...diff(p.netTvpi, multiple),
      ...(p.netIrr.n > 0 ? diff(p.netIrr, percent) : [none, none]),
      withSe(p.probABeatsB.value, p.probABeatsB.se, percent),
    ]),
  ]
  const header = t.header({ trials: c.trials, seed: c.seed, runs: c.runs.length })
  return `${[header, layout(runs, { indent: '', align: ['left', 'left', 'left'] }).join('\n'), layout(pairs, { indent: '' }).join('\n')].join('\n\n')}\n`
}
