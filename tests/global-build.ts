import { buildWeb } from '../packages/web/e2e/server.ts'

/**
 * Vitest global set-up: compiles the packages (only what changed; scripts/build.mjs) before any
 * test runs, so the tests that start the real CLI, worker and server run the compiled code that
 * production runs. The tests themselves import the TypeScript sources (the @pcsim/source condition);
 * the worker threads they start run the same code compiled (PCSIM_COMPILED_WORKERS, see
 * packages/runner/src/worker-entry.ts), which starts in a fraction of a second where tsx takes seconds.
 */
export default async function setup(): Promise<void> {
  const { stalePackages, build } = await import('../scripts/build.mjs')
  buildWebOnce()
  process.env.PCSIM_COMPILED_WORKERS = '1'
  if (stalePackages().length === 0) return
  const code = build()
  // tsc still emits when it reports type errors; the type-check (scripts/test.sh) is what fails on them,
  // so a type error elsewhere does not stop every test here.
  if (code !== 0) process.stderr.write(`tests/global-build.ts: tsc -b tsconfig.build.json exited ${code}; the compiled CLI, worker and server were emitted despite the errors above\n`)
}

/**
 * The browser tests serve packages/web/dist. Several test files run at once, and two vite builds into
 * one folder collide, so the app is built here once and the files skip their own build. Only when
 * the run includes browser tests (no file filter, or one naming tests/web).
 */
function buildWebOnce(): void {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run')
  if (filters.length > 0 && !filters.some((f) => f.includes('web'))) return
  buildWeb()
  process.env.PCSIM_WEB_SKIP_BUILD = '1'
}
