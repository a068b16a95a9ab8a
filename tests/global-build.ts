/**
 * Vitest global set-up: compiles the packages (only what changed; scripts/build.mjs) before any
 * test runs, so the tests that start the real CLI, worker and server run the compiled code that
 * production runs. The tests themselves import the TypeScript sources (the @pcsim/source condition).
 */
export default async function setup(): Promise<void> {
  const { stalePackages, build } = await import('../scripts/build.mjs')
  if (stalePackages().length === 0) return
  const code = build()
  if (code !== 0) throw new Error(`tsc -b tsconfig.build.json failed with exit code ${code}: the compiled CLI, worker and server would be stale`)
}
