import type { BenchmarkDefinition, BenchmarkResult, CheckResult, CheckSpec, Estimate, FigureUnit } from './types.ts'

/** The band is widened by this many Monte Carlo standard errors on each side. */
export const SE_ALLOWANCE = 3

/** A figure as people read it: shares in %, multiples with ×, years with y. */
export function formatFigure(x: number, unit: FigureUnit, digits = unit === 'share' ? 1 : 2): string {
  if (!Number.isFinite(x)) return 'n/a'
  if (unit === 'share') return `${(100 * x).toFixed(digits)}%`
  if (unit === 'multiple') return `${x.toFixed(digits)}×`
  if (unit === 'months') return `${x.toFixed(digits === 2 ? 1 : digits)} mo`
  return `${x.toFixed(digits)} y`
}

/** Inside [low − 3·SE, high + 3·SE], and a real number. */
export function withinBand(simulated: number, se: number, low: number, high: number, k = SE_ALLOWANCE): boolean {
  if (!Number.isFinite(simulated) || !Number.isFinite(se) || se < 0) return false
  return simulated >= low - k * se && simulated <= high + k * se
}

/** One check's verdict; a failing check says by how much and on which side. */
export function judgeCheck(spec: CheckSpec, e: Estimate): CheckResult {
  const finite = Number.isFinite(e.value) && Number.isFinite(e.se)
  const simulated = finite ? e.value : 0
  const se = finite ? e.se : 0
  const pass = finite && !e.censored && withinBand(e.value, e.se, spec.low, spec.high)
  const result: CheckResult = { id: spec.id, title: spec.title, unit: spec.unit, published: spec.published, simulated, se, low: spec.low, high: spec.high, band: spec.band, pass }
  if (!pass) {
    const f = (x: number) => formatFigure(x, spec.unit)
    const range = `${f(spec.low)}–${f(spec.high)} ± 3 SE`
    result.note = !finite
      ? `${spec.title}: the model gives no finite figure`
      : e.censored
        ? `${spec.title}: beyond ${f(e.value)}, the last figure the simulation observes (band ${range})`
        : `${spec.title}: ${f(e.value)} ± ${f(e.se)} is ${e.value < spec.low ? 'below' : 'above'} ${range}`
  }
  return result
}

/** A benchmark's row: the headline check's figures, passing only if every check passes. */
export function judgeBenchmark(def: BenchmarkDefinition, estimates: Estimate[]): BenchmarkResult {
  if (estimates.length !== def.checks.length) throw new RangeError(`benchmark ${def.id}: ${estimates.length} estimates for ${def.checks.length} checks`)
  const checks = def.checks.map((c, i) => judgeCheck(c, estimates[i]!))
  const head = checks[0]!
  const pass = checks.every((c) => c.pass)
  const failed = checks.filter((c) => !c.pass).map((c) => c.note!)
  const note = pass ? undefined : [...failed, ...(def.limitation ? [def.limitation] : []), ...(def.conflict ? [def.conflict] : [])].join('; ')
  return {
    id: def.id,
    title: def.title,
    source: def.source,
    method: def.method,
    unit: head.unit,
    published: head.published,
    simulated: head.simulated,
    se: head.se,
    low: head.low,
    high: head.high,
    band: head.band,
    pass,
    ...(note ? { note } : {}),
    checks,
  }
}
