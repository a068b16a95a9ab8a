/**
 * `pnpm bench:instructions`: the machine instructions one lifecycle trial of `us-vc-10y` executes,
 * counted by valgrind's cachegrind. On these virtual machines a timing moves by ±30% from run to
 * run; the count moves by about 1%, so it shows changes of a few per cent that timings hide.
 *
 *   pnpm bench:instructions                   the compiled engine in packages/engine/dist
 *   pnpm bench:instructions --engine DIR      another compiled engine (an older checkout's dist)
 *   pnpm bench:instructions --trials N        trials counted after the warm-up (default 2000)
 *
 * Two runs, warm-up only and warm-up plus N trials; their difference over N is the count per trial
 * of optimised code. V8 compiles on the main thread here (`--no-concurrent-recompilation`): under
 * valgrind its background compiler would lag and leave the trials unoptimised. Valgrind counts the
 * compiler's instructions too, so the warm-up is long enough (3,000 trials) that none falls in the
 * counted trials; after 1,000 the count still moved by up to 30%. Needs valgrind
 * (`apt-get install -y valgrind`); takes about 40 s on two cores.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const argv = process.argv.slice(2)
const option = (name: string) => {
  const i = argv.indexOf(name)
  return i >= 0 ? argv[i + 1] : undefined
}

const engineDir = resolve(option('--engine') ?? join(ROOT, 'packages/engine/dist'))
const trials = Number(option('--trials') ?? 2000)
const WARM_UP = 3000
if (!Number.isInteger(trials) || trials < 100) throw new Error('--trials: a whole number of at least 100')
if (!existsSync(join(engineDir, 'index.js'))) throw new Error(`--engine: ${engineDir} has no index.js (build with node scripts/build.mjs)`)

const program = (n: number) =>
  `const e = await import(${JSON.stringify(pathToFileURL(join(engineDir, 'index.js')).href)});` +
  `const r = e.parseConfig({ run: { trials: ${n}, seed: 1 } });` +
  `if (!r.ok) throw new Error(JSON.stringify(r.issues));` +
  `e.runChunk(e.resolveRun(r.config), 0, ${n});`

/** Instructions valgrind counted for a run of n trials (its "I refs" line). */
function count(n: number): Promise<number> {
  const args = ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', '--smc-check=all-non-file', process.execPath, '--no-concurrent-recompilation', '--no-concurrent-sparkplug', '--input-type=module', '-e', program(n)]
  return new Promise((done, fail) =>
    execFile('valgrind', args, { maxBuffer: 1 << 24 }, (error, _out, err) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') return fail(new Error('bench:instructions needs valgrind: apt-get install -y valgrind'))
      const line = /I\s+refs:\s+([\d,]+)/.exec(err)
      if (error || !line) return fail(new Error(`valgrind did not count the run of ${n} trials: ${error?.message ?? ''}\n${err.slice(-2000)}`))
      done(Number(line[1]!.replaceAll(',', '')))
    }),
  )
}

const cpu = cpus()
console.log(`machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, node ${process.version}; engine ${engineDir}`)
const [warm, measured] = await Promise.all([count(WARM_UP), count(WARM_UP + trials)])
const perTrial = (measured - warm) / trials
console.log(`lifecycle us-vc-10y: ${Math.round(perTrial).toLocaleString('en')} instructions a trial (trials ${WARM_UP + 1}–${WARM_UP + trials}; the run to ${WARM_UP} counted ${warm.toLocaleString('en')})`)
