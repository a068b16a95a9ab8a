import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { hostname, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomUUID } from 'node:crypto'

export const ROOT = resolve(import.meta.dirname, '../..')
/** The compiled CLI (tests/global-build.ts compiles it before the tests): what `pcsim worker` runs in production. */
const MAIN = join(ROOT, 'packages/cli/dist/main.js')

/** The redis-server binary, or undefined (the Redis tests are then skipped, saying why). */
export const REDIS_SERVER: string | undefined = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
})()
export const NO_REDIS_REASON = 'redis-server is not installed (apt-get install redis-server; scripts/test.sh does it)'

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer()
    server.on('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => ok(port))
    })
  })
}

/** True when something answers PING with PONG on the port. */
export function ping(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((ok) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    const done = (v: boolean) => {
      socket.destroy()
      ok(v)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.on('error', () => done(false))
    socket.on('connect', () => socket.write('PING\r\n'))
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')))
  })
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

export interface PrivateRedis {
  port: number
  url: string
  dir: string
  /** Stops the server (SIGKILL: no save), optionally wipes its data, and starts it again on the same port. */
  restart(options?: { downMs?: number; wipe?: boolean; signal?: NodeJS.Signals }): Promise<void>
  stop(): Promise<void>
}

/**
 * A redis-server of this test's own on a free loopback port, as a child process (not daemonized,
 * so it dies with the test run). `persist` keeps an append-only file synced on every write, so a
 * restart keeps the data.
 */
export async function startPrivateRedis(persist = false): Promise<PrivateRedis> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'pcsim-redis-'))
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--logfile', join(dir, 'redis.log')]
  args.push(...(persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']))
  let child: ChildProcess
  const launch = async () => {
    child = spawn(REDIS_SERVER!, args, { stdio: 'ignore' })
    await until(() => ping(port), 10_000, `redis-server on port ${port}`)
  }
  const halt = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill(signal)
    await exited
  }
  await launch()
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    async restart({ downMs = 500, wipe = false, signal = 'SIGKILL' } = {}) {
      await halt(signal)
      if (wipe) rmSync(join(dir, 'appendonlydir'), { recursive: true, force: true })
      await new Promise((r) => setTimeout(r, downMs))
      await launch()
    },
    async stop() {
      await halt('SIGKILL')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * The Redis the CI script started (PCSIM_TEST_REDIS_URL), else a private one. Each caller gets a
 * queue of its own, so test files can share one server.
 */
export async function sharedRedis(): Promise<{ url: string; queue: string; stop: () => Promise<void> }> {
  const queue = `pcsim-test-${randomUUID().slice(0, 8)}`
  const given = process.env.PCSIM_TEST_REDIS_URL
  if (given) return { url: given, queue, stop: async () => undefined }
  const own = await startPrivateRedis()
  return { url: own.url, queue, stop: () => own.stop() }
}

export interface WorkerProcess {
  child: ChildProcess
  pid: number
  /** "host:pid", as BullMQ's job.processedBy shows it. */
  name: string
  output: () => string
  exited: Promise<number | null>
  ready: Promise<void>
  /** SIGTERM (graceful) and wait for the exit code. */
  stop(): Promise<number | null>
  /** SIGKILL, as a machine that dies would. */
  kill(): Promise<void>
}

/** `pcsim worker` as a child process: node on the compiled CLI, so the pid is the worker itself. */
export function spawnWorker(url: string, queue: string, options: { concurrency?: number; lockMs?: number; env?: Record<string, string> } = {}): WorkerProcess {
  const args = [MAIN, 'worker', '--redis', url, '--queue', queue, '--concurrency', String(options.concurrency ?? 1)]
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LANG: 'C', PCSIM_REDIS_LOCK_MS: String(options.lockMs ?? 1_500), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  const ready = new Promise<void>((ok, fail) => {
    const timer = setInterval(() => {
      if (/pcsim worker: ready/.test(out)) {
        clearInterval(timer)
        ok()
      }
    }, 50)
    void exited.then((code) => {
      clearInterval(timer)
      fail(new Error(`worker exited (${code}) before it was ready:\n${out}`))
    })
  })
  ready.catch(() => undefined)
  return {
    child,
    pid: child.pid!,
    name: `${hostname()}:${child.pid}`,
    output: () => out,
    exited,
    ready,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      return exited
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

/** Starts the real compiled CLI (like tests/cli); `done` resolves when it exits. */
export function startPcsim(args: string[], env: Record<string, string> = {}, timeoutMs = 90_000) {
  const started = Date.now()
  const child = spawn(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, LANG: 'C', PCSIM_DEBUG: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const done = new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((ok) =>
    child.on('exit', (code) => {
      clearTimeout(timer)
      ok({ code, stdout, stderr, ms: Date.now() - started })
    }),
  )
  return { child, done }
}

/** Runs the real CLI to completion. */
export function pcsim(args: string[], env: Record<string, string> = {}, timeoutMs = 90_000) {
  return startPcsim(args, env, timeoutMs).done
}
