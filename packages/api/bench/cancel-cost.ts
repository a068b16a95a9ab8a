/**
 * CPU seconds a cancel costs the server: starts the real server (a child process), and for each
 * cycle queues a large run, waits until both pool threads are simulating it, cancels it, and reads
 * the process's CPU time (all threads, /proc/<pid>/stat) over a fixed window after the cancel,
 * minus the same window idle. Linux only.
 *
 *   node_modules/.bin/tsx packages/api/bench/cancel-cost.ts [--server <server.ts|server.js>] [--cycles 5] [--window-ms 4000]
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus } from 'node:os'
import { resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

const args = process.argv.slice(2)
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const server = resolve(arg('server', resolve(import.meta.dirname, '../src/server.ts')))
const cycles = Number(arg('cycles', '5'))
const windowMs = Number(arg('window-ms', '4000'))
const TICKS_PER_SECOND = 100 // USER_HZ on Linux

/** User + system CPU seconds of a process so far, all its threads included. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}

const tsx = createRequire(resolve(import.meta.dirname, '../package.json')).resolve('tsx')
const nodeArgs = server.endsWith('.ts') ? ['--import', tsx, '--conditions=@pcsim/source', server] : [server]
const child = spawn(process.execPath, nodeArgs, {
  env: { ...process.env, HOST: '127.0.0.1', PORT: '0', PCSIM_DB: ':memory:', PCSIM_WORKERS: '2', PCSIM_LOG_LEVEL: 'info', PCSIM_RATE_LIMIT: '100000', PCSIM_RATE_LIMIT_JOBS: '100000' },
  stdio: ['ignore', 'pipe', 'inherit'],
})
let out = ''
child.stdout.on('data', (d) => (out += d))
try {
  let base = ''
  while (!(base = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '')) await sleep(50)
  const json = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, { method, ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) })
    return (await res.json()) as Record<string, any>
  }
  while ((await fetch(`${base}/api/ready`)).status !== 200) await sleep(100)
  const pid = child.pid!
  const idle0 = cpuSeconds(pid)
  await sleep(windowMs)
  const idle = cpuSeconds(pid) - idle0
  const costs: number[] = []
  for (let i = 0; i < cycles; i++) {
    const { id } = await json('POST', '/api/runs', { trials: 200_000, seed: i })
    // both threads are on it once more than two chunks' worth of progress has come back
    while (((await json('GET', `/api/runs/${id}`)).progress?.done ?? 0) < 1_000) await sleep(20)
    const before = cpuSeconds(pid)
    await json('DELETE', `/api/runs/${id}`)
    await sleep(windowMs)
    costs.push(cpuSeconds(pid) - before - idle)
  }
  const sorted = [...costs].sort((a, b) => a - b)
  console.log(`server: ${server}`)
  console.log(`CPU: ${cpus()[0]?.model ?? 'unknown'}; 2 pool threads; window ${windowMs} ms; idle CPU in the window ${idle.toFixed(2)} s`)
  console.log(`CPU-s per cancel: ${costs.map((c) => c.toFixed(2)).join(', ')}; median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)}`)
} finally {
  child.kill('SIGTERM')
}
