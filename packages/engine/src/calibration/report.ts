import { EngineError } from '../issues.ts'
import { ENGINE_VERSION } from '../version.ts'
import { CALIBRATION_BENCHMARKS } from './benchmarks/index.ts'
import { judgeBenchmark } from './judge.ts'
import { DEFAULT_CALIBRATION_TRIALS, MAX_CALIBRATION_TRIALS, MIN_CALIBRATION_TRIALS } from './trial-limits.ts'
import type { BenchmarkDefinition, BenchmarkResult, CalibrationReport, CalibrationSize } from './types.ts'

export { DEFAULT_CALIBRATION_TRIALS, MAX_CALIBRATION_TRIALS, MIN_CALIBRATION_TRIALS }

/** A cohort company costs about a twentieth of a fund trial. */
const COMPANIES_PER_TRIAL = 20
const REPLICATES = 10

/** Sample sizes for `trials` fund trials: cohorts get 20 companies per trial, 10 replicates each. */
export function calibrationSize(trials = DEFAULT_CALIBRATION_TRIALS): CalibrationSize {
  if (!Number.isInteger(trials) || trials < MIN_CALIBRATION_TRIALS || trials > MAX_CALIBRATION_TRIALS)
    throw new EngineError('calibration_trials', `calibration trials must be a whole number from ${MIN_CALIBRATION_TRIALS} to ${MAX_CALIBRATION_TRIALS}`)
  return { trials, companies: trials * COMPANIES_PER_TRIAL, replicates: REPLICATES }
}

export function findBenchmark(id: string): BenchmarkDefinition | undefined {
  return CALIBRATION_BENCHMARKS.find((b) => b.id === id)
}

/** One benchmark's row. Deterministic: the same size gives the same numbers in any runner. */
export function runBenchmark(def: BenchmarkDefinition, size: CalibrationSize): BenchmarkResult {
  return judgeBenchmark(def, def.measure(size))
}

/** The report from rows computed anywhere (e.g. one benchmark per worker), in the canonical order. */
export function assembleReport(size: CalibrationSize, rows: BenchmarkResult[]): CalibrationReport {
  const byId = new Map(rows.map((r) => [r.id, r]))
  const benchmarks = CALIBRATION_BENCHMARKS.map((d) => {
    const r = byId.get(d.id)
    if (!r) throw new EngineError('calibration_missing', `calibration report lacks benchmark ${d.id}`)
    return r
  })
  return { engineVersion: ENGINE_VERSION, size, passed: benchmarks.filter((b) => b.pass).length, total: benchmarks.length, benchmarks }
}

export interface CalibrationOptions {
  trials?: number
  /** Called after each benchmark with the count done, the total and the benchmark just finished. */
  onProgress?: (done: number, total: number, id: string) => void
}

/** Every benchmark in the calling thread. */
export function runCalibration(options: CalibrationOptions = {}): CalibrationReport {
  const size = calibrationSize(options.trials)
  const rows = CALIBRATION_BENCHMARKS.map((def, i) => {
    const row = runBenchmark(def, size)
    options.onProgress?.(i + 1, CALIBRATION_BENCHMARKS.length, def.id)
    return row
  })
  return assembleReport(size, rows)
}

/** The documented JSON: `{ engineVersion, benchmarks: [{ id, title, published, simulated, se, low, high, pass, … }] }`. */
export interface CalibrationJson {
  engineVersion: string
  trials: number
  passed: number
  total: number
  benchmarks: BenchmarkResult[]
}

export function calibrationJson(report: CalibrationReport): CalibrationJson {
  return {
    engineVersion: report.engineVersion,
    trials: report.size.trials,
    passed: report.passed,
    total: report.total,
    benchmarks: report.benchmarks.map((b) => ({
      id: b.id,
      title: b.title,
      published: b.published,
      simulated: b.simulated,
      se: b.se,
      low: b.low,
      high: b.high,
      pass: b.pass,
      unit: b.unit,
      source: b.source,
      band: b.band,
      method: b.method,
      ...(b.note ? { note: b.note } : {}),
      checks: b.checks,
    })),
  }
}
