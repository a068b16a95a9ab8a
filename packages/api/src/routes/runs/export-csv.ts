const PERCENTILES = ['p1', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99'] as const
export const CSV_HEADER = ['metric', 'mean', 'sd', 'se', ...PERCENTILES]

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const cell = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '')
const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s)

/**
 * One row per distribution in a run summary (metric = dotted path: netTvpi, deployment.investedShare…),
 * then probability rows (probLoss, probAtLeast.2x…: the probability in `mean`, its standard error in `se`)
 * and outcome means (outcomes.exits…: mean and se).
 */
export function summaryRows(summary: unknown, prefix = ''): string[][] {
  const rows: string[][] = []
  const probabilities: string[][] = []
  const walk = (node: unknown, path: string) => {
    if (!isObject(node)) return
    if ('p50' in node && 'mean' in node && 'sd' in node) {
      rows.push([path, cell(node.mean), cell(node.sd), cell(node.se), ...PERCENTILES.map((p) => cell(node[p]))])
      return
    }
    const keys = Object.keys(node)
    if (keys.length === 2 && 'se' in node && ('value' in node || 'mean' in node)) {
      probabilities.push([path, cell(node.value ?? node.mean), '', cell(node.se), ...PERCENTILES.map(() => '')])
      return
    }
    for (const key of keys) walk(node[key], path ? `${path}.${key}` : key)
  }
  walk(summary, prefix)
  return [...rows, ...probabilities]
}

export function toCsv(rows: string[][]): string {
  return [CSV_HEADER, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n'
}

/** CSV of a finished run: its summary. */
export const runCsv = (result: unknown): string => toCsv(summaryRows((result as Json).summary))

/** CSV of a finished comparison: each run's summary prefixed `runs.<i>.`, then the paired differences. */
export function comparisonCsv(result: unknown): string {
  const comparison = result as { runs: Array<{ summary: unknown }>; pairs: Array<Json & { a: number; b: number }> }
  const rows = comparison.runs.flatMap((r, i) => summaryRows(r.summary, `runs.${i}`))
  for (const p of comparison.pairs) {
    const at = `pairs.${p.a}-${p.b}`
    for (const metric of ['netTvpi', 'netIrr'] as const) {
      const d = p[metric] as { mean: number; se: number }
      rows.push([`${at}.${metric}`, cell(d.mean), '', cell(d.se), ...PERCENTILES.map(() => '')])
    }
    const beat = p.probABeatsB as { value: number; se: number }
    rows.push([`${at}.probABeatsB`, cell(beat.value), '', cell(beat.se), ...PERCENTILES.map(() => '')])
  }
  return toCsv(rows)
}

/** CSV of a finished reforecast: the reforecast's summary prefixed `run.`, its plan's prefixed `plan.`. */
export function reforecastCsv(result: unknown): string {
  const { run, plan } = result as { run: Json; plan: Json }
  return toCsv([...summaryRows(run.summary, 'run'), ...summaryRows(plan.summary, 'plan')])
}
