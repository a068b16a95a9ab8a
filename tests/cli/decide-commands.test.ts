import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '@pcsim/engine'
import { runSolve, runTrialsInThread } from '@pcsim/engine/decide'
import { pcsimAll, type CliResult } from './cli-process.ts'

const dir = mkdtempSync(join(tmpdir(), 'pcsim-decide-'))
const space = join(dir, 'space.json')
writeFileSync(space, JSON.stringify({ reserveShare: [0.2, 0.6], companies: [20, 80], objective: 'p50(netTvpi)', constraints: 'probLoss <= 0.6', candidates: 4, finalists: 2 }))
const badSpace = join(dir, 'bad-space.json')
writeFileSync(badSpace, JSON.stringify({ objective: 'p50(netTvpi)', companies: [80, 20] }))

const RUNS = {
  sensitivity: { args: ['sensitivity', 'us-vc-10y', '--trials', '300', '--vary', 'feeRate=0.015:0.025', '--vary', 'exitValue=0.9:1.1', '--metric', 'p50(netTvpi)'] },
  solveJson: { args: ['solve', 'us-vc-10y', '--trials', '300', '--lever', 'exitValue', '--target', 'p50(netTvpi) = 1.4', '--range', '0.5:2', '--format', 'json'] },
  solveZh: { args: ['solve', 'us-vc-10y', '--trials', '300', '--lever', 'exitValue', '--target', 'p50(netTvpi) = 1.4', '--range', '0.5:2', '--lang', 'zh-CN'] },
  optimise: { args: ['optimise', 'us-vc-10y', '--trials', '300', '--space', space, '--budget', '4000'] },
  badMetric: { args: ['sensitivity', 'us-vc-10y', '--trials', '100', '--vary', 'feeRate=0.01:0.03', '--metric', 'p50(netTvpi) +* 2'] },
  badLever: { args: ['sensitivity', 'us-vc-10y', '--trials', '100', '--vary', 'feeRate=0.03:0.01'] },
  badSpace: { args: ['optimise', 'us-vc-10y', '--space', badSpace] },
  badBudget: { args: ['optimise', 'us-vc-10y', '--space', space, '--budget', 'lots'] },
}
let r: Record<keyof typeof RUNS, CliResult>
beforeAll(async () => {
  r = await pcsimAll(RUNS)
}, 240_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('pcsim sensitivity, solve, optimise', () => {
  it('sensitivity prints the tornado, largest swing first', () => {
    expect(r.sensitivity.code).toBe(0)
    const tornado = r.sensitivity.stdout.slice(r.sensitivity.stdout.indexOf('Tornado for p50(netTvpi)'))
    expect(tornado.split('\n')[2]).toMatch(/^ {2}exitValue /)
    expect(tornado.split('\n')[3]).toMatch(/^ {2}feeRate /)
  })

  it('solve answers as a sentence and, as JSON, with the numbers of the engine in this thread', async () => {
    expect(r.solveJson.code).toBe(0)
    const out = JSON.parse(r.solveJson.stdout)
    const parsed = parseConfig({ template: 'us-vc-10y', run: { trials: 300 } })
    if (!parsed.ok) throw new Error('config')
    const local = await runSolve({ config: parsed.config, lever: 'exitValue', target: 'p50(netTvpi) = 1.4', range: '0.5:2' }, runTrialsInThread)
    expect(out.value).toBe(local.value)
    expect(out.sentence).toMatch(/^For p50\(netTvpi\) = 1\.4, the exit-value multiplier must be [0-9.]+ \(95% interval/)
    expect(out.returnTheFund.cells.length).toBe(2)
    expect(r.solveZh.stdout).toMatch(/^要使 p50\(netTvpi\) = 1\.4，退出估值倍数必须为 /)
  })

  it('optimise prints the best allocation on both seeds and the frontier', () => {
    expect(r.optimise.code).toBe(0)
    expect(r.optimise.stdout).toContain('Best allocation (chosen on a fresh seed)')
    expect(r.optimise.stdout).toContain('Pareto frontier: p50(netTvpi) against probLoss')
  })

  it('bad input exits 2 naming where it is', () => {
    expect(r.badMetric.code).toBe(2)
    expect(r.badMetric.stderr).toContain('/metrics/0: Expression "p50(netTvpi) +* 2": Value expected at character 15.')
    expect(r.badLever.code).toBe(2)
    expect(r.badLever.stderr).toContain('/vary/0: Range "0.03:0.01"')
    expect(r.badSpace.code).toBe(2)
    expect(r.badSpace.stderr).toContain('/space/companies')
    expect(r.badBudget.code).toBe(2)
    expect(r.badBudget.stderr).toContain('Must be a number of trials')
  })
})
