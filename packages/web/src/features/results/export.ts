import type { RunResult } from '@pcsim/engine'

const PS = ['p1', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99'] as const
const cell = (v: unknown) => {
  const s = typeof v === 'number' ? String(v) : String(v ?? '')
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/**
 * A result as one CSV table: section, item, statistic, value. Distributions give mean, sd, se and
 * percentiles; fans give P10–P90 per fund year; value rows give invested, proceeds and multiple.
 */
export function resultToCsv(r: RunResult): string {
  const rows: unknown[][] = [['section', 'item', 'statistic', 'value']]
  rows.push(['run', 'name', '', r.name], ['run', 'seed', '', r.seed], ['run', 'trials', '', r.trials], ['run', 'currency', '', r.currency], ['run', 'engineVersion', '', r.engineVersion])
  const s = r.summary
  const dists = { netTvpi: s.netTvpi, grossTvpi: s.grossTvpi, netIrr: s.netIrr, grossIrr: s.grossIrr, dpi: s.dpi, rvpi: s.rvpi, pme: s.pme } as const
  for (const [name, d] of Object.entries(dists)) {
    rows.push(['distribution', name, 'mean', d.mean], ['distribution', name, 'sd', d.sd], ['distribution', name, 'se', d.se])
    for (const p of PS) rows.push(['distribution', name, p, d[p]])
  }
  rows.push(['probability', 'loss', 'value', s.probLoss.value], ['probability', 'loss', 'se', s.probLoss.se])
  for (const [k, p] of Object.entries(s.probAtLeast)) rows.push(['probability', `atLeast${k}`, 'value', p.value], ['probability', `atLeast${k}`, 'se', p.se])
  rows.push(['probability', 'oneDealReturnsFund', 'value', s.concentration.probOneDealReturnsFund.value])
  rows.push(['risk', 'valueAtRisk', 'p95', s.valueAtRisk.p95], ['risk', 'valueAtRisk', 'p99', s.valueAtRisk.p99])
  rows.push(['risk', 'conditionalValueAtRisk', 'p95', s.conditionalValueAtRisk.p95], ['risk', 'conditionalValueAtRisk', 'p99', s.conditionalValueAtRisk.p99])
  for (const [k, v] of Object.entries(s.deployment.planned)) rows.push(['construction', k, 'planned', v])
  for (const [k, v] of Object.entries(s.outcomes)) rows.push(['outcomes', k, 'mean', v.mean])
  for (const [metric, points] of Object.entries(r.fan))
    for (const p of points) for (const q of ['p10', 'p25', 'p50', 'p75', 'p90'] as const) rows.push([`fan.${metric}`, `year ${p.year}`, q, p[q]])
  for (const g of ['sectors', 'stages'] as const)
    for (const v of r.valueBy[g]) rows.push([`valueBy.${g}`, v.id, 'invested', v.invested], [`valueBy.${g}`, v.id, 'proceeds', v.proceeds], [`valueBy.${g}`, v.id, 'multiple', v.multiple])
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n'
}
