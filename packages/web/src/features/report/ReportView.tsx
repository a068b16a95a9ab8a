import { useEffect, useMemo, type ReactNode } from 'react'
import type { RunResult } from '@pcsim/engine'
import { createFormat, type Format } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import type { Messages } from '../../i18n/en.ts'
import { TERM_KEYS } from '../fund-builder/LpTermsEditor.tsx'
import { DistributionCharts } from '../results/DistributionCharts.tsx'
import { ExportMetaContext, exportMeta } from '../results/export-meta.ts'
import { FanCharts } from '../results/FanCharts.tsx'
import { flattenLeaves } from '../results/flatten.ts'
import { LpClassCharts } from '../results/LpClassCharts.tsx'
import { PolicyPanel } from '../results/PolicyPanel.tsx'
import { DataTable } from '../../app/DataTable.tsx'
import { closeReport } from './report-store.ts'

/** The fund's main terms, by the builder's labels. */
function fundRows(r: RunResult, t: Messages, fmt: Format): ReactNode[][] {
  const f = r.config.fund
  const b = t.builder
  const yrs = (x: number) => `${Number(x.toFixed(2)).toLocaleString(fmt.locale)} ${t.units.years}`
  return [
    [b.currency, r.currency],
    [b.size, fmt.money(f.size)],
    [b.investmentPeriod, yrs(f.investmentPeriodYears)],
    [b.life, yrs(f.lifeYears)],
    [b.extensions, yrs(f.extensionYears)],
    [b.feeRate, fmt.percent(f.managementFee.rate, 2)],
    [b.feeBasis, b.basis[f.managementFee.basis as keyof typeof b.basis] ?? String(f.managementFee.basis)],
    [b.carry, fmt.percent(f.carry.rate, 1)],
    [b.hurdle, fmt.percent(f.carry.hurdle, 1)],
    [b.waterfall, b.waterfalls[f.carry.waterfall as keyof typeof b.waterfalls] ?? String(f.carry.waterfall)],
    [b.endDiscount, fmt.percent(f.endOfLife.secondary.discountMean.normal, 0)],
  ]
}

