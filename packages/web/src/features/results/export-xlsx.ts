import type { RunResult } from '@pcsim/engine'
import type { ExportMeta } from './export-meta.ts'
import { shockRows } from './export.ts'
import { flattenLeaves } from './flatten.ts'

const PS = ['p1', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99'] as const
const FAN_PS = ['p10', 'p25', 'p50', 'p75', 'p90'] as const

export interface WorkbookLabels {
  summary: string
  distributions: string
  fans: string
  lpClasses: string
  policy: string
  config: string
}

type Row = Array<string | number | boolean | null>

/**
 * An Excel workbook of a result (ExcelJS, loaded only when asked for): Summary (the run, scenario,
 * shocks, headline figures with P10–P90), Distributions, Fan charts by year, LP classes, Policy, Config.
 * Money in the fund currency's millions; multiples as ×; IRRs and probabilities as fractions formatted as %.
 */
export async function resultToXlsx(r: RunResult, meta: ExportMeta, sheetNames: WorkbookLabels): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = 'pcsim'
  const sheet = (name: string, head: string[], rows: Row[], widths: number[] = []) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.addRow(head).font = { bold: true }
    for (const row of rows) ws.addRow(row)
    head.forEach((_, i) => (ws.getColumn(i + 1).width = widths[i] ?? 14))
    return ws
  }
  const s = r.summary
  const headline: Row[] = [
    ['fund', meta.fund, '', '', ''],
    ['scenario', meta.scenario, '', '', ''],
    ['trials', r.trials, '', '', ''],
    ['seed', String(r.seed), '', '', ''],
    ['engineVersion', r.engineVersion, '', '', ''],
    ['currency', r.currency, '(money in millions)', '', ''],
    ['netTvpi', s.netTvpi.mean, s.netTvpi.p10, s.netTvpi.p50, s.netTvpi.p90],
    ['netIrr', s.netIrr.mean, s.netIrr.p10, s.netIrr.p50, s.netIrr.p90],
    ['dpi', s.dpi.mean, s.dpi.p10, s.dpi.p50, s.dpi.p90],
    ['probLoss', s.probLoss.value, s.probLoss.se, '', ''],
    ...Object.entries(s.probAtLeast).map(([k, p]): Row => [`probAtLeast${k}`, p.value, p.se, '', '']),
    ...shockRows(meta.shocks).map((x): Row => [`shock ${String(x[1])}`, String(x[2]), x[3] as number | string, '', '']),
  ]
  sheet(sheetNames.summary, ['item', 'value / mean', 'P10 / se', 'P50', 'P90'], headline, [28, 30, 14, 14, 14])
  const dists = { netTvpi: s.netTvpi, grossTvpi: s.grossTvpi, netIrr: s.netIrr, grossIrr: s.grossIrr, dpi: s.dpi, rvpi: s.rvpi, pme: s.pme }
  sheet(sheetNames.distributions, ['metric', 'mean', 'sd', 'se', ...PS], Object.entries(dists).map(([k, d]): Row => [k, d.mean, d.sd, d.se, ...PS.map((p) => d[p])]), [14])
  const fanRows: Row[] = []
  for (const [metric, points] of Object.entries(r.fan)) for (const p of points) fanRows.push([metric, p.year, ...FAN_PS.map((q) => p[q])])
  sheet(sheetNames.fans, ['metric', 'year', ...FAN_PS], fanRows, [16, 8])
  const lpRows: Row[] = (s.lpClasses ?? []).map((l) => [l.id, l.kind, l.committed, l.netTvpi?.p10 ?? null, l.netTvpi?.p50 ?? null, l.netTvpi?.p90 ?? null, l.netIrr?.p50 ?? null, l.dpi?.mean ?? null, l.probLoss.value, l.probLoss.se])
  sheet(sheetNames.lpClasses, ['class', 'kind', 'committed (m)', 'netTvpi P10', 'netTvpi P50', 'netTvpi P90', 'netIrr P50', 'dpi mean', 'P(loss)', 'se'], lpRows, [14, 16])
  const p = s.policy
  const policyRows: Row[] = []
  if (p) {
    policyRows.push(['governmentCommitted', p.governmentCommitted, null, null, null])
    policyRows.push(['mobilisedInFund', p.privateCapitalMobilised.inFund, null, null, null])
    for (const [k, d] of [['mobilisedAtEntry', p.privateCapitalMobilised.atEntry], ['mobilisedOverLife', p.privateCapitalMobilised.overLife], ['lossRatio', p.toleratedLoss.lossRatio]] as const)
      if (d) policyRows.push([k, d.mean, d.p10, d.p50, d.p90])
    policyRows.push(['toleratedLoss.probBreach', p.toleratedLoss.probBreach.value, null, null, null])
    policyRows.push(['companiesSupported', p.companiesSupported.total, null, null, null])
    policyRows.push(['unicorns', p.unicorns.mean, null, null, null])
    for (const x of p.reinvestment) policyRows.push([`reinvestment ${x.classId} ${x.regions.join('+')}`, x.achieved?.mean ?? null, x.achieved?.p10 ?? null, x.achieved?.p50 ?? null, x.achieved?.p90 ?? null])
    for (const b of p.budget) policyRows.push([`budget year ${b.year}`, b.expected, null, b.p95, null])
  }
  sheet(sheetNames.policy, ['item', 'value / mean', 'P10', 'P50 (budget: P95)', 'P90'], policyRows, [34])
  sheet(sheetNames.config, ['field (JSON Pointer)', 'value'], flattenLeaves(r.config).map(([k, v]): Row => [k, v]), [48, 30])
  const buffer = await wb.xlsx.writeBuffer()
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
}
