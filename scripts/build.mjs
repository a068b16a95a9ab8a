#!/usr/bin/env node
/**
 * The build: TypeScript 7's `tsc -b tsconfig.build.json` compiles engine, runner, cli and api to
 * `packages/<pkg>/dist` (one .js per .ts, same layout, so worker files sit where the code expects).
 *
 *   node scripts/build.mjs           build if any source is newer than the last build (a few ms when not)
 *   node scripts/build.mjs --force   build now
 *
 * Then esbuild replaces a few compiled modules by bundles of what they import from node_modules
 * (BUNDLES): TypeBox ships as ~680 ES modules, and loading that many files was most of the CLI's
 * start-up and of each worker thread's; bundled, it is one file (docs/speed.md "Start-up").
 *
 * `ensureBuilt()` is what the `pcsim` bin, `start` and the test set-up call: the staleness check
 * stats every file under each package's src and its tsconfig/package.json against a stamp written
 * at the start of the last successful build, so an edit made during a build triggers the next one.
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const PACKAGES = ['engine', 'runner', 'cli', 'api']
const STAMP = '.built'

function newest(path) {
  let s
  try {
    s = statSync(path)
  } catch {
    return 0
  }
  if (!s.isDirectory()) return s.mtimeMs
  let m = 0
  for (const name of readdirSync(path)) m = Math.max(m, newest(join(path, name)))
  return m
}

/** Packages whose dist is missing or older than their sources. */
export function stalePackages() {
  const shared = Math.max(newest(join(ROOT, 'tsconfig.base.json')), newest(join(ROOT, 'tsconfig.build.json')))
  return PACKAGES.filter((p) => {
    const dir = join(ROOT, 'packages', p)
    const stamp = newest(join(dir, 'dist', STAMP))
    if (stamp === 0) return true
    const sources = Math.max(shared, newest(join(dir, 'src')), newest(join(dir, 'package.json')), newest(join(dir, 'tsconfig.json')), newest(join(dir, 'tsconfig.build.json')))
    return sources > stamp
  })
}

/**
 * Compiled files that esbuild rebuilds as one file each, from the same TypeScript, with the
 * workspace's packages and TypeBox inlined (other packages stay imports). The worker entries are
 * whole bundles: a thread is its own isolate and shares no module with the thread that starts it.
 */
const BUNDLES = [
  ['packages/engine/src/schema/typebox.ts', 'packages/engine/dist/schema/typebox.js'],
  ['packages/runner/src/workers/lane.worker.ts', 'packages/runner/dist/workers/lane.worker.js'],
  ['packages/runner/src/workers/chunk.worker.ts', 'packages/runner/dist/workers/chunk.worker.js'],
  ['packages/api/src/workers/simulate.worker.ts', 'packages/api/dist/workers/simulate.worker.js'],
  ['packages/api/src/workers/calibrate.worker.ts', 'packages/api/dist/workers/calibrate.worker.js'],
]

/** Every package the workspace depends on but the workspace itself and TypeBox (and their subpaths). */
function externals() {
  const names = new Set()
  for (const p of PACKAGES) {
    const { dependencies = {} } = JSON.parse(readFileSync(join(ROOT, 'packages', p, 'package.json'), 'utf8'))
    for (const name of Object.keys(dependencies)) if (!name.startsWith('@pcsim/') && name !== 'typebox') names.add(name)
  }
  return [...names].flatMap((n) => [n, `${n}/*`])
}

function bundle() {
  const esbuild = createRequire(import.meta.url)('esbuild')
  const external = externals()
  for (const [entry, out] of BUNDLES) {
    esbuild.buildSync({
      entryPoints: [join(ROOT, entry)],
      outfile: join(ROOT, out),
      bundle: true,
      conditions: ['@pcsim/source'],
      external,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: true,
      legalComments: 'none',
      logLevel: 'warning',
    })
  }
}

/** Runs the build; returns tsc's exit code. Output goes to stderr so it never mixes with a command's stdout. */
export function build() {
  const started = new Date()
  const tsc = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'tsc.cmd' : 'tsc')
  const r = spawnSync(tsc, ['-b', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: ['ignore', 2, 2] })
  const code = r.status ?? 1
  if (code === 0) {
    bundle()
    for (const p of PACKAGES) {
      const dist = join(ROOT, 'packages', p, 'dist')
      mkdirSync(dist, { recursive: true })
      const stamp = join(dist, STAMP)
      writeFileSync(stamp, `${started.toISOString()}\n`)
      utimesSync(stamp, started, started)
    }
  }
  return code
}

/** Builds when something is stale. Returns true when dist is usable. */
export function ensureBuilt({ quiet = false } = {}) {
  if (stalePackages().length === 0) return true
  if (!quiet) process.stderr.write('pcsim: compiling TypeScript (tsc -b tsconfig.build.json)…\n')
  const code = build()
  if (code !== 0) process.stderr.write(`pcsim: the build reported errors (tsc exit ${code}); see above\n`)
  return existsSync(join(ROOT, 'packages', 'cli', 'dist', 'main.js'))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force')
  if (force || stalePackages().length > 0) process.exit(build())
}
