import type { RunResult } from '@pcsim/engine'
import type { Format } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'

/** A fund-of-funds' own flows per year (summary.fundOfFunds.byYear) and the private capital it mobilises. */
export function MotherFundPanel({ result, fmt }: { result: RunResult; fmt: Format }) {
  const { t } = useI18n()
  const c = t.subFunds.mother
  const f = result.summary.fundOfFunds
  if (!f) return null
  // years after the last flow only repeat zeroes
  let last = 0
  f.byYear.forEach((y, i) => {
    if (y.committed || y.calls || y.distributions || y.nav) last = i
  })
  const rows = f.byYear.slice(0, last + 1)
  const money = (x: number) => fmt.money(x)
  return (
    <section className="mother-fund" aria-labelledby="mother-fund-heading" data-testid="mother-fund">
      <h3 id="mother-fund-heading">{c.heading}</h3>
      <p className="hint">
        {f.leverage.withSubFunds === null || f.leverage.mother === null ? c.noGovernment : c.leverage(fmt.multiple(f.leverage.withSubFunds, 2), fmt.multiple(f.leverage.mother, 2))}{' '}
        {f.managerSkillSpread > 0 ? c.skill(fmt.number(f.managerSkillSpread, 2)) : ''}
      </p>
      <div className="table-scroll">
        <table>
          <caption className="hint">{c.units}</caption>
          <thead>
            <tr>
              <th scope="col">{c.year}</th>
              <th scope="col">{c.committed}</th>
              <th scope="col">{c.calls}</th>
              <th scope="col">{c.distributions}</th>
              <th scope="col">{c.net}</th>
              <th scope="col">{c.nav}</th>
              {f.coInvestmentShare > 0 && <th scope="col">{c.coInvested}</th>}
              <th scope="col">{c.governmentCalls}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td>{money(y.committed)}</td>
                <td>{money(y.calls)}</td>
                <td>{money(y.distributions)}</td>
                <td>{money(y.net)}</td>
                <td>{money(y.nav)}</td>
                {f.coInvestmentShare > 0 && <td>{money(y.coInvested)}</td>}
                <td>{money(y.governmentCalls)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
