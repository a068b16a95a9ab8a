import { useCallback, useMemo, useRef } from 'react'
import type { Chart } from 'chart.js'
import { presetName, type RunResult } from '@pcsim/engine'
import { BudgetChart } from '../../charts/BudgetChart.tsx'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { CountBars } from '../../charts/CountBars.tsx'
import { RangeChart, type RangeRow } from '../../charts/RangeChart.tsx'
import { COLORS, kindColor } from '../../charts/setup.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import type { Format } from '../../format/index.ts'
import { className } from './class-name.ts'
import { moneyUnitName } from './money-unit.ts'
import { slug } from './download.ts'
import { DataTable } from '../../app/DataTable.tsx'

type Policy = RunResult['summary']['policy']

interface Kpi {
  key: string
  value: string
  label: string
  note?: string
  warn?: boolean
}

function Kpis({ items }: { items: Kpi[] }) {
  return (
    <ul className="kpis">
      {items.map((k) => (
        <li className={`kpi${k.warn ? ' warn' : ''}`} key={k.key} data-kpi={k.key}>
          <span className="card-value">{k.value}</span>
          <span className="card-label">{k.label}</span>
          {k.note && <span className="card-note">{k.note}</span>}
        </li>
      ))}
    </ul>
  )
}

/**
 * Policy outcomes (summary.policy): private capital mobilised, re-investment, loss against the
 * tolerated loss, companies supported, unicorns, pipeline, first loss, buy-outs, and the public
 * budget view (capital called from the government per fund year, expected and at the 95th percentile).
 */
