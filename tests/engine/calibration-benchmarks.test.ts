import { describe, expect, it } from 'vitest'
import { CALIBRATION_BENCHMARKS, formatFigure, runCalibration, type BenchmarkResult } from '@pcsim/engine'

/**
 * The built-in calibration report (`pcsim calibrate`), computed once for the whole file: one test per
 * benchmark of calibration.md §7, the Chinese exit-route mixes and the RMB J-curve. A test fails when
 * any figure of its benchmark leaves its band widened by 3 Monte Carlo standard errors; the message is
 * the report's own note. 20,000 fund trials per fund benchmark and 400,000 companies per cohort
 * benchmark (≈30 s on one core), so standard errors are small beside the bands.
 */
const report = runCalibration({ trials: 20_000 })
const byId = new Map(report.benchmarks.map((b) => [b.id, b]))

const describeRow = (b: BenchmarkResult) =>
  b.checks.map((c) => `${c.title}: ${formatFigure(c.simulated, c.unit)} ± ${formatFigure(c.se, c.unit, 2)} (band ${formatFigure(c.low, c.unit)}–${formatFigure(c.high, c.unit)})`).join('; ')

/**
 * Benchmarks the defaults cannot meet, with the report's reason (`conflict` in their definitions):
 * each must still fail, say why, and stay at its explained figures (bands of about ±5 SE or a
 * quarter-year around today's 20,000-trial value), so that any drift of the model still fails here.
 */
const KNOWN_FAILURES: Record<string, { why: string; stays: Record<string, [number, number]> }> = {
  'b6-fund-dispersion': {
    why: 'Kauffman',
    stays: { '2017-median': [1.3, 1.35], '2017-p90': [2.17, 2.25], '2021-median': [0.765, 0.79] },
  },
  'rmb-j-curve': {
    why: 'spread of manager skill',
    stays: { 'median-dpi-1': [8.75, 9.25], 'bottom-quartile-dpi-1': [9.75, 10.25], 'top-quartile-dpi-5y': [0.37, 0.41] },
  },
}

describe('calibration benchmarks (band + 3 SE)', () => {
  it('covers every benchmark once', () => {
    expect(report.benchmarks.map((b) => b.id)).toEqual(CALIBRATION_BENCHMARKS.map((b) => b.id))
  })

  for (const def of CALIBRATION_BENCHMARKS)
    it(`${def.id}: ${def.title}`, () => {
      const row = byId.get(def.id)!
      for (const c of row.checks) {
        expect(Number.isFinite(c.simulated) && Number.isFinite(c.se), `${c.id} is a number`).toBe(true)
        expect(c.se, `${c.id}: SE small beside its band`).toBeLessThan(Math.max(c.high - c.low, 1e-9))
      }
      const known = KNOWN_FAILURES[def.id]
      if (!known) {
        expect(row.pass, `${row.note ?? ''} | ${describeRow(row)}`).toBe(true)
        return
      }
      expect(row.pass, `${def.id} is a known failure: if it passes now, move it out of KNOWN_FAILURES`).toBe(false)
      expect(row.note).toContain(known.why)
      for (const [id, [low, high]] of Object.entries(known.stays)) {
        const c = row.checks.find((x) => x.id === id)!
        expect(c.simulated, `${id} stays at its explained figure`).toBeGreaterThanOrEqual(low)
        expect(c.simulated, `${id} stays at its explained figure`).toBeLessThanOrEqual(high)
      }
    })
})
