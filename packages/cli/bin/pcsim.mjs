#!/usr/bin/env node
// The `pcsim` bin: runs the TypeScript sources under tsx's loader with the workspace's source
// condition, in a child node process that shares this terminal (so the progress bar still sees a
// TTY) and passes back its exit code.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const tsxLoader = import.meta.resolve('tsx')
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url))
const child = spawn(process.execPath, [`--import=${tsxLoader}`, '--conditions=@pcsim/source', main, ...process.argv.slice(2)], { stdio: 'inherit' })

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
child.on('error', (error) => {
  process.stderr.write(`pcsim: cannot start node: ${error.message}\n`)
  process.exit(1)
})
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal)
  else process.exit(code ?? 1)
})