export function PolicyPanel({ result, fmt }: { result: RunResult; fmt: Format }) {
  const { t, locale, pick } = useI18n()
  const c = t.policy
  const budgetRef = useRef<Chart | null>(null)
  const reinvestRef = useRef<Chart | null>(null)
  const lossRef = useRef<Chart | null>(null)
  const companiesRef = useRef<Chart | null>(null)
  const p: Policy | undefined = result.summary.policy
  const cfg = result.config
  const size = cfg.fund.size
  const money = useCallback((m: number) => fmt.money(m, 2), [fmt])
  const mult = useCallback((x: number) => fmt.multiple(x, Math.abs(x) >= 10 ? 1 : 2), [fmt])
  const pct = useCallback((x: number) => fmt.percent(x, 0), [fmt])
  const count = useCallback((x: number) => fmt.number(x, x < 10 && Math.abs(x - Math.round(x)) >= 0.05 ? 1 : 0), [fmt])
  const budgetLabels = useMemo(() => ({ expected: c.budgetExpected, p95: c.budgetP95, year: t.charts.year, y: c.budgetAxis }), [c, t])
  const regionName = useCallback((r: string) => pick(presetName(`region.${r}`)), [pick])
  const clsName = useCallback((id: string) => className(id, result.config.lpClasses.find((l) => l.id === id)?.kind ?? 'government', t), [result, t])

  const reinvestRows = useMemo<RangeRow[]>(
    () =>
      (p?.reinvestment ?? []).map((r) => ({
        label: [`${clsName(r.classId)} → ${r.regions.map(regionName).join(t.builder.terms.sep)}`, `${c.requiredShort(mult(r.required))} · P50 ${r.achieved ? mult(r.achieved.p50) : '–'} · ${c.shortfallShort(fmt.percent(r.probShortfall.value, 0))}`],
        range: r.achieved,
        color: kindColor('government'),
        target: r.required,
      })),
    [p, regionName, clsName, c, fmt, mult],
  )
  const lossRows = useMemo<RangeRow[]>(
    () => (p?.toleratedLoss.lossRatio ? [{ label: [`${c.lossRow} · ${c.toleratedShort(fmt.percent(p.toleratedLoss.fund, 0))}`, `P50 ${fmt.percent(p.toleratedLoss.lossRatio.p50, 0)} · ${c.breachShort(fmt.percent(p.toleratedLoss.probBreach.value, 0))}`], range: p.toleratedLoss.lossRatio, color: COLORS.accent, target: p.toleratedLoss.fund }] : []),
    [p, c, fmt],
  )
  const sectorRows = useMemo(
    () => [...(p?.companiesSupported.bySector ?? [])].sort((a, b) => b.companies - a.companies).map((s) => ({ label: pick(presetName(`sector.${s.id}`)), value: s.companies })),
    [p, pick],
  )
  if (!p) return null

  const gov = p.governmentCommitted
  const name = slug(result.name)
  const hasTerm = (k: 'firstLoss' | 'cashGuarantee' | 'buyOut') => cfg.lpClasses.some((l) => l.terms?.[k])
  const m = p.privateCapitalMobilised
  const range = (d: { p10: number; p90: number } | null) => (d ? c.range(mult(d.p10), mult(d.p90)) : undefined)
  const missing = gov > 0 ? c.notReported : c.noGovernment
  const kpis: Kpi[] = [
    { key: 'mobilised-fund', value: m.inFund === null ? '–' : mult(m.inFund), label: c.inFund, note: m.inFund === null ? c.noGovernment : c.inFundNote },
    { key: 'mobilised-entry', value: m.atEntry ? mult(m.atEntry.mean) : '–', label: c.atEntry, note: m.atEntry ? range(m.atEntry) : missing },
    { key: 'mobilised-life', value: m.overLife ? mult(m.overLife.mean) : '–', label: c.overLife, note: m.overLife ? range(m.overLife) : missing },
    { key: 'companies', value: count(p.companiesSupported.total), label: c.companies, note: c.companiesNote },
    { key: 'unicorns', value: fmt.number(p.unicorns.mean, 1), label: c.unicorns, note: c.se(fmt.number(p.unicorns.se, 2)) },
    {
      key: 'loss-breach',
      value: fmt.percent(p.toleratedLoss.probBreach.value),
      label: c.breach(fmt.percent(p.toleratedLoss.fund, 0)),
      note: [p.toleratedLoss.lossRatio ? c.medianLoss(fmt.percent(p.toleratedLoss.lossRatio.p50, 0)) : '', p.toleratedLoss.dealBreachShare ? c.dealBreach(fmt.percent(p.toleratedLoss.deal, 0), fmt.percent(p.toleratedLoss.dealBreachShare.mean, 0)) : ''].filter(Boolean).join(' · '),
      warn: p.toleratedLoss.probBreach.value >= 0.1,
    },
  ]
  for (const r of p.reinvestment)
    kpis.push({
      key: `reinvest-${r.classId}`,
      value: fmt.percent(r.probShortfall.value),
      label: c.shortfall(clsName(r.classId), r.regions.map(regionName).join(t.builder.terms.sep)),
      note: [c.reinvestNote(mult(r.required), r.achieved ? mult(r.achieved.p50) : '–'), r.probShortfall.value > 0.5 && r.achieved ? c.reinvestMeet(mult(r.achieved.p50), mult(r.achieved.p10)) : ''].filter(Boolean).join(' · '),
      warn: r.probShortfall.value >= 0.1,
    })
  const cost = p.reinvestmentCost
  if (cost)
    kpis.push({
      key: 'reinvest-cost',
      value: `${cost.netTvpi.mean > 0 ? '+' : ''}${fmt.multiple(cost.netTvpi.mean, 3)}`,
      label: c.reinvestCost,
      note: c.reinvestCostNote(fmt.multiple(cost.netTvpi.se, 3), `${cost.probLoss.value > 0 ? '+' : ''}${fmt.percent(cost.probLoss.value)}`, `${cost.governmentTvpi.mean > 0 ? '+' : ''}${fmt.multiple(cost.governmentTvpi.mean, 3)}`, cost.deals.belowStandard, cost.deals.relocated, cost.deals.missed),
      warn: cost.netTvpi.mean < -2 * cost.netTvpi.se && cost.netTvpi.mean < -0.05,
    })
  if (hasTerm('firstLoss') && p.firstLossPaid)
    kpis.push({ key: 'first-loss', value: fmt.percent(p.firstLossPaid.mean), label: c.firstLoss, note: c.firstLossNote(money(p.firstLossPaid.mean * size), fmt.percent(p.firstLossPaid.p90)) })
  if (hasTerm('cashGuarantee') && p.guaranteePaid)
    kpis.push({ key: 'guarantee', value: fmt.percent(p.guaranteePaid.mean), label: c.guarantee, note: c.firstLossNote(money(p.guaranteePaid.mean * size), fmt.percent(p.guaranteePaid.p90)) })
  if (hasTerm('buyOut')) kpis.push({ key: 'buy-out', value: fmt.percent(p.buyOut.probExercised.value), label: c.buyOut, note: c.se(fmt.number(p.buyOut.probExercised.se * 100, 1)) })
  const pipelineOn = cfg.strategy.pipeline.enabled
  if (pipelineOn) {
    const pl = p.pipeline
    kpis.push({ key: 'pipeline', value: `${count(pl.started)} / ${count(pl.planned)}`, label: c.pipeline, note: c.pipelineNote(count(pl.planned), count(pl.reserved), count(pl.started), count(pl.producing), count(pl.unstarted)) })
    kpis.push({ key: 'cash-drag', value: pl.cashDrag ? fmt.percent(pl.cashDrag.mean) : '–', label: c.cashDrag, note: c.cashDragNote })
  }

  // the public budget view
  // a year whose expected call is exactly 0 has every call at 0; the engine's binned 95th
  // percentile reads 0.95 of its first bin (0.0095 of commitments) there, so show 0
  const budget = (p.budget ?? []).map((b) => (b.expected === 0 ? { ...b, p95: 0, p95Share: 0 } : b))
  const peak = budget.reduce<(typeof budget)[number] | undefined>((a, b) => (!a || b.expected > a.expected ? b : a), undefined)
  const peakP95 = budget.reduce<(typeof budget)[number] | undefined>((a, b) => (!a || b.p95 > a.p95 ? b : a), undefined)
  const totalExpected = budget.reduce((a, b) => a + b.expected, 0)
  const budgetReading = peak && peakP95 ? c.budgetReading(String(peak.year), money(peak.expected), money(peakP95.p95), String(peakP95.year), money(totalExpected), money(gov)) : ''
  const unit = moneyUnitName(result.currency, locale)

  const reinvestReading = p.reinvestment.length
    ? p.reinvestment
        .map((r) => c.reinvestReading(clsName(r.classId), r.regions.map(regionName).join(t.builder.terms.sep), mult(r.required), r.achieved ? mult(r.achieved.p50) : '–', fmt.percent(r.probShortfall.value, 0)))
        .join(' ')
    : ''
  const lossReading = !p.toleratedLoss.lossRatio
    ? ''
    : p.toleratedLoss.fund >= 1
      ? c.lossReadingNone(fmt.percent(p.toleratedLoss.lossRatio.p50, 0), fmt.percent(p.toleratedLoss.lossRatio.p90, 0))
      : c.lossReading(fmt.percent(p.toleratedLoss.fund, 0), fmt.percent(p.toleratedLoss.probBreach.value, 0), fmt.percent(p.toleratedLoss.lossRatio.p50, 0), fmt.percent(p.toleratedLoss.lossRatio.p90, 0))
  const stages = p.companiesSupported.byStage.map((s) => `${count(s.companies)} ${pick(presetName(`stage.${s.id}`))}`).join(locale === 'zh-CN' ? '，' : ', ')
  const companiesReading = sectorRows[0] ? c.companiesReading(count(p.companiesSupported.total), sectorRows[0].label, count(sectorRows[0].value), stages) : ''

  return (
    <section className="policy" aria-labelledby="policy-heading" data-testid="policy">
      <h3 id="policy-heading">{c.heading}</h3>
      <p className="hint">{c.intro}</p>
      <Kpis items={kpis} />
      <details className="explain">
        <summary>{c.kpiExplainTitle}</summary>
        {c.kpiExplain.map((e) => (
          <p key={e}>{e}</p>
        ))}
      </details>
      <div className="chart-grid">
        {gov > 0 && budget.length > 0 ? (
          <ChartFrame
            title={c.budgetTitle}
            units={c.budgetUnits(unit)}
            reading={budgetReading}
            explanation={c.budgetExplain}
            chartRef={budgetRef}
            fileName={`${name}-government-budget`}
            testId="chart-budget"
            height={260}
            table={<DataTable head={[t.charts.year, c.budgetExpected, c.budgetP95, c.ofGovernment]} rows={budget.map((b) => [b.year, money(b.expected), money(b.p95), `${fmt.percent(b.expectedShare)} / ${fmt.percent(b.p95Share)}`])} />}
          >
            <BudgetChart years={budget} formatMoney={money} labels={budgetLabels} ariaLabel={t.charts.summaryOf(c.budgetTitle, budgetReading)} chartRef={budgetRef} />
          </ChartFrame>
        ) : (
          <p className="hint no-budget" data-testid="no-budget">
            {c.noBudget}
          </p>
        )}
        {reinvestRows.length > 0 && (
          <ChartFrame
            title={c.reinvestTitle}
            units={c.reinvestUnits}
            reading={reinvestReading}
            explanation={c.reinvestExplain}
            chartRef={reinvestRef}
            fileName={`${name}-reinvestment`}
            testId="chart-reinvestment"
            height={null}
            table={<DataTable head={[c.requirement, c.required, 'P10', 'P50', 'P90', c.probShortfall]} rows={p.reinvestment.map((r) => [`${clsName(r.classId)} → ${r.regions.map(regionName).join(t.builder.terms.sep)}`, mult(r.required), r.achieved ? mult(r.achieved.p10) : '–', r.achieved ? mult(r.achieved.p50) : '–', r.achieved ? mult(r.achieved.p90) : '–', fmt.probability(r.probShortfall)])} />}
          >
            <RangeChart rows={reinvestRows} format={mult} xTitle={c.reinvestAxis} ariaLabel={t.charts.summaryOf(c.reinvestTitle, reinvestReading)} chartRef={reinvestRef} />
          </ChartFrame>
        )}
        {lossRows.length > 0 && (
          <ChartFrame
            title={c.lossTitle}
            units={c.lossUnits}
            reading={lossReading}
            explanation={c.lossExplain}
            chartRef={lossRef}
            fileName={`${name}-tolerated-loss`}
            testId="chart-loss"
            height={null}
            table={<DataTable head={[c.lossRow, c.tolerated, 'P10', 'P50', 'P90', c.probBreach]} rows={[[c.lossRow, pct(p.toleratedLoss.fund), pct(p.toleratedLoss.lossRatio!.p10), pct(p.toleratedLoss.lossRatio!.p50), pct(p.toleratedLoss.lossRatio!.p90), fmt.probability(p.toleratedLoss.probBreach)]]} />}
          >
            <RangeChart rows={lossRows} format={pct} xTitle={c.lossAxis} ariaLabel={t.charts.summaryOf(c.lossTitle, lossReading)} chartRef={lossRef} />
          </ChartFrame>
        )}
        {sectorRows.length > 0 && (
          <ChartFrame
            title={c.companiesTitle}
            units={c.companiesUnits}
            reading={companiesReading}
            explanation={c.companiesExplain}
            chartRef={companiesRef}
            fileName={`${name}-companies-supported`}
            testId="chart-companies"
            height={null}
            table={<DataTable head={[c.group, c.companiesCol]} rows={[...sectorRows.map((s) => [s.label, count(s.value)]), ...p.companiesSupported.byStage.map((s) => [pick(presetName(`stage.${s.id}`)), count(s.companies)])]} />}
          >
            <CountBars rows={sectorRows} format={count} xTitle={c.companiesAxis} ariaLabel={t.charts.summaryOf(c.companiesTitle, companiesReading)} chartRef={companiesRef} />
          </ChartFrame>
        )}
      </div>
    </section>
  )
}
