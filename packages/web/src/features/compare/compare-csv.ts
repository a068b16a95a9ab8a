import type { ComparisonResult } from '@pcsim/engine'

const cell = (v: unknown) => {
  const s = String(v ?? '')
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/**
 * A comparison as one CSV table: section, strategy (or pair), statistic, value. Strategies are
 * named by letter and fund name; pairs as "A − B" meaning first minus second on the same futures.
 */
export function comparisonToCsv(r: ComparisonResult): string {
  const letter = (i: number) => String.fromCharCode(65 + i)
  const rows: unknown[][] = [['section', 'item', 'statistic', 'value'], ['run', 'seed', '', r.seed], ['run', 'trials', '', r.trials], ['run', 'engineVersion', '', r.runs[0]?.engineVersion ?? '']]
  r.runs.forEach((run, i) => {
    const item = `${letter(i)} ${run.name}`
    const s = run.summary
    rows.push(['strategy', item, 'currency', run.currency], ['strategy', item, 'shocks', run.config.market.shocks.map((x) => x.id).join(' + ')])
    for (const [name, d] of [['netTvpi', s.netTvpi], ['netIrr', s.netIrr], ['dpi', s.dpi]] as const) for (const q of ['mean', 'p10', 'p50', 'p90'] as const) rows.push(['strategy', item, `${name} ${q}`, d[q]])
    rows.push(['strategy', item, 'probLoss', s.probLoss.value], ['strategy', item, 'probLoss se', s.probLoss.se])
    for (const l of s.lpClasses ?? []) rows.push(['lpClass', `${item} / ${l.id}`, 'netTvpi p50', l.netTvpi?.p50 ?? ''], ['lpClass', `${item} / ${l.id}`, 'probLoss', l.probLoss.value])
    if (s.policy) rows.push(['policy', item, 'mobilisedInFund', s.policy.privateCapitalMobilised.inFund ?? ''], ['policy', item, 'companiesSupported', s.policy.companiesSupported.total], ['policy', item, 'probBreach', s.policy.toleratedLoss.probBreach.value])
  })
  for (const p of r.pairs) {
    const item = `${letter(p.a)} − ${letter(p.b)}`
    rows.push(['pair', item, 'netTvpi mean difference', p.netTvpi.mean], ['pair', item, 'netTvpi ci95 low', p.netTvpi.ci95[0]], ['pair', item, 'netTvpi ci95 high', p.netTvpi.ci95[1]])
    rows.push(['pair', item, 'netIrr mean difference', p.netIrr.mean], ['pair', item, 'netIrr ci95 low', p.netIrr.ci95[0]], ['pair', item, 'netIrr ci95 high', p.netIrr.ci95[1]])
    rows.push(['pair', item, `P(${letter(p.a)} beats ${letter(p.b)})`, p.probABeatsB.value])
  }
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n'
}
