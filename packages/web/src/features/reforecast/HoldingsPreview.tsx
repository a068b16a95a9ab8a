import { holdingsTotals, presetName, type HoldingsIssue, type Reforecast } from '@pcsim/engine'
import { DataTable } from '../../app/DataTable.tsx'
import { createFormat } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import type { Messages } from '../../i18n/en.ts'
import { issueDetail, issueField } from './holdings-file.ts'

type Fields = Messages['reforecast']['fields']
const label = (fields: Fields, field: string) => (field in fields ? fields[field as keyof Fields] : fields.file)

/** Each problem against the field's label and, for a CSV file, its row and column. */
export function HoldingsIssues({ issues }: { issues: HoldingsIssue[] }) {
  const { t, pick } = useI18n()
  const r = t.reforecast
  return (
    <div className="field-error holdings-issues" role="alert" data-testid="holdings-issues">
      <p>
        <strong>{r.issuesTitle(issues.length)}</strong>
      </p>
      <ul>
        {issues.map((issue, i) => {
          const where = typeof issue.row === 'number' ? (typeof issue.column === 'number' ? r.at(issue.row, issue.column) : r.atRow(issue.row)) : issue.path || '/'
          return (
            <li key={i} data-issue-path={issue.path} data-issue-code={issue.code} data-row={issue.row} data-column={issue.column}>
              <strong>{r.issueLine(where, label(r.fields, issueField(issue)))}</strong>
              {issueDetail(pick(issue.message))}
            </li>
          )
        })}
      </ul>
    </div>
  )
}

/** The parsed holdings as tables: the companies, then the cash flows with their totals. */
export function HoldingsPreview({ reforecast, currency }: { reforecast: Reforecast; currency: string }) {
  const { t, locale, pick } = useI18n()
  const r = t.reforecast
  const f = r.fields
  const fmt = createFormat(locale, currency)
  const money = (x: number | undefined) => (x === undefined ? '–' : fmt.number(x, 2))
  const { companies, cashFlows } = reforecast.holdings
  const totals = holdingsTotals(reforecast)
  return (
    <div className="holdings-preview" data-testid="holdings-preview">
      <h4>{r.previewTitle}</h4>
      <p data-testid="holdings-summary">{r.summary(companies.length, totals.companies.active, cashFlows.length, reforecast.fundStart, reforecast.asOf)}</p>
      <p data-testid="holdings-money">{r.moneySummary(fmt.money(totals.invested), fmt.money(totals.nav), fmt.money(totals.proceeds), fmt.money(totals.cash))}</p>
      <h5>{r.companiesTitle}</h5>
      <DataTable
        scroll
        testId="holdings-companies"
        head={[f.id, f.sector, f.round, f.lastRoundDate, f.invested, f.ownership, f.postMoney, f.status, f.proceeds]}
        rows={companies.map((c) => [
          c.id,
          pick(presetName(`sector.${c.sector}`)),
          r.rounds[c.round],
          c.lastRoundDate,
          money(c.invested),
          fmt.percent(c.ownership, 1),
          money(c.postMoney),
          c.exitDate ? r.statusOn(r.status[c.status], c.exitDate) : r.status[c.status],
          money(c.proceeds),
        ])}
      />
      <h5>{r.cashFlowsTitle}</h5>
      <DataTable
        scroll
        testId="holdings-cash-flows"
        head={[f.date, f.calls, f.distributions, f.fees, f.carry, f.nav]}
        rows={[
          ...cashFlows.map((row) => [row.date, money(row.calls), money(row.distributions), money(row.fees), money(row.carry), money(row.nav)]),
          [r.totals, money(totals.calls), money(totals.distributions), money(totals.fees), money(totals.carry), ''],
        ]}
      />
    </div>
  )
}
