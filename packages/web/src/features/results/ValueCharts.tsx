import { useCallback, useMemo, useRef } from 'react'
import type { Chart } from 'chart.js'
import { presetName, type RunResult, type ValueGroup } from '@pcsim/engine'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { ValueBars, type ValueRow } from '../../charts/ValueBars.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import type { Format } from '../../format/index.ts'
import { moneyUnitName } from './money-unit.ts'
import { slug } from './download.ts'

function ValueTable({ rows, fmt, labels }: { rows: ValueRow[]; fmt: Format; labels: [string, string, string, string] }) {
  return (
    <table>
      <thead>
        <tr>
          {labels.map((l) => (
            <th scope="col" key={l}>
              {l}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td>{fmt.money(r.invested)}</td>
            <td>{fmt.money(r.proceeds)}</td>
            <td>{fmt.multiple(r.multiple)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Bars of invested vs proceeds by sector and by entry stage (valueBy.sectors / stages). */
export function ValueCharts({ result, fmt }: { result: RunResult; fmt: Format }) {
  const { t, locale, pick } = useI18n()
  const c = t.charts
  const sectorRef = useRef<Chart | null>(null)
  const stageRef = useRef<Chart | null>(null)
  const money = useCallback((m: number) => fmt.money(m, 2), [fmt])
  const mult = useCallback((x: number) => fmt.multiple(x, 1), [fmt])
  const labels = useMemo(() => ({ invested: c.invested, proceeds: c.proceeds }), [c])
  const toRows = (groups: ValueGroup[], kind: 'sector' | 'stage') =>
    [...groups].sort((a, b) => b.proceeds - a.proceeds).map((g) => ({ label: pick(presetName(`${kind}.${g.id}`)), invested: g.invested, proceeds: g.proceeds, multiple: g.multiple, share: g.shareOfProceeds }))
  const sectors = useMemo(() => toRows(result.valueBy.sectors, 'sector'), [result, pick])
  const stages = useMemo(() => toRows(result.valueBy.stages, 'stage'), [result, pick])
  const reading = (rows: ReturnType<typeof toRows>) => (rows[0] ? c.valueReading(rows[0].label, fmt.multiple(rows[0].multiple), fmt.percent(rows[0].share, 0)) : '')
  const unit = moneyUnitName(result.currency, locale)
  const name = slug(result.name)
  const frames = [
    { key: 'sector', title: c.sectorTitle, rows: sectors, ref: sectorRef, head: [c.sector, c.invested, c.proceeds, c.multiple] },
    { key: 'stage', title: c.stageTitle, rows: stages, ref: stageRef, head: [c.stage, c.invested, c.proceeds, c.multiple] },
  ]
  return (
    <div className="chart-grid">
      {frames.map((f) => {
        const r = reading(f.rows)
        return (
          <ChartFrame key={f.key} title={f.title} units={c.valueUnits(unit)} reading={r} explanation={t.explain.value} chartRef={f.ref} fileName={`${name}-value-by-${f.key}`} testId={`chart-${f.key}`} height={Math.max(150, 50 + f.rows.length * 42)} table={<ValueTable rows={f.rows} fmt={fmt} labels={f.head as [string, string, string, string]} />}>
            <ValueBars rows={f.rows} formatMoney={money} formatMultiple={mult} labels={labels} ariaLabel={c.summaryOf(f.title, r)} chartRef={f.ref} />
          </ChartFrame>
        )
      })}
    </div>
  )
}
