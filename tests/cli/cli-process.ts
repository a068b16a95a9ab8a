import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** Repository root: the CLI runs from here, as `pnpm pcsim` does. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs the real CLI in a child process: the compiled bin, as the root `pcsim` script runs it (the
 * test set-up, tests/global-build.ts, compiles first). LANG is fixed so the default language does
 * not depend on the machine.
 */
export function pcsim(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['packages/cli/dist/main.js', ...args],
      { cwd: ROOT, env: { ...process.env, LANG: 'C', PCSIM_DEBUG: '', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** Starts every run with at most `limit` child processes at a time; results by key. */
export async function pcsimAll<K extends string>(runs: Record<K, { args: string[]; env?: Record<string, string> }>, limit = 2): Promise<Record<K, CliResult>> {
  const keys = Object.keys(runs) as K[]
  const out = {} as Record<K, CliResult>
  let next = 0
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]!
      out[key] = await pcsim(runs[key].args, runs[key].env)
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
  return out
}

/** A stack trace line, which a user error must never show. */
export const STACK_LINE = /^\s+at .+\(?.*:\d+:\d+\)?$/m
