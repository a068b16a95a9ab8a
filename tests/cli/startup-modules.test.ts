import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { pcsimAll, type CliResult } from './cli-process.ts'

// Each child process runs with a module hook that appends every URL it resolves to a log file, so
// the test sees exactly which modules a command loaded.
const dir = mkdtempSync(join(tmpdir(), 'pcsim-startup-'))
const hooks = join(dir, 'hooks.mjs')
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs'
let log
export function initialize(data) { log = data.log }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context)
  appendFileSync(log, r.url + '\\n')
  return r
}
`,
)
const register = join(dir, 'register.mjs')
writeFileSync(register, `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { log: process.env.PCSIM_TEST_MODULE_LOG } })\n`)
const good = join(dir, 'good.json')
writeFileSync(good, JSON.stringify({ template: 'us-vc-10y', run: { trials: 100 } }))

const logOf = (name: string) => join(dir, `${name}.log`)
const traced = (name: string, args: string[]) => ({ args, env: { NODE_OPTIONS: `--import=${pathToFileURL(register).href}`, PCSIM_TEST_MODULE_LOG: logOf(name) } })

const RUNS = {
  presets: traced('presets', ['presets']),
  presetsJson: traced('presetsJson', ['presets', '--format', 'json']),
  help: traced('help', ['--help']),
  version: traced('version', ['--version']),
  validate: traced('validate', ['validate', good]),
}
type Name = keyof typeof RUNS

/** What only validating or simulating needs: the schema validator, the model, the executors. */
const TYPEBOX_BUNDLE = /\/packages\/engine\/dist\/schema\/typebox\.js$/
const HEAVY = [/\/typebox\//, TYPEBOX_BUNDLE, /\/mathjs\//, /\/piscina\//, /\/bullmq\//, /\/cli-progress\//, /\/packages\/runner\//, /\/packages\/engine\/dist\/index\.js$/]
const heavyIn = (modules: string[]) => modules.filter((u) => HEAVY.some((re) => re.test(u)))

let results: Record<Name, CliResult>
const modules = (name: Name) => readFileSync(logOf(name), 'utf8').split('\n').filter(Boolean)

beforeAll(async () => {
  results = await pcsimAll(RUNS)
})

describe('what a command loads at start-up', () => {
  it.each(['presets', 'presetsJson', 'help', 'version'] as const)('%s loads neither the schema validator, the model nor the executors', (name) => {
    expect(results[name].code, results[name].stderr).toBe(0)
    const loaded = modules(name)
    expect(loaded.some((u) => u.endsWith('/packages/cli/dist/main.js'))).toBe(true)
    expect(heavyIn(loaded)).toEqual([])
  })

  it('validate loads the schema validator, as one bundled file (the trace sees heavy modules when they load)', () => {
    expect(results.validate.code, results.validate.stderr).toBe(0)
    const loaded = modules('validate')
    expect(new Set(loaded.filter((u) => TYPEBOX_BUNDLE.test(u))).size).toBe(1)
    // scripts/build.mjs bundled TypeBox's ~680 modules into it: none loads from node_modules
    expect(loaded.filter((u) => /\/typebox\//.test(u))).toEqual([])
    expect(loaded.some((u) => u.endsWith('/packages/engine/dist/index.js'))).toBe(true)
  })

  it('presets prints the engine listing', () => {
    expect(results.presets.stdout).toMatch(/^Sectors\n/)
    expect(JSON.parse(results.presetsJson.stdout)).toHaveProperty('funds')
  })
})
