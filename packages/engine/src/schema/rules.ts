import { makeIssue, type ConfigIssue } from '../issues.ts'
import { directConstruction, horizonQuarters, planBase } from '../model/fund-construction.ts'
import { resolveSectorModel } from '../model/sector-model.ts'
import type { SimulationConfig } from './config.ts'
import { ENTRY_ROUND, ENTRY_STAGE_IDS, REGIME_IDS, ROUND_IDS, SECTOR_IDS } from './ids.ts'
import { MAX_COMPANIES, MAX_YEARS } from './limits.ts'
import { regionTargets } from '../model/regions.ts'
import { fundOfFundsIssues } from './fund-of-funds-rules.ts'
import type { ParseFn } from './parse-result.ts'
import { reforecastIssues } from '../reforecast/holdings-rules.ts'

const TOLERANCE = 1e-6
const round6 = (x: number) => Math.round(x * 1e6) / 1e6
const total = (o: Record<string, number | undefined>) => Object.values(o).reduce<number>((a, b) => a + (b ?? 0), 0)

/** Cross-field rules JSON Schema cannot express. Runs on a config that passed the schema; `parse`
 * reads a fund-of-funds' sub-fund configs. */
export function ruleIssues(c: SimulationConfig, parse: ParseFn): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  const add = (path: string, code: ConfigIssue['code'], params: ConfigIssue['params'] = {}) => issues.push(makeIssue(path, code, params))
  const { fund, strategy, market, companies } = c
  if (c.reforecast) issues.push(...reforecastIssues(c.reforecast, c, '/reforecast'))

  const sectorSum = total(strategy.sectorWeights)
  if (Math.abs(sectorSum - 1) > TOLERANCE) add('/strategy/sectorWeights', 'weights_not_normalised', { sum: round6(sectorSum) })
  const stageSum = total(strategy.stageWeights)
  if (Math.abs(stageSum - 1) > TOLERANCE) add('/strategy/stageWeights', 'weights_not_normalised', { sum: round6(stageSum) })

  const shareSum = c.lpClasses.reduce((a, l) => a + l.share, 0)
  if (Math.abs(shareSum - 1) > TOLERANCE) add('/lpClasses', 'shares_not_normalised', { sum: round6(shareSum) })
  const ids = new Set<string>()
  c.lpClasses.forEach((l, i) => {
    if (ids.has(l.id)) add(`/lpClasses/${i}/id`, 'duplicate_id', { value: l.id })
    ids.add(l.id)
  })
  if (c.lpClasses.filter((l) => l.kind === 'gp').length > 1) add('/lpClasses', 'gp_class_count')

  lpTermIssues(c, add)

  const regionSum = total(strategy.regionWeights)
  if (Math.abs(regionSum - 1) > TOLERANCE) add('/strategy/regionWeights', 'weights_not_normalised', { sum: round6(regionSum) })
  if (strategy.pipeline.enabled && (Math.round(strategy.pipeline.plannedPerQuarter) < 1 || strategy.pipeline.reserveRate <= 0 || strategy.pipeline.startRate <= 0))
    add('/strategy/pipeline', 'pipeline_empty')

  if (fund.investmentPeriodYears > fund.lifeYears)
    add('/fund/investmentPeriodYears', 'period_exceeds_life', { other: 'life', limit: fund.lifeYears })
  if (strategy.deploymentYears > fund.investmentPeriodYears)
    add('/strategy/deploymentYears', 'period_exceeds_life', { other: 'investmentPeriod', limit: fund.investmentPeriodYears })
  const end = fund.lifeYears + fund.extensionYears
  if (end > MAX_YEARS) add('/fund/extensionYears', 'too_big', { limit: round6(MAX_YEARS - fund.lifeYears) })
  if (c.run.evaluateAtYear !== undefined && c.run.evaluateAtYear > end) add('/run/evaluateAtYear', 'year_after_end', { limit: end })
  callIssues(c, add)
  if (fund.recycling.untilYear > fund.lifeYears) add('/fund/recycling/untilYear', 'year_after_end', { limit: fund.lifeYears })
  if (fund.carry.rate > 0 && fund.carry.catchUp > 0 && fund.carry.catchUp <= fund.carry.rate)
    add('/fund/carry/catchUp', 'catch_up_below_carry', { limit: fund.carry.rate })

  if (market.factors.acrossSector > market.factors.withinSector) add('/market/factors/acrossSector', 'correlation_order')
  for (const [from, row] of Object.entries(market.regimes.switchTo)) {
    const s = total(row)
    if (Math.abs(s - 1) > TOLERANCE) add(`/market/regimes/switchTo/${from}`, 'shares_not_normalised', { sum: round6(s) })
  }
  market.shocks.forEach((s, i) => {
    if (s.fromYear >= end) add(`/market/shocks/${i}/fromYear`, 'year_after_end', { limit: end })
  })

  for (const sector of SECTOR_IDS) {
    if (!companies.sectors[sector]) continue
    const m = resolveSectorModel(sector, c)
    for (const r of ROUND_IDS) {
      const x = m.rounds[r]
      const s = x.next + x.acquisition + x.listing + x.fail
      if (s > 1 + TOLERANCE) add(`/companies/sectors/${sector}/rounds/${r}`, 'probabilities_exceed_one', { sum: round6(s) })
    }
    if (m.tail.cap <= m.tail.start) add(`/companies/sectors/${sector}/tail/cap`, 'bounds_inverted')
  }

  const terms = companies.dealTerms
  for (const g of REGIME_IDS) {
    const sum = terms.downRounds[g] + terms.flatRounds[g]
    if (sum > 1 + TOLERANCE) add(`/companies/dealTerms/flatRounds/${g}`, 'round_shares_exceed_one', { sum: round6(sum) })
  }

  const pl = companies.powerLaw
  if (pl.kind === 'pareto') {
    if (pl.high <= pl.low) add('/companies/powerLaw/high', 'bounds_inverted')
    if (pl.shift > pl.low) add('/companies/powerLaw/shift', 'shift_above_low')
  } else {
    if (pl.buckets.length === 0) add('/companies/powerLaw/buckets', 'too_short', { limit: 1 })
    const s = pl.buckets.reduce((a, b) => a + b.probability, 0)
    if (pl.buckets.length > 0 && Math.abs(s - 1) > TOLERANCE) add('/companies/powerLaw/buckets', 'shares_not_normalised', { sum: round6(s) })
    pl.buckets.forEach((b, i) => {
      if (b.high < b.low) add(`/companies/powerLaw/buckets/${i}/high`, 'bounds_inverted')
    })
  }

  if (c.subFunds && c.subFunds.length > 0) {
    fundOfFundsIssues(c, add, parse)
    return issues
  }
  if (c.fundOfFunds) add('/fundOfFunds', 'needs_sub_funds')
  if (issues.length > 0) return issues
  const construction = directConstruction(planBase(c, horizonQuarters(c)))
  const companiesCount = construction.requested
  if (companiesCount > MAX_COMPANIES) add('/strategy/chequeSize', 'too_many_companies', { value: companiesCount, limit: MAX_COMPANIES })
  else if (companiesCount === 0) add('/strategy/chequeSize', 'no_deals')
  else if (construction.initialTotal > construction.investable * (1 + 1e-9))
    add('/strategy/chequeSize', 'over_committed', { value: round6(construction.initialTotal), limit: round6(construction.investable) })
  if (issues.length > 0) return issues
  if (regionTargets(c, construction.initialTotal + construction.reserveBudget) === null)
    c.lpClasses.forEach((l, i) => {
      if ((l.terms?.localReinvestment?.multiple ?? 0) > 0)
        add(`/lpClasses/${i}/terms/localReinvestment/multiple`, 'reinvestment_unreachable', { limit: round6(construction.initialTotal + construction.reserveBudget) })
    })
  chequeIssues(c, add)
  return issues
}

