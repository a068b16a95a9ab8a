import type { ConfigIssue } from '../issues.ts'
import { plannedFees } from '../model/fees.ts'
import type { SimulationConfig } from './config.ts'
import type { ParseFn } from './parse-result.ts'

type Add = (path: string, code: ConfigIssue['code'], params?: ConfigIssue['params']) => void
const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/** A fund-of-funds: every sub-fund must parse, name one of its classes, and fit the mother. */
export function fundOfFundsIssues(c: SimulationConfig, add: Add, parse: ParseFn): void {
  c.lpClasses.forEach((l, i) => {
    if (l.terms && Object.keys(l.terms).length > 0) add(`/lpClasses/${i}/terms`, 'terms_not_supported')
  })
  const seen = new Set<string>()
  let committed = 0
  c.subFunds!.forEach((sf, i) => {
    const base = `/subFunds/${i}`
    if (seen.has(sf.id)) add(`${base}/id`, 'duplicate_id', { value: sf.id })
    seen.add(sf.id)
    committed += sf.commitment
    if ('subFunds' in sf.config) {
      add(`${base}/config/subFunds`, 'nested_fund_of_funds')
      return
    }
    const parsed = parse({ ...sf.config, market: c.market, run: c.run })
    if (!parsed.ok) {
      for (const issue of parsed.issues) add(`${base}/config${issue.path}`, issue.code, issue.params)
      return
    }
    if (parsed.config.subFunds?.length) {
      add(`${base}/config`, 'nested_fund_of_funds')
      return
    }
    const cls = parsed.config.lpClasses.find((l) => l.id === sf.lpClass)
    if (!cls) {
      add(`${base}/lpClass`, 'unknown_class', { value: sf.lpClass, allowed: parsed.config.lpClasses.map((l) => l.id).join(', ') })
      return
    }
    const classCommitment = cls.share * parsed.config.fund.size
    if (sf.commitment > classCommitment * (1 + 1e-9)) add(`${base}/commitment`, 'commitment_above_class', { limit: round6(classCommitment) })
  })
  const investable = c.fund.size - plannedFees(c.fund)
  if (committed > investable * (1 + 1e-9)) add('/subFunds', 'over_committed', { value: round6(committed), limit: round6(investable) })
}
