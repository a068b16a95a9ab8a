import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

/** Built workers run with require(esm) off: piscina loads a worker file with `require` first, and
 * Node 20's require of an ES module now and then aborted the whole process ("FATAL ERROR:
 * v8::Module::IsGraphAsync", 1 run in 7 of tests/api/scenarios-and-persistence.test.ts, none in 8
 * with the flag); without it piscina loads the file with `import`.
 */
const COMPILED_ARGV = ['--no-experimental-require-module']

/** Whether this process runs the TypeScript sources (this module, like its callers, loaded as .ts). */
const FROM_SOURCE = import.meta.url.endsWith('.ts')

/**
 * A worker file (`<workers>/<name>.worker.*`, `workers` the folder's URL beside the calling module)
 * and how to start it. Built JavaScript when the caller is built. When the caller runs from
 * TypeScript (development, tests): TypeScript through tsx's CommonJS hook (tsx's ESM hooks do not
 * reach worker threads on Node 20), which costs a few CPU-seconds per thread; or, with
 * PCSIM_COMPILED_WORKERS=1 and a build present, the same worker compiled to the package's dist
 * (tests/global-build.ts builds it and sets the variable, so the tests' threads start in a fraction of a second).
 */
export function workerEntry(workers: URL, name: string, env: NodeJS.ProcessEnv = process.env, fromSource = FROM_SOURCE): { filename: string; execArgv: string[] } {
  if (!fromSource) return { filename: fileURLToPath(new URL(`./${name}.worker.js`, workers)), execArgv: COMPILED_ARGV }
  const source = fileURLToPath(new URL(`./${name}.worker.ts`, workers))
  // <package>/src/…/x.worker.ts is built to <package>/dist/…/x.worker.js
  const compiled = source.replace(/([\\/])src([\\/])(?!.*[\\/]src[\\/])/, '$1dist$2').replace(/\.ts$/, '.js')
  if (env.PCSIM_COMPILED_WORKERS === '1' && existsSync(compiled)) return { filename: compiled, execArgv: COMPILED_ARGV }
  const tsxCjs = createRequire(import.meta.url).resolve('tsx/cjs')
  return { filename: source, execArgv: ['--require', tsxCjs, '--conditions=@pcsim/source', '--disable-warning=ExperimentalWarning'] }
}