/** A tranche schedule must exist when chosen, fall within the fund's life and call at most the commitments. */
function callIssues(c: SimulationConfig, add: Add): void {
  const calls = c.fund.capitalCalls
  if (calls.policy !== 'tranches') return
  if (calls.tranches.length === 0) add('/fund/capitalCalls/tranches', 'too_short', { limit: 1 })
  calls.tranches.forEach((t, i) => {
    if (t.year > c.fund.lifeYears) add(`/fund/capitalCalls/tranches/${i}/year`, 'year_after_end', { limit: c.fund.lifeYears })
  })
  const sum = calls.tranches.reduce((a, t) => a + t.share, 0)
  if (sum > 1 + TOLERANCE) add('/fund/capitalCalls/tranches', 'tranches_exceed_commitments', { sum: round6(sum) })
}

type Add = (path: string, code: ConfigIssue['code'], params?: ConfigIssue['params']) => void

/** Checks that LP terms name real classes, leave someone to receive what a class gives up, and fit. */
function lpTermIssues(c: SimulationConfig, add: Add): void {
  const ids = c.lpClasses.map((l) => l.id)
  const checkReceivers = (path: string, list: readonly string[], self: string, allowGp: boolean, refuseCapped = true) => {
    list.forEach((id, j) => {
      if (id === 'gp' && allowGp) {
        if (list.length > 1) add(`${path}/${j}`, 'gp_not_alone')
      } else if (!ids.includes(id)) add(`${path}/${j}`, 'unknown_class', { value: id, allowed: ids.join(', ') })
      else if (id === self) add(`${path}/${j}`, 'receiver_is_self', { value: id })
      else if (refuseCapped && c.lpClasses.find((x) => x.id === id)?.terms?.cappedReturn) add(`${path}/${j}`, 'receiver_capped', { value: id })
    })
  }
  let firstLoss = 0
  c.lpClasses.forEach((l, i) => {
    const t = l.terms
    if (!t) return
    const base = `/lpClasses/${i}/terms`
    if (t.cappedReturn) checkReceivers(`${base}/cappedReturn/upsideTo`, t.cappedReturn.upsideTo, l.id, true)
    if (t.profitConcession) checkReceivers(`${base}/profitConcession/to`, t.profitConcession.to, l.id, true)
    if (t.buyOut) {
      checkReceivers(`${base}/buyOut/buyers`, t.buyOut.buyers, l.id, false, false)
      t.buyOut.buyers.forEach((id, j) => {
        const buyer = c.lpClasses.find((x) => x.id === id)
        if (buyer && buyer.kind === 'government') add(`${base}/buyOut/buyers/${j}`, 'buyer_not_private', { value: id })
      })
      if (t.buyOut.windowYears > c.fund.lifeYears) add(`${base}/buyOut/windowYears`, 'year_after_end', { limit: c.fund.lifeYears })
    }
    for (const term of ['firstLoss', 'cashGuarantee'] as const) {
      const cap = t[term]
      if (!cap) continue
      if (cap.share > l.share + TOLERANCE) add(`${base}/${term}/share`, 'first_loss_above_commitment', { limit: l.share })
      const commitment = l.share * c.fund.size
      if (cap.amount !== undefined && cap.amount > commitment * (1 + TOLERANCE)) add(`${base}/${term}/amount`, 'loss_cap_above_commitment', { limit: round6(commitment) })
    }
    if (t.firstLoss && ++firstLoss > 1) add(`${base}/firstLoss`, 'first_loss_one_class')
  })
}

/** A cheque must buy less than half of a company at its median entry valuation; more would mean
 * ownership near or above 100% and follow-ons larger than the rounds themselves. */
function chequeIssues(c: SimulationConfig, add: Add): void {
  for (const stage of ENTRY_STAGE_IDS) {
    if (!((c.strategy.stageWeights[stage] ?? 0) > 0)) continue
    let smallest = Infinity
    for (const sector of SECTOR_IDS) {
      if (!((c.strategy.sectorWeights[sector] ?? 0) > 0)) continue
      smallest = Math.min(smallest, resolveSectorModel(sector, c).rounds[ROUND_IDS[ENTRY_ROUND[stage]]!].postMoney)
    }
    if (c.companies.model === 'lifecycle' && c.strategy.chequeSize[stage] > smallest / 2)
      add(`/strategy/chequeSize/${stage}`, 'cheque_above_valuation', { limit: round6(smallest / 2) })
  }
}
