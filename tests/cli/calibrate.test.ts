import { describe, expect, it } from 'vitest'
import { CALIBRATION_BENCHMARKS, ENGINE_VERSION } from '@pcsim/engine'
import { pcsimAll } from './cli-process.ts'

/** `pcsim calibrate` as a user runs it (small size: the benchmarks themselves are tested in tests/engine). */
const runs = await pcsimAll({
  json: { args: ['calibrate', '--trials', '200', '--format', 'json'] },
  table: { args: ['calibrate', '--trials', '200'] },
  tooFew: { args: ['calibrate', '--trials', '5'] },
  zh: { args: ['calibrate', '--trials', 'many', '--lang', 'zh-CN'] },
})

describe('pcsim calibrate', () => {
  it('--format json prints { engineVersion, benchmarks: [{ id, title, published, simulated, se, low, high, pass }] }', () => {
    expect(runs.json.code).toBe(0)
    const report = JSON.parse(runs.json.stdout) as { engineVersion: string; benchmarks: Array<Record<string, unknown>> }
    expect(report.engineVersion).toBe(ENGINE_VERSION)
    expect(report.benchmarks.map((b) => b.id)).toEqual(CALIBRATION_BENCHMARKS.map((b) => b.id))
    for (const b of report.benchmarks) {
      for (const k of ['title', 'published', 'simulated', 'se', 'low', 'high']) expect(b, `${b.id}`).toHaveProperty(k)
      expect(typeof b.pass).toBe('boolean')
    }
  })

  it('the table has one row per benchmark and the pass count', () => {
    expect(runs.table.code).toBe(0)
    const passed = JSON.parse(runs.json.stdout).benchmarks.filter((b: { pass: boolean }) => b.pass).length
    for (const b of CALIBRATION_BENCHMARKS) expect(runs.table.stdout).toMatch(new RegExp(`^${b.id}\\s`, 'm'))
    expect(runs.table.stdout).toContain(`${passed} of ${CALIBRATION_BENCHMARKS.length} pass`)
    expect(runs.table.stderr).toBe('')
  })

  it('rejects a size outside 200–200000 with a usage error, in either language', () => {
    expect(runs.tooFew.code).toBe(2)
    expect(runs.tooFew.stderr).toContain('Must be a whole number from 200 to 200000.')
    expect(runs.zh.code).toBe(2)
    expect(runs.zh.stderr).toContain('必须是 200 到 200000 之间的整数。')
  })
})
