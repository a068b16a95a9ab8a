import { useCallback, useMemo, useRef } from 'react'
import type { Chart } from 'chart.js'
import { presetName, type RunResult } from '@pcsim/engine'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { RangeChart, type RangeRow } from '../../charts/RangeChart.tsx'
import { kindColor } from '../../charts/setup.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import type { Format } from '../../format/index.ts'
import { slug } from './download.ts'

/** A fund-of-funds' sub-funds (result.subFunds): the class the mother holds in each, side by side. */
export function SubFundResults({ result, fmt }: { result: RunResult; fmt: Format }) {
  const { t, pick } = useI18n()
  const c = t.subFunds
  const ref = useRef<Chart | null>(null)
  const mult = useCallback((x: number) => fmt.multiple(x, 2), [fmt])
  const items = useMemo(
    () =>
      (result.subFunds ?? []).map((sf, k) => {
        // under a pacing plan each vintage is named after its programme ("angel-v2")
        const plan = result.summary.fundOfFunds?.subFunds[k]
        const spec = result.config.subFunds?.find((s) => s.id === (plan?.programme ?? sf.id)) ?? result.config.subFunds?.[k]
        const held = sf.result.summary.lpClasses.find((l) => l.id === spec?.lpClass)
        const template = typeof spec?.config?.template === 'string' ? spec.config.template : ''
        const tname = template ? pick(presetName(`fund.${template}`)) : sf.result.name
        return { id: sf.id, name: tname, commitment: plan?.commitment ?? spec?.commitment ?? 0, lpClass: spec?.lpClass ?? '', held, result: sf.result }
      }),
    [result, pick],
  )
  const rows = useMemo<RangeRow[]>(
    () => items.map((i) => ({ label: [`${i.id} · ${i.lpClass}`, `P50 ${fmt.multiple((i.held?.netTvpi ?? i.result.summary.netTvpi).p50)} · ${t.lp.lossShort(fmt.percent((i.held ?? i.result.summary).probLoss.value, 0))}`], range: i.held?.netTvpi ?? i.result.summary.netTvpi, color: kindColor(i.held?.kind ?? 'private') })),
    [items, fmt, t],
  )
  const reference = useMemo(() => ({ value: 1, label: t.lp.breakEven }), [t])
  if (items.length === 0) return null
  const best = [...items].sort((a, b) => (b.held?.netTvpi?.p50 ?? 0) - (a.held?.netTvpi?.p50 ?? 0))[0]!
  const reading = c.reading(String(items.length), best.id, fmt.multiple(best.held?.netTvpi?.p50 ?? 0), fmt.multiple(result.summary.netTvpi.p50))
  return (
    <section className="sub-fund-results" aria-labelledby="subfunds-heading" data-testid="sub-fund-results">
      <h3 id="subfunds-heading">{c.heading}</h3>
      <div className="chart-grid">
        <ChartFrame
          title={c.title}
          units={c.units}
          reading={reading}
          explanation={c.explain}
          chartRef={ref}
          fileName={`${slug(result.name)}-sub-funds`}
          testId="chart-sub-funds"
          height={null}
          table={
            <table>
              <thead>
                <tr>
                  <th scope="col">{c.id}</th>
                  <th scope="col">{c.template}</th>
                  <th scope="col">{c.commitment}</th>
                  <th scope="col">{c.lpClass}</th>
                  <th scope="col">TVPI P10</th>
                  <th scope="col">TVPI P50</th>
                  <th scope="col">TVPI P90</th>
                  <th scope="col">IRR P50</th>
                  <th scope="col">{t.lp.probLoss}</th>
                  <th scope="col">{c.companies}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.id}</th>
                    <td>{i.name}</td>
                    <td>{fmt.money(i.commitment)}</td>
                    <td>{i.lpClass}</td>
                    <td>{i.held?.netTvpi ? fmt.multiple(i.held.netTvpi.p10) : '–'}</td>
                    <td>{i.held?.netTvpi ? fmt.multiple(i.held.netTvpi.p50) : '–'}</td>
                    <td>{i.held?.netTvpi ? fmt.multiple(i.held.netTvpi.p90) : '–'}</td>
                    <td>{i.held?.netIrr ? fmt.percent(i.held.netIrr.p50) : '–'}</td>
                    <td>{i.held ? fmt.probability(i.held.probLoss) : '–'}</td>
                    <td>{fmt.number(i.result.summary.policy?.companiesSupported.total ?? i.result.summary.outcomes.companies.mean, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          <RangeChart rows={rows} format={mult} xTitle={t.lp.tvpiAxis} reference={reference} ariaLabel={t.charts.summaryOf(c.title, reading)} chartRef={ref} />
        </ChartFrame>
      </div>
    </section>
  )
}
