import type { ExpectedValuePlan } from '@pcsim/engine'
import type { Messages } from '../messages/index.ts'
import { decimal, money, multiple } from './numbers.ts'
import { section } from './text-table.ts'

/** The deterministic expected-value plan as text (`pcsim plan`). */
export function planTable(p: ExpectedValuePlan, name: string, currency: string, m: Messages): string {
  const t = m.plan
  const count = (x: number) => decimal(x, 1)
  const blocks = [
    t.title(name),
    section(`${t.construction} · ${currency}`, [
      [t.companies, String(p.companies)],
      [t.investable, money(p.investable)],
      [t.initial, money(p.initialCapital)],
      [t.reserveBudget, money(p.reserveBudget)],
      [t.followOnDemand, money(p.followOnDemand)],
      [t.deployed, money(p.capitalDeployed)],
      [t.plannedFees, money(p.plannedFees)],
      [t.grossProceeds, money(p.grossProceeds)],
      [t.grossMultiple, multiple(p.grossMultiple)],
    ]),
    section(
      t.reaching,
      Object.entries(p.companiesReaching).map(([round, n]) => [t.rounds[round] ?? round, count(n)]),
    ),
    section(t.outcomes, [
      [t.acquired, count(p.outcomes.acquired)],
      [t.listed, count(p.outcomes.listed)],
      [t.failed, count(p.outcomes.failed)],
      [t.stalled, count(p.outcomes.stalled)],
      [t.heldAtEnd, count(p.outcomes.heldAtEnd)],
    ]),
  ]
  return `${blocks.join('\n\n')}\n`
}
