import { useCallback, useMemo, useRef } from 'react'
import type { Chart } from 'chart.js'
import type { RunResult } from '@pcsim/engine'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { RangeChart, type RangeRow } from '../../charts/RangeChart.tsx'
import { kindColor } from '../../charts/setup.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { className } from './class-name.ts'
import type { Format } from '../../format/index.ts'
import type { Messages } from '../../i18n/en.ts'
import { slug } from './download.ts'

type LpOutcome = RunResult['summary']['lpClasses'][number]
type Kind = keyof Messages['builder']['lpKindsShort']

/** The students' notes on LP terms that this fund's classes actually carry. */
export function termNotes(result: RunResult, t: Messages): string[] {
  const terms = result.config.lpClasses.map((l) => l.terms ?? {})
  const e = t.explain.lpTerms
  const notes = [e.base]
  if (terms.some((x) => x.cappedReturn)) notes.push(e.cappedReturn)
  if (terms.some((x) => x.firstLoss)) notes.push(e.firstLoss)
  if (terms.some((x) => x.cashGuarantee)) notes.push(e.cashGuarantee)
  if (terms.some((x) => x.profitConcession)) notes.push(e.profitConcession)
  if (terms.some((x) => x.buyOut)) notes.push(e.buyOut)
  if (terms.some((x) => x.feeExempt || x.carryExempt)) notes.push(e.exempt)
  return notes
}

/** Share of futures in which the class has no IRR at all (a class that gets nothing back has −100%,
 * counted in its distribution). */
const undefinedIrrShare = (l: LpOutcome): number => (l.netIrr ? l.netIrr.undefinedShare : 1)

