/** One CSV row per trial: trial index, then every per-trial metric the engine keeps. */
export function trialsToCsv(values: Record<string, Float64Array>, header: string[]): string {
  const metrics = Object.keys(values)
  const n = metrics.length ? values[metrics[0]!]!.length : 0
  const lines = [...header.map((h) => `# ${h}`), ['trial', ...metrics].join(',')]
  // NaN is the engine's "does not exist" (an IRR without a sign change): an empty cell
  for (let i = 0; i < n; i++) lines.push([i, ...metrics.map((m) => { const v = values[m]![i]!; return Number.isNaN(v) ? '' : v })].join(','))
  return lines.join('\n') + '\n'
}
