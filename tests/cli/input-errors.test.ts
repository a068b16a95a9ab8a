import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { pcsimAll, STACK_LINE, type CliResult } from './cli-process.ts'

const dir = mkdtempSync(join(tmpdir(), 'pcsim-cli-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const brokenJson = file('broken.json', '{\n  "run": { "trials": 100, }\n}\n')
const badField = file('bad-field.json', JSON.stringify({ strategy: { reserves: { share: 2 } } }))
const good = file('good.json', JSON.stringify({ template: 'gov-angel-fund', run: { trials: 300 } }))

const RUNS = {
  brokenJson: { args: ['run', brokenJson] },
  unknownTemplate: { args: ['run', 'no-such-fund'] },
  badField: { args: ['run', badField, '--trials', '100'] },
  missingFile: { args: ['run', join(dir, 'missing.json')] },
  unknownScenario: { args: ['run', 'us-vc-10y', '--scenario', 'no-such-scenario'] },
  validateGood: { args: ['validate', good] },
  validateBad: { args: ['validate', badField] },
  validateZh: { args: ['validate', badField, '--lang', 'zh-CN'] },
  envZh: { args: ['run', 'no-such-fund'], env: { LANG: 'zh_CN.UTF-8' } },
  trialsAbc: { args: ['run', 'us-vc-10y', '--trials', 'abc'] },
  trialsZero: { args: ['run', 'us-vc-10y', '--trials', '0'] },
  formatXml: { args: ['run', 'us-vc-10y', '--format', 'xml'] },
  unknownFlag: { args: ['run', 'us-vc-10y', '--bogus'] },
  compareOne: { args: ['compare', 'us-vc-10y'] },
}

let r: Record<keyof typeof RUNS, CliResult>

beforeAll(async () => {
  r = await pcsimAll(RUNS)
}, 120_000)

/** Exit code 2, nothing on stdout, no stack trace, and every expected fragment on stderr. */
const userError = (res: CliResult, ...fragments: string[]) => {
  expect(res.code).toBe(2)
  expect(res.stdout).toBe('')
  expect(res.stderr).not.toMatch(STACK_LINE)
  for (const f of fragments) expect(res.stderr).toContain(f)
}

describe('bad input exits 2 with path: message (code) lines', () => {
  it('invalid JSON', () => userError(r.brokenJson, `${brokenJson}: Not valid JSON`, 'line 2', '(invalid_json)'))
  it('unknown template id', () => userError(r.unknownTemplate, '/template: Unknown preset "no-such-fund"', 'us-vc-10y', '(unknown_preset)'))
  it('a config field out of range', () => userError(r.badField, '/strategy/reserves/share: ', '(too_big)'))
  it('an unreadable file', () => userError(r.missingFile, 'missing.json', '(unreadable_file)'))
  it('an unknown scenario', () => userError(r.unknownScenario, '--scenario: Unknown scenario "no-such-scenario"', 'ipo-shut-3y', '(unknown_scenario)'))
})

describe('pcsim validate', () => {
  it('prints valid and a summary for a good config', () => {
    expect(r.validateGood.code).toBe(0)
    expect(r.validateGood.stderr).toBe('')
    const [first, second] = r.validateGood.stdout.trim().split('\n')
    expect(first).toBe('valid')
    expect(second).toContain('Government angel guidance fund')
    expect(second).toContain('300 trials')
  })

  it('prints the issues of a bad config', () => userError(r.validateBad, '/strategy/reserves/share', '(too_big)'))

  it('prints issues in Chinese with --lang zh-CN or LANG=zh_*', () => {
    userError(r.validateZh, '/strategy/reserves/share: 不得大于', '(too_big)')
    expect(r.validateZh.stderr).toContain('输入无效')
    userError(r.envZh, '未知预设', '(unknown_preset)')
  })
})

describe('bad flags exit 2 naming the flag', () => {
  it('--trials abc', () => userError(r.trialsAbc, '--trials', 'abc'))
  it('--trials 0', () => userError(r.trialsZero, '--trials', "'0'"))
  it('--format xml', () => userError(r.formatXml, '--format', 'xml', 'table, json, csv'))
  it('an unknown flag', () => userError(r.unknownFlag, '--bogus'))
  it('compare with one input', () => userError(r.compareOne, 'compare', 'two'))
})
