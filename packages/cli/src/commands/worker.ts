import { hostname } from 'node:os'
import { ENGINE_VERSION } from '@pcsim/engine'
import { checkRedisUrl, DEFAULT_QUEUE, redact, startWorker, workerLockFromEnv, type WorkerEvent } from '@pcsim/runner'
import type { Context } from '../context.ts'
import { INTERRUPTED_EXIT } from '../exit-codes.ts'
import { SAME_SIGNAL_MS } from '../simulate.ts'

export interface WorkerCommandOptions {
  redis?: string
  concurrency: number
  queue?: string
}

/**
 * `pcsim worker --redis <url>`: takes chunks from the Redis queue and runs them until SIGTERM or
 * SIGINT, then finishes its running chunks and exits 0 (another signal more than a second later
 * stops it at once; the chunks it held are retried by other workers). Prints one line on stdout
 * when ready. An unreachable Redis throws PCSIM_ERR_REDIS_UNAVAILABLE (exit 2).
 */
export async function workerCommand(url: string, o: WorkerCommandOptions, ctx: Context): Promise<void> {
  const { m } = ctx
  checkRedisUrl(url, '--redis')
  const queue = o.queue || process.env.PCSIM_REDIS_QUEUE?.trim() || DEFAULT_QUEUE
  const lockMs = workerLockFromEnv(process.env)
  const say = (line: string) => process.stderr.write(`${line}\n`)
  const onEvent = (e: WorkerEvent) => {
    if (e.type === 'disconnected') say(m.worker.disconnected(e.message))
    else if (e.type === 'reconnected') say(m.worker.reconnected)
    else say(m.worker.chunkFailed(e))
  }
  const handle = await startWorker({ url, queue, concurrency: o.concurrency, name: `${hostname()}:${process.pid}`, ...(lockMs ? { lockMs } : {}), onEvent })
  process.stdout.write(`${m.worker.ready({ queue, url: redact(url), threads: handle.concurrency, engine: ENGINE_VERSION, pid: process.pid })}\n`)
  await new Promise<void>((resolve) => {
    let first = 0
    const stop = () => {
      if (!first) {
        first = Date.now()
        say(m.worker.stopping)
        handle.close().then(resolve, resolve)
      } else if (Date.now() - first > SAME_SIGNAL_MS) process.exit(INTERRUPTED_EXIT) // its chunks come back after their locks expire
    }
    process.on('SIGTERM', stop)
    process.on('SIGINT', stop)
  })
  say(m.worker.stopped)
}
