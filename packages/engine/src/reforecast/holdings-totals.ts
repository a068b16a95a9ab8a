import type { Reforecast } from '../schema/reforecast.ts'
import { reforecastQuarter } from './resolve-reforecast.ts'

/** What a holdings file adds up to (a preview before simulating): millions of the fund currency. */
export interface HoldingsTotals {
  /** Fund quarters of history. */
  quarters: number
  companies: { active: number; exited: number; writtenOff: number }
  invested: number
  /** Active holdings at ownership × last post-money. */
  nav: number
  proceeds: number
  calls: number
  distributions: number
  fees: number
  carry: number
  /** Cash at the fund on the reforecast date: calls and exit proceeds less costs, fees, carry and distributions. */
  cash: number
}

export function holdingsTotals(r: Reforecast): HoldingsTotals {
  const t: HoldingsTotals = { quarters: reforecastQuarter(r), companies: { active: 0, exited: 0, writtenOff: 0 }, invested: 0, nav: 0, proceeds: 0, calls: 0, distributions: 0, fees: 0, carry: 0, cash: 0 }
  for (const c of r.holdings.companies) {
    t.invested += c.invested
    if (c.status === 'active') {
      t.companies.active++
      t.nav += c.ownership * c.postMoney
    } else if (c.status === 'exited') {
      t.companies.exited++
      t.proceeds += c.proceeds ?? 0
    } else t.companies.writtenOff++
  }
  for (const f of r.holdings.cashFlows) {
    t.calls += f.calls
    t.distributions += f.distributions
    t.fees += f.fees
    t.carry += f.carry ?? 0
  }
  t.cash = Math.max(0, t.calls + t.proceeds - t.invested - t.fees - t.carry - t.distributions)
  return t
}
