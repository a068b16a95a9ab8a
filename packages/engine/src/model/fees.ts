import type { FundTerms } from '../schema/fund.ts'

/** Fee rate and basis that apply in quarter q (0-based). */
export function feeTermsAt(fund: FundTerms, quarter: number): { rate: number; basis: FundTerms['managementFee']['basis'] } {
  const fee = fund.managementFee
  return quarter / 4 < fee.stepDownYear ? { rate: fee.rate, basis: fee.basis } : { rate: fee.rateAfterStepDown, basis: fee.basisAfterStepDown }
}

/** Quarters in which management fees are charged: the fund's life, not its extensions. */
export const feeQuarters = (fund: FundTerms): number => Math.round(fund.lifeYears * 4)

/** Fee for one quarter given the possible bases (paid-in: capital called before the quarter; a plan
 * that does not know it assumes full commitments). */
export function quarterFee(fund: FundTerms, quarter: number, invested: number, nav: number, paidIn = fund.size): number {
  if (quarter >= feeQuarters(fund)) return 0
  const { rate, basis } = feeTermsAt(fund, quarter)
  const base = basis === 'committed' ? fund.size : basis === 'paid_in' ? paidIn : basis === 'invested' ? invested : nav
  return (rate / 4) * base
}

/** Fees the budget sets aside: exact for a committed basis (and a paid-in one, taken as fully paid
 * in); for invested or NAV bases it assumes the whole investable capital is at work, so the plan
 * never under-reserves. Solves P = A + R·(size − P). */
export function plannedFees(fund: FundTerms): number {
  let onCommitted = 0
  let perInvestable = 0
  for (let q = 0; q < feeQuarters(fund); q++) {
    const { rate, basis } = feeTermsAt(fund, q)
    if (basis === 'committed' || basis === 'paid_in') onCommitted += (rate / 4) * fund.size
    else perInvestable += rate / 4
  }
  return Math.min(fund.size, (onCommitted + perInvestable * fund.size) / (1 + perInvestable))
}