function ClassTable({ classes, fmt, t }: { classes: LpOutcome[]; fmt: Format; t: Messages }) {
  const c = t.lp
  const d = (x: number | undefined, f: (v: number) => string) => (x === undefined ? '–' : f(x))
  return (
    <table data-testid="lp-table">
      <thead>
        <tr>
          <th scope="col">{c.klass}</th>
          <th scope="col">{c.kind}</th>
          <th scope="col">{c.committed}</th>
          <th scope="col">TVPI P10</th>
          <th scope="col">TVPI P50</th>
          <th scope="col">TVPI P90</th>
          <th scope="col">IRR P10</th>
          <th scope="col">IRR P50</th>
          <th scope="col">IRR P90</th>
          <th scope="col">{c.irrTotalLoss}</th>
          <th scope="col">{c.irrUndefined}</th>
          <th scope="col">{c.dpiMean}</th>
          <th scope="col">{c.probLoss}</th>
        </tr>
      </thead>
      <tbody>
        {classes.map((l) => (
          <tr key={l.id} data-class={l.id}>
            <th scope="row">{l.id}</th>
            <td>{t.builder.lpKindsShort[l.kind as Kind] ?? l.kind}</td>
            <td>{fmt.money(l.committed)}</td>
            <td>{d(l.netTvpi?.p10, (x) => fmt.multiple(x))}</td>
            <td>{d(l.netTvpi?.p50, (x) => fmt.multiple(x))}</td>
            <td>{d(l.netTvpi?.p90, (x) => fmt.multiple(x))}</td>
            <td>{d(l.netIrr?.p10, (x) => fmt.percent(x))}</td>
            <td>{d(l.netIrr?.p50, (x) => fmt.percent(x))}</td>
            <td>{d(l.netIrr?.p90, (x) => fmt.percent(x))}</td>
            <td>{fmt.percent(l.netIrr?.totalLossShare ?? 0)}</td>
            <td>{fmt.percent(undefinedIrrShare(l))}</td>
            <td>{d(l.dpi?.mean, (x) => fmt.multiple(x))}</td>
            <td>{fmt.probability(l.probLoss)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Net TVPI and net IRR of every LP class side by side (summary.lpClasses), with P(loss) per class. */
export function LpClassCharts({ result, fmt }: { result: RunResult; fmt: Format }) {
  const { t } = useI18n()
  const c = t.lp
  const tvpiRef = useRef<Chart | null>(null)
  const irrRef = useRef<Chart | null>(null)
  const classes = result.summary.lpClasses ?? []
  const size = result.config.fund.size
  const kindName = (k: string) => t.builder.lpKindsShort[k as Kind] ?? k
  const label = useCallback(
    (l: LpOutcome, median: string): string[] => [`${l.id} · ${kindName(l.kind)} · ${fmt.percent(size > 0 ? l.committed / size : 0, 0)}`, `P50 ${median} · ${c.lossShort(fmt.percent(l.probLoss.value, 0))}`],
    [fmt, size, t],
  )
  const tvpiRows = useMemo<RangeRow[]>(() => classes.map((l) => ({ label: label(l, l.netTvpi ? fmt.multiple(l.netTvpi.p50) : '–'), range: l.netTvpi, color: kindColor(l.kind) })), [classes, label])
  const noIrr = undefinedIrrShare
  const irrRows = useMemo<RangeRow[]>(
    () =>
      classes.map((l) => {
        const row = label(l, l.netIrr && l.netIrr.n > 0 ? fmt.percent(l.netIrr.p50) : '–')
        const lost = l.netIrr?.totalLossShare ?? 0
        if (lost > 0.005) row.push(c.totalLossShort(fmt.percent(lost, 0)))
        if (noIrr(l) > 0.005) row.push(c.noIrrShort(fmt.percent(noIrr(l), 0)))
        return { label: row, range: l.netIrr && l.netIrr.n > 0 ? l.netIrr : null, color: kindColor(l.kind) }
      }),
    [classes, label, fmt, c],
  )
  const legend = useMemo(() => [...new Set(classes.map((l) => l.kind))].map((k) => ({ label: kindName(k), color: kindColor(k) })), [classes, t])
  const mult = useCallback((x: number) => fmt.multiple(x, Math.abs(x) < 10 ? 2 : 1), [fmt])
  const pct = useCallback((x: number) => fmt.percent(x, Math.abs(x) < 0.1 ? 1 : 0), [fmt])
  const tvRef = useMemo(() => ({ value: 1, label: c.breakEven }), [c])
  const irRef = useMemo(() => ({ value: 0, label: '0%' }), [])
  if (classes.length === 0) return null

  const nameOf = (l: LpOutcome) => className(l.id, l.kind, t)
  const gov = classes.find((l) => l.kind === 'government') ?? classes.find((l) => l.kind === 'social_security' || l.kind === 'insurance')
  const priv = classes.find((l) => l.kind === 'private')
  const same = classes.every((l) => l.netTvpi?.p50 === classes[0]!.netTvpi?.p50 && l.probLoss.value === classes[0]!.probLoss.value)
  let tvReading: string
  let irReading: string
  if (same) {
    tvReading = c.sameReading(fmt.multiple(classes[0]!.netTvpi?.p50 ?? 0), fmt.percent(classes[0]!.probLoss.value, 0))
    irReading = c.irrSame(fmt.percent(classes[0]!.netIrr?.p50 ?? 0))
  } else if (gov && priv) {
    tvReading = c.tvpiReading(nameOf(gov), fmt.multiple(gov.netTvpi?.p50 ?? 0), fmt.percent(gov.probLoss.value, 0), nameOf(priv), fmt.multiple(priv.netTvpi?.p50 ?? 0), fmt.percent(priv.probLoss.value, 0))
    irReading = c.irrReading(nameOf(gov), fmt.percent(gov.netIrr?.p50 ?? 0), fmt.percent(gov.netIrr?.p90 ?? 0), nameOf(priv), fmt.percent(priv.netIrr?.p50 ?? 0), fmt.percent(priv.netIrr?.p90 ?? 0))
  } else {
    const byMedian = [...classes].sort((a, b) => (a.netTvpi?.p50 ?? 0) - (b.netTvpi?.p50 ?? 0))
    const lo = byMedian[0]!
    const hi = byMedian[byMedian.length - 1]!
    tvReading = c.spreadReading(nameOf(lo), fmt.multiple(lo.netTvpi?.p50 ?? 0), nameOf(hi), fmt.multiple(hi.netTvpi?.p50 ?? 0))
    irReading = c.irrSpread(nameOf(lo), fmt.percent(lo.netIrr?.p50 ?? 0), nameOf(hi), fmt.percent(hi.netIrr?.p50 ?? 0))
  }
  const lostAll = classes.filter((l) => (l.netIrr?.totalLossShare ?? 0) > 0.005)
  if (lostAll.length > 0) irReading += ` ${c.totalLoss(lostAll.map((l) => `${l.id} ${fmt.percent(l.netIrr!.totalLossShare, 0)}`).join(', '))}`
  const missing = classes.filter((l) => noIrr(l) > 0.005)
  if (missing.length > 0) irReading += ` ${c.noIrr(missing.map((l) => `${nameOf(l)} ${fmt.percent(noIrr(l), 0)}`).join(t.builder.terms.sep))}`
  const notes = termNotes(result, t)
  const name = slug(result.name)
  return (
    <section className="lp-section" aria-labelledby="lp-heading" data-testid="lp-classes">
      <h3 id="lp-heading">{c.heading}</h3>
      <p className="hint">{c.intro}</p>
      <div className="chart-grid">
        <ChartFrame title={c.tvpiTitle} units={c.tvpiUnits} reading={tvReading} explanation={notes} chartRef={tvpiRef} fileName={`${name}-lp-classes-net-tvpi`} testId="chart-lp-tvpi" height={null} table={<ClassTable classes={classes} fmt={fmt} t={t} />}>
          <RangeChart rows={tvpiRows} format={mult} xTitle={c.tvpiAxis} reference={tvRef} legend={legend} ariaLabel={t.charts.summaryOf(c.tvpiTitle, tvReading)} chartRef={tvpiRef} />
        </ChartFrame>
        <ChartFrame title={c.irrTitle} units={c.irrUnits} reading={irReading} explanation={notes} chartRef={irrRef} fileName={`${name}-lp-classes-net-irr`} testId="chart-lp-irr" height={null} table={<ClassTable classes={classes} fmt={fmt} t={t} />}>
          <RangeChart rows={irrRows} format={pct} xTitle={c.irrAxis} reference={irRef} legend={legend} ariaLabel={t.charts.summaryOf(c.irrTitle, irReading)} chartRef={irrRef} />
        </ChartFrame>
      </div>
    </section>
  )
}
