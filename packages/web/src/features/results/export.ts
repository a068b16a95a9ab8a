import type { RunResult } from '@pcsim/engine'
import type { ExportMeta } from './export-meta.ts'
import { flattenLeaves } from './flatten.ts'

const PS = ['p1', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99'] as const
const cell = (v: unknown) => {
  const s = typeof v === 'number' ? String(v) : String(v ?? '')
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** The shocks a run applies, one row per field: scenario.shock, shock id, field, value. */
export function shockRows(shocks: ExportMeta['shocks']): unknown[][] {
  const rows: unknown[][] = []
  for (const s of shocks) {
    rows.push(['scenario.shock', s.id, 'fromYear', s.fromYear], ['scenario.shock', s.id, 'years', s.years], ['scenario.shock', s.id, 'sectors', s.sectors.length ? s.sectors.join(' ') : 'all'])
    if (s.regime) rows.push(['scenario.shock', s.id, 'regime', s.regime])
    for (const [k, v] of Object.entries(s.effects ?? {})) rows.push(['scenario.shock', s.id, `effects.${k}`, v])
    rows.push(['scenario.shock', s.id, 'indexDrift', s.indexDrift])
  }
  return rows
}

/**
 * A result as one CSV table: section, item, statistic, value. The run (fund, scenario, trials,
 * seed, engine), the shocks and every config field come first; then distributions (mean, sd, se,
 * percentiles), fans (P10–P90 per fund year), value rows (invested, proceeds, multiple), LP classes, policy.
 */
export function resultToCsv(r: RunResult, meta?: ExportMeta): string {
  const rows: unknown[][] = [['section', 'item', 'statistic', 'value']]
  rows.push(['run', 'name', '', r.name], ['run', 'seed', '', r.seed], ['run', 'trials', '', r.trials], ['run', 'currency', '', r.currency], ['run', 'engineVersion', '', r.engineVersion])
  rows.push(['run', 'scenario', '', meta?.scenario ?? r.config.market.shocks.map((s) => s.id).join(' + ')])
  rows.push(...shockRows(r.config.market.shocks))
  for (const [pointer, v] of flattenLeaves(r.config)) rows.push(['config', pointer, '', v])
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
  lpAndPolicyRows(r, rows)
  for (const [k, sf] of (r.subFunds ?? []).entries()) {
    const programme = s.fundOfFunds?.subFunds[k]?.programme ?? sf.id
    const held = r.config.subFunds?.find((x) => x.id === programme)?.lpClass
    const d = sf.result.summary.lpClasses.find((l) => l.id === held)?.netTvpi ?? sf.result.summary.netTvpi
    rows.push([`subFund.${sf.id}`, held ?? '', 'netTvpi mean', d.mean])
    for (const p of ['p10', 'p50', 'p90'] as const) rows.push([`subFund.${sf.id}`, held ?? '', `netTvpi ${p}`, d[p]])
  }
  for (const y of s.fundOfFunds?.byYear ?? []) for (const k of ['committed', 'calls', 'distributions', 'nav', 'coInvested'] as const) rows.push(['fundOfFunds', `year ${y.year}`, k, y[k]])
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n'
}

/** Per LP class (net TVPI, net IRR, DPI, P(loss)) and the policy outcomes, as section/item/statistic/value rows. */
function lpAndPolicyRows(r: RunResult, rows: unknown[][]): void {
  const s = r.summary
  for (const l of s.lpClasses ?? []) {
    rows.push([`lpClass.${l.id}`, l.kind, 'committed', l.committed])
    for (const [name, d] of [['netTvpi', l.netTvpi], ['netIrr', l.netIrr], ['dpi', l.dpi]] as const) {
      if (!d) continue
      rows.push([`lpClass.${l.id}`, name, 'mean', d.mean])
      for (const p of ['p10', 'p25', 'p50', 'p75', 'p90'] as const) rows.push([`lpClass.${l.id}`, name, p, d[p]])
    }
    rows.push([`lpClass.${l.id}`, 'loss', 'probability', l.probLoss.value], [`lpClass.${l.id}`, 'loss', 'se', l.probLoss.se])
  }
  const p = s.policy
  if (!p) return
  const dist = (item: string, d: { mean: number; p10: number; p50: number; p90: number } | null) => {
    if (d) rows.push(['policy', item, 'mean', d.mean], ['policy', item, 'p10', d.p10], ['policy', item, 'p50', d.p50], ['policy', item, 'p90', d.p90])
  }
  rows.push(['policy', 'governmentCommitted', 'value', p.governmentCommitted])
  if (p.privateCapitalMobilised.inFund !== null) rows.push(['policy', 'mobilisedInFund', 'value', p.privateCapitalMobilised.inFund])
  dist('mobilisedAtEntry', p.privateCapitalMobilised.atEntry)
  dist('mobilisedOverLife', p.privateCapitalMobilised.overLife)
  for (const x of p.reinvestment) {
    const item = `reinvestment.${x.classId}.${x.regions.join('+')}`
    rows.push(['policy', item, 'required', x.required], ['policy', item, 'probShortfall', x.probShortfall.value])
    dist(item, x.achieved)
  }
  rows.push(['policy', 'toleratedLoss', 'fund', p.toleratedLoss.fund], ['policy', 'toleratedLoss', 'deal', p.toleratedLoss.deal], ['policy', 'toleratedLoss', 'probBreach', p.toleratedLoss.probBreach.value])
  dist('lossRatio', p.toleratedLoss.lossRatio)
  if (p.toleratedLoss.dealBreachShare) rows.push(['policy', 'dealBreachShare', 'mean', p.toleratedLoss.dealBreachShare.mean])
  rows.push(['policy', 'companiesSupported', 'mean', p.companiesSupported.total])
  for (const x of p.companiesSupported.bySector) rows.push(['policy', `companiesSupported.sector.${x.id}`, 'mean', x.companies])
  for (const x of p.companiesSupported.byStage) rows.push(['policy', `companiesSupported.stage.${x.id}`, 'mean', x.companies])
  rows.push(['policy', 'unicorns', 'mean', p.unicorns.mean])
  for (const k of ['planned', 'reserved', 'started', 'producing', 'unstarted'] as const) rows.push(['policy', `pipeline.${k}`, 'mean', p.pipeline[k]])
  if (p.pipeline.cashDrag) rows.push(['policy', 'pipeline.cashDrag', 'mean', p.pipeline.cashDrag.mean])
  if (p.firstLossPaid) dist('firstLossPaid', p.firstLossPaid)
  if (p.guaranteePaid) dist('guaranteePaid', p.guaranteePaid)
  if (p.reinvestmentCost) {
    const k = p.reinvestmentCost
    rows.push(['policy', 'reinvestmentCost.netTvpi', 'mean', k.netTvpi.mean], ['policy', 'reinvestmentCost.netTvpi', 'se', k.netTvpi.se])
    rows.push(['policy', 'reinvestmentCost.probLoss', 'difference', k.probLoss.value], ['policy', 'reinvestmentCost.governmentTvpi', 'mean', k.governmentTvpi.mean])
  }
  rows.push(['policy', 'buyOutExercised', 'probability', p.buyOut.probExercised.value])
  for (const b of p.budget) rows.push(['policy.budget', `year ${b.year}`, 'expected', b.expected], ['policy.budget', `year ${b.year}`, 'p95', b.p95])
}
