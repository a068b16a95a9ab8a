/**
 * Vitest global set-up: compiles the packages (only what changed; scripts/build.mjs) before any
 * test runs, so the tests that start the real CLI, worker and server run the compiled code that
 * production runs. The tests themselves import the TypeScript sources (the @pcsim/source condition).
 */
export default async function setup(): Promise<void> {
  const { stalePackages, build } = await import('../scripts/build.mjs')
  if (stalePackages().length === 0) return
  const code = build()
  // tsc still emits when it reports type errors; the type-check (scripts/test.sh) is what fails on them,
  // so a type error elsewhere does not stop every test here.
  if (code !== 0) process.stderr.write(`tests/global-build.ts: tsc -b tsconfig.build.json exited ${code}; the compiled CLI, worker and server were emitted despite the errors above\n`)
}
