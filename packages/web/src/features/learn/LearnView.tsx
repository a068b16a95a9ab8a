import { useMemo, useRef } from 'react'
import type { Chart } from 'chart.js'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { OverlayChart } from '../../charts/OverlayChart.tsx'
import { useAppState } from '../../app/AppState.tsx'
import { demoClient, withTrials } from '../../app/clients.ts'
import { useSimulation } from '../../engine/useSimulation.ts'
import { createFormat } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { companiesOf, withCompanies } from './diversify.ts'

const DEMO_TRIALS = 4000

/** Short explanations for students, with a live 10-vs-100-companies demo. */
export function LearnView({ onTour }: { onTour: () => void }) {
  const { parsed } = useAppState()
  const { t, locale } = useI18n()
  const l = t.learn
  const snap = useSimulation(demoClient)
  const ref = useRef<Chart | null>(null)
  const fmt = useMemo(() => createFormat(locale, 'USD'), [locale])
  const run = () => {
    if (!parsed.ok) return
    const configs = [withCompanies(parsed.config, 10), withCompanies(parsed.config, 100)]
    if (configs.every((c) => c !== null)) demoClient.request(configs.map((c) => withTrials(c!, DEMO_TRIALS)))
  }
  const r = snap.result
  const rows = r?.runs.map((run) => ({ n: companiesOf(run.config), s: run.summary })) ?? []
  const series = useMemo(() => (r ? r.runs.map((run) => ({ label: l.diversRows(companiesOf(run.config)), edges: run.histograms.netTvpi.edges, counts: run.histograms.netTvpi.counts })) : []), [r, l])
  const reading = rows.length === 2 ? l.diversResult(fmt.percent(rows[0]!.s.probLoss.value, 0), fmt.percent(rows[1]!.s.probLoss.value, 0)) : ''
  return (
    <section className="learn" aria-labelledby="learn-heading">
      <h2 id="learn-heading">{l.heading}</h2>
      <p>{l.intro}</p>
      <button type="button" onClick={onTour}>
        {l.restartTour}
      </button>
      <article>
        <h3>{l.powerTitle}</h3>
        <p>{l.powerText}</p>
      </article>
      <article>
        <h3>{l.diversTitle}</h3>
        <p>{l.diversText}</p>
        <button type="button" className="primary" disabled={!parsed.ok || snap.status === 'running'} onClick={run} data-testid="demo-run">
          {l.diversRun}
        </button>
        {snap.status === 'running' && <progress max={snap.progress?.total ?? 1} value={snap.progress?.done ?? 0} aria-label={l.diversRun} />}
        {r && (
          <>
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.compare.strategy}</th>
                    <th scope="col">{t.compare.probLoss}</th>
                    <th scope="col">{t.compare.p10}</th>
                    <th scope="col">{t.compare.p50}</th>
                    <th scope="col">{t.compare.p90}</th>
                    <th scope="col">{t.compare.mean}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.n}>
                      <th scope="row">{l.diversRows(row.n)}</th>
                      <td>{fmt.percent(row.s.probLoss.value)}</td>
                      <td>{fmt.multiple(row.s.netTvpi.p10)}</td>
                      <td>{fmt.multiple(row.s.netTvpi.p50)}</td>
                      <td>{fmt.multiple(row.s.netTvpi.p90)}</td>
                      <td>{fmt.multiple(row.s.netTvpi.mean)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <ChartFrame title={t.charts.overlayTitle} units={t.charts.overlayUnits} reading={reading} chartRef={ref} fileName="pcsim-diversification" height={240}>
              <OverlayChart series={series} formatX={(x) => fmt.multiple(x, 1)} ariaLabel={t.charts.summaryOf(t.charts.overlayTitle, reading)} chartRef={ref} />
            </ChartFrame>
          </>
        )}
      </article>
      <article>
        <h3>{l.jTitle}</h3>
        <p>{l.jText}</p>
      </article>
      <article>
        <h3>{l.glossary}</h3>
        <dl className="glossary">
          {l.terms.map(([term, def]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{def}</dd>
            </div>
          ))}
        </dl>
      </article>
    </section>
  )
}
