import type { RunResult } from '@pcsim/engine'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import type { Format } from '../../format/index.ts'

/** How the fund is built: companies, initial cheques, reserves, planned fees, deployment. */
export function ConstructionSummary({ result, fmt }: { result: RunResult; fmt: Format }) {
  const { t } = useI18n()
  const c = t.construction
  const d = result.summary.deployment
  const size = result.config.fund.size
  const share = (m: number) => c.ofCommitments(fmt.percent(m / size, 0))
  const items: Array<[string, string, string]> = [
    [c.companies, fmt.number(d.planned.companies), ''],
    [c.initial, fmt.money(d.planned.initial), share(d.planned.initial)],
    [c.reserves, fmt.money(d.planned.reserve), share(d.planned.reserve)],
    [c.fees, fmt.money(d.planned.plannedFees), share(d.planned.plannedFees)],
    [c.invested, fmt.money(d.investedShare.mean * size), c.ofCommitments(fmt.percent(d.investedShare.mean, 0))],
    [c.paidIn, fmt.money(d.paidInShare.mean * size), c.ofCommitments(fmt.percent(d.paidInShare.mean, 0))],
    [c.carry, fmt.money(d.carryShare.mean * size), c.ofCommitments(fmt.percent(d.carryShare.mean, 1))],
  ]
  return (
    <section className="construction" aria-labelledby="construction-heading" data-testid="construction">
      <h3 id="construction-heading">{c.heading}</h3>
      <p className="hint">{t.explain.construction}</p>
      <dl>
        {items.map(([k, v, note]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>
              <strong>{v}</strong>
              {note && <span className="card-note">{note}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
