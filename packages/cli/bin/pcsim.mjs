#!/usr/bin/env node
// The `pcsim` bin: runs the compiled CLI (dist/main.js) in this process, no TypeScript loader.
// In a checkout (src next to dist) it first compiles whatever changed since the last build
// (scripts/build.mjs: a few milliseconds when nothing did).
import { existsSync } from 'node:fs'

const builder = new URL('../../../scripts/build.mjs', import.meta.url)
if (existsSync(new URL('../src/main.ts', import.meta.url)) && existsSync(builder)) {
  const { ensureBuilt } = await import(builder.href)
  if (!ensureBuilt()) {
    process.stderr.write('pcsim: packages/cli/dist/main.js is missing and the build failed\n')
    process.exit(1)
  }
}
await import('../dist/main.js')