/** A printable board report of one run: the run, terms, LP classes, scenario, figures, charts, policy, method. */
export function ReportView({ result }: { result: RunResult }) {
  const { t, locale, pick } = useI18n()
  const r = result
  const c = t.report
  const fmt = useMemo(() => createFormat(locale, r.currency), [locale, r.currency])
  const meta = useMemo(() => exportMeta(r, t, pick), [r, t, pick])
  useEffect(() => {
    const before = document.title
    document.title = `${r.name} — ${c.title}`
    window.scrollTo(0, 0)
    return () => {
      document.title = before
    }
  }, [r, c])
  const s = r.summary
  const dist = (label: string, d: { mean: number; p10: number; p50: number; p90: number }, f: (x: number) => string): ReactNode[] => [label, f(d.mean), f(d.p10), f(d.p50), f(d.p90)]
  const prob = (label: string, p: { value: number; se: number }): ReactNode[] => [label, `${fmt.percent(p.value, 1)} ± ${fmt.number(p.se * 100, 1)}`]
  const mult = (x: number) => fmt.multiple(x, 2)
  const pct = (x: number) => fmt.percent(x, 1)
  const tt = t.builder.terms
  const lpRows = r.config.lpClasses.map((l): ReactNode[] => {
    const set = TERM_KEYS.filter((k) => l.terms?.[k] !== undefined && l.terms?.[k] !== false)
    return [l.id, t.builder.lpKindsShort[l.kind as keyof typeof t.builder.lpKindsShort] ?? l.kind, fmt.percent(l.share, 1), set.length ? set.map((k) => tt.names[k]).join('; ') : tt.none]
  })
  const shockRows = meta.shocks.map((x): ReactNode[] => [x.id, fmt.number(x.fromYear, 2), fmt.number(x.years, 2), x.sectors.length ? x.sectors.join(', ') : c.allSectors, Object.entries(x.effects ?? {}).map(([k, v]) => `${k} ${fmt.number(v as number, 2)}`).join(' · ') || '–', fmt.percent(x.indexDrift, 1)])
  const generated = new Date().toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' })
  return (
    <ExportMetaContext.Provider value={meta}>
      <article className="report" data-testid="report" aria-labelledby="report-title">
        <div className="report-actions no-print">
          <button type="button" className="primary" onClick={() => window.print()} data-testid="report-print">
            {c.print}
          </button>
          <button type="button" onClick={closeReport} data-testid="report-close">
            {c.back}
          </button>
          <span className="hint">{c.printHint}</span>
        </div>
        <header className="report-head">
          <p className="report-kicker">{c.title}</p>
          <h1 id="report-title">{r.name}</h1>
          <dl className="report-facts" data-testid="report-facts">
            <div>
              <dt>{c.scenario}</dt>
              <dd>{meta.scenario}</dd>
            </div>
            <div>
              <dt>{c.trials}</dt>
              <dd>{fmt.number(r.trials)}</dd>
            </div>
            <div>
              <dt>{c.seed}</dt>
              <dd>{String(r.seed)}</dd>
            </div>
            <div>
              <dt>{c.engine}</dt>
              <dd>{r.engineVersion}</dd>
            </div>
            <div>
              <dt>{c.date}</dt>
              <dd>{generated}</dd>
            </div>
          </dl>
        </header>
        <section className="report-section">
          <h2>{c.headline}</h2>
          <DataTable scroll head={[c.figure, c.mean, 'P10', 'P50', 'P90']} rows={[dist(c.netTvpi, s.netTvpi, mult), dist(c.netIrr, s.netIrr, pct), dist(c.dpi, s.dpi, mult), dist(c.grossTvpi, s.grossTvpi, mult)]} testId="report-headline" />
          <DataTable scroll head={[c.probability, c.valueSe]} rows={[prob(t.cards.loss, s.probLoss), prob(t.cards.x2, s.probAtLeast['2x']), prob(t.cards.x3, s.probAtLeast['3x']), prob(t.cards.x5, s.probAtLeast['5x']), prob(t.cards.oneDeal, s.concentration.probOneDealReturnsFund)]} />
          <p className="hint">{c.intervals}</p>
        </section>
        <section className="report-section">
          <h2>{c.fundTerms}</h2>
          <DataTable scroll head={[c.term, c.value]} rows={fundRows(r, t, fmt)} />
          <h2>{c.lpClasses}</h2>
          <DataTable scroll head={[t.builder.lpId, t.builder.lpKind, t.builder.lpShare, tt.heading]} rows={lpRows} testId="report-lp" />
          <h2>{c.scenarioHeading}</h2>
          <p>{meta.scenario}</p>
          {shockRows.length > 0 && <DataTable scroll head={[c.shock, c.fromYear, c.years, c.sectors, c.effects, c.indexDrift]} rows={shockRows} testId="report-shocks" />}
        </section>
        <section className="report-section report-charts">
          <h2>{c.charts}</h2>
          <DistributionCharts result={r} fmt={fmt} />
          <FanCharts result={r} fmt={fmt} />
        </section>
        <section className="report-section report-charts">
          <LpClassCharts result={r} fmt={fmt} />
        </section>
        <section className="report-section report-charts">
          <PolicyPanel result={r} fmt={fmt} />
        </section>
        <section className="report-section report-method" data-testid="report-method">
          <h2>{c.method}</h2>
          {c.methodText.map((p) => (
            <p key={p}>{p}</p>
          ))}
          <h3>{c.sources}</h3>
          <ul>
            {c.sourcesList.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <h3>{c.appendix}</h3>
          <p className="hint">{c.appendixHint}</p>
          <DataTable scroll head={[c.field, c.value]} rows={flattenLeaves(r.config).map(([k, v]) => [<code key={k}>{k}</code>, String(v)])} testId="report-config" />
        </section>
      </article>
    </ExportMetaContext.Provider>
  )
}
