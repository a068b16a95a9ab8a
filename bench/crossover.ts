/**
 * Where the thread pool starts to pay: `pcsim run` wall time in-thread against the thread pool for
 * growing trial counts, and what the default (packages/runner/src/crossover.ts) picks.
 *
 *   node scripts/build.mjs && node_modules/.bin/tsx bench/crossover.ts [TEMPLATE] [--trials 5000,10000,…]
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

type Engine = typeof import('../packages/engine/src/index.ts')
type Runner = typeof import('../packages/runner/src/index.ts')

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const argv = process.argv.slice(2)
const template = argv.find((a) => !a.startsWith('--') && !/^\d/.test(a)) ?? 'us-vc-10y'
const i = argv.indexOf('--trials')
const counts = (i >= 0 ? argv[i + 1]! : '5000,10000,20000,40000,80000').split(',').map(Number)

const engine = (await import(pathToFileURL(join(ROOT, 'packages/engine/dist/index.js')).href)) as Engine
const runner = (await import(pathToFileURL(join(ROOT, 'packages/runner/dist/index.js')).href)) as Runner

function wall(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint()
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, LANG: 'C', ...env }, stdio: 'ignore' })
    child.on('exit', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t) / 1e9) : reject(new Error(`exit ${code}`))))
  })
}

const dir = mkdtempSync(join(tmpdir(), 'pcsim-crossover-'))
console.log(`${cpus().length} × ${cpus()[0]?.model}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}; template ${template}`)
console.log('| trials | in-thread s | thread pool s | pool speed-up | estimated single-thread s | default picks |\n| --- | --- | --- | --- | --- | --- |')
try {
  for (const trials of counts) {
    const args = [join(ROOT, 'packages/cli/dist/main.js'), 'run', template, '--trials', String(trials), '--format', 'json', '--out', join(dir, 'o.json')]
    const one = await wall(args, { PCSIM_EXECUTOR: 'in-thread' })
    const pool = await wall(args, { PCSIM_EXECUTOR: 'thread-pool' })
    const parsed = engine.parseConfig({ template, run: { trials, seed: 1 } })
    const config = parsed.ok ? parsed.config : undefined
    const estimate = config ? runner.estimatedSeconds([config]) : NaN
    const pick = config ? runner.poolPays(estimate, cpus().length) : false
    console.log(`| ${trials.toLocaleString('en')} | ${one.toFixed(2)} | ${pool.toFixed(2)} | ${(one / pool).toFixed(2)}× | ${estimate.toFixed(2)} | ${pick ? 'thread-pool' : 'in-thread'} |`)
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
