import { plannedFees } from './fees.ts'
import type { SimulationConfig } from '../schema/config.ts'
import type { PacingModel } from '../schema/fund-of-funds.ts'

/** Takahashi–Alexander parameters of a target-NAV plan when the config gives none: the illustrative
 * set attributed to Takahashi & Alexander (2002), calls 25% / 33% / 50% of the uncalled commitment,
 * bow 2.5, life 12 years, no yield (docs/references.md [R39]); growth 10% a year (docs/references.md
 * [R39], Jeet's M = 1.8, G = 10%, L = 12 example). */
export const DEFAULT_PACING_MODEL: PacingModel = { callRates: [0.25, 0.33, 0.5], growth: 0.1, bow: 2.5, lifeYears: 12, yield: 0 }

/**
 * NAV at the end of each year of life (index 0 = end of year 1) of a commitment of 1 under the
 * Takahashi–Alexander model: C_t = RC_t·(1 − paid-in), D_t = RD_t·NAV_{t−1}·(1 + G) with
 * RD_t = min(1, max(Y, (t/L)^B)), NAV_t = NAV_{t−1}·(1 + G) + C_t − D_t.
 */
export function takahashiAlexanderNav(m: PacingModel, years: number): number[] {
  const out: number[] = []
  let paid = 0
  let nav = 0
  for (let t = 1; t <= years; t++) {
    const rc = m.callRates[Math.min(t, m.callRates.length) - 1]!
    const call = rc * (1 - paid)
    paid += call
    const rd = Math.min(1, Math.max(m.yield, (t / m.lifeYears) ** m.bow))
    const grown = nav * (1 + m.growth)
    nav = grown - rd * grown + call
    out.push(nav)
  }
  return out
}

/**
 * A target-NAV plan: in each vintage year v the mother commits what brings the projected NAV, at the
 * age a at which one commitment's NAV peaks, back to the target: C_v = (T − P_v) / n(a), where P_v is
 * the NAV that earlier vintages are projected to hold in year v + a and n(a) the peak NAV of a unit
 * commitment; never below 0, never above `perVintageCap` or the budget left.
 */
export function targetNavPlan(target: number, years: number, m: PacingModel, budget: number, perVintageCap = Number.POSITIVE_INFINITY): number[] {
  const curve = takahashiAlexanderNav(m, years + 60)
  let peak = 0
  for (let a = 1; a < curve.length; a++) if (curve[a]! > curve[peak]!) peak = a
  const unit = curve[peak]!
  const plan: number[] = []
  let left = budget
  for (let v = 0; v < years; v++) {
    // NAV of earlier vintages at the end of year v + peak + 1 (the new vintage's peak year)
    let projected = 0
    for (let u = 0; u < v; u++) projected += plan[u]! * curve[v - u + peak]!
    const c = unit > 0 ? Math.max(0, Math.min((target - projected) / unit, left, perVintageCap)) : 0
    plan.push(c)
    left -= c
  }
  return plan
}

/** One sub-fund of the mother's plan: which `subFunds` entry, when it starts, what the mother commits. */
export interface PlannedSubFund {
  index: number
  id: string
  startYear: number
  commitment: number
}

/** The mother's investable capital: its size less the fees it plans to charge. */
export const motherInvestable = (config: SimulationConfig): number => config.fund.size - plannedFees(config.fund)

/**
 * The sub-funds the mother commits to. Without a pacing plan: each `subFunds` entry once, at its own
 * start year (default 0), with its commitment. With one: every entry is a programme and each vintage
 * year's amount is split across the programmes in proportion to their commitments, the vintage of
 * programme k starting in year startYear_k + v (vintages with nothing committed are left out).
 * `classLimits[k]` (the class commitment the mother can buy in programme k) caps a target-NAV plan.
 */
export function planSubFunds(config: SimulationConfig, classLimits?: number[]): PlannedSubFund[] {
  const subs = config.subFunds ?? []
  const pacing = config.fundOfFunds?.pacing
  if (!pacing) return subs.map((s, index) => ({ index, id: s.id, startYear: s.startYear ?? 0, commitment: s.commitment }))
  const total = subs.reduce((a, s) => a + s.commitment, 0)
  const weights = subs.map((s) => (total > 0 ? s.commitment / total : 0))
  const amounts = vintageAmounts(config, weights, classLimits)
  const out: PlannedSubFund[] = []
  amounts.forEach((amount, v) => {
    if (amount <= 0) return
    subs.forEach((s, index) => {
      const commitment = amount * weights[index]!
      if (commitment > 0) out.push({ index, id: `${s.id}-v${v}`, startYear: (s.startYear ?? 0) + v, commitment })
    })
  })
  return out
}

/** Amounts committed per vintage year under the pacing plan. */
export function vintageAmounts(config: SimulationConfig, weights: number[], classLimits?: number[]): number[] {
  const pacing = config.fundOfFunds?.pacing
  if (!pacing) return []
  if (pacing.method === 'amounts') return pacing.amounts ?? []
  const cap = classLimits ? Math.min(...weights.map((w, k) => (w > 0 ? classLimits[k]! / w : Number.POSITIVE_INFINITY))) : Number.POSITIVE_INFINITY
  const budget = motherInvestable(config) / (1 + coInvestmentShare(config))
  return targetNavPlan((pacing.targetNav ?? 0) * config.fund.size, pacing.years ?? 1, pacing.model ?? DEFAULT_PACING_MODEL, Math.max(0, budget), cap)
}

/** The mother's co-investment per unit of its look-through part of each sub-fund cheque. At most
 * the same again as its commitments can go out beside them, so commitments × (1 + share) must fit
 * the mother's investable capital. */
export const coInvestmentShare = (config: SimulationConfig): number => config.fundOfFunds?.coInvestment?.share ?? 0
