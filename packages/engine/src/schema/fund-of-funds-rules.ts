import type { ConfigIssue } from '../issues.ts'
import { plannedFees } from '../model/fees.ts'
import { coInvestmentShare, vintageAmounts } from '../model/fof-pacing.ts'
import type { SimulationConfig } from './config.ts'
import { MAX_YEARS } from './limits.ts'
import type { ParseFn } from './parse-result.ts'

type Add = (path: string, code: ConfigIssue['code'], params?: ConfigIssue['params']) => void
const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/** What the rules need of one parsed sub-fund entry. */
interface Programme {
  classCommitment: number
  /** Years the sub-fund can last: life plus extensions. */
  span: number
  startYear: number
}

/** A fund-of-funds: every sub-fund must parse, name one of its classes, and fit the mother. Its own
 * classes' terms are checked as any fund's (rules.ts); they apply to the mother's own flows. */
export function fundOfFundsIssues(c: SimulationConfig, add: Add, parse: ParseFn): void {
  const paced = c.fundOfFunds?.pacing !== undefined
  const seen = new Set<string>()
  let committed = 0
  const programmes: Array<Programme | null> = c.subFunds!.map((sf, i) => {
    const base = `/subFunds/${i}`
    if (seen.has(sf.id)) add(`${base}/id`, 'duplicate_id', { value: sf.id })
    seen.add(sf.id)
    committed += sf.commitment
    if ('subFunds' in sf.config) {
      add(`${base}/config/subFunds`, 'nested_fund_of_funds')
      return null
    }
    const parsed = parse({ ...sf.config, market: c.market, run: c.run })
    if (!parsed.ok) {
      for (const issue of parsed.issues) add(`${base}/config${issue.path}`, issue.code, issue.params)
      return null
    }
    if (parsed.config.subFunds?.length) {
      add(`${base}/config`, 'nested_fund_of_funds')
      return null
    }
    const cls = parsed.config.lpClasses.find((l) => l.id === sf.lpClass)
    if (!cls) {
      add(`${base}/lpClass`, 'unknown_class', { value: sf.lpClass, allowed: parsed.config.lpClasses.map((l) => l.id).join(', ') })
      return null
    }
    const classCommitment = cls.share * parsed.config.fund.size
    // under a pacing plan the entry's commitment is only its weight in each vintage
    if (!paced && sf.commitment > classCommitment * (1 + 1e-9)) add(`${base}/commitment`, 'commitment_above_class', { limit: round6(classCommitment) })
    const span = parsed.config.fund.lifeYears + parsed.config.fund.extensionYears
    const startYear = sf.startYear ?? 0
    if (!paced && startYear + span > MAX_YEARS) add(`${base}/startYear`, 'vintage_beyond_horizon', { value: span, limit: Math.max(0, Math.floor(MAX_YEARS - span)) })
    return { classCommitment, span, startYear }
  })
  const investable = c.fund.size - plannedFees(c.fund)
  const co = coInvestmentShare(c)
  if (!paced) {
    if (committed * (1 + co) > investable * (1 + 1e-9)) add(co > 0 ? '/fundOfFunds/coInvestment/share' : '/subFunds', co > 0 ? 'fof_over_committed' : 'over_committed', { value: round6(committed * (1 + co)), limit: round6(investable) })
    return
  }
  if (programmes.some((p) => p === null)) return
  pacingIssues(c, programmes as Programme[], committed, investable, add)
}

/** A pacing plan must commit something, keep every vintage inside the class it buys and the longest
 * horizon, and together with co-investment fit the mother's investable capital. */
function pacingIssues(c: SimulationConfig, programmes: Programme[], weightTotal: number, investable: number, add: Add): void {
  const pacing = c.fundOfFunds!.pacing!
  const at = pacing.method === 'amounts' ? '/fundOfFunds/pacing/amounts' : '/fundOfFunds/pacing'
  if (pacing.method === 'amounts' && !(pacing.amounts ?? []).some((a) => a > 0)) {
    add(at, 'pacing_needs_amounts')
    return
  }
  if (pacing.method === 'target_nav') {
    if (pacing.targetNav === undefined) add(at, 'required', { field: 'targetNav' })
    if (pacing.years === undefined) add(at, 'required', { field: 'years' })
    if (pacing.targetNav === undefined || pacing.years === undefined) return
  }
  const weights = c.subFunds!.map((s) => (weightTotal > 0 ? s.commitment / weightTotal : 0))
  const amounts = vintageAmounts(
    c,
    weights,
    programmes.map((p) => p.classCommitment),
  )
  let total = 0
  amounts.forEach((amount, v) => {
    total += amount
    if (amount <= 0) return
    const path = pacing.method === 'amounts' ? `${at}/${v}` : '/fundOfFunds/pacing/years'
    programmes.forEach((p, k) => {
      const commitment = amount * weights[k]!
      if (commitment > p.classCommitment * (1 + 1e-9)) add(path, 'commitment_above_class', { limit: round6(p.classCommitment / weights[k]!) })
      else if (commitment > 0 && p.startYear + v + p.span > MAX_YEARS) add(path, 'vintage_beyond_horizon', { value: p.span, limit: Math.max(0, Math.floor(MAX_YEARS - p.span)) })
    })
  })
  const co = coInvestmentShare(c)
  if (total * (1 + co) > investable * (1 + 1e-9)) add(co > 0 ? '/fundOfFunds/coInvestment/share' : at, 'fof_over_committed', { value: round6(total * (1 + co)), limit: round6(investable) })
}
