import type { ChunkJob } from './executor.ts'
import type { ConnectionOptions } from 'bullmq'
import { connection, DEFAULT_QUEUE, redisLibraries } from './redis.ts'

export interface RunningChunk {
  id: string
  start: number
  end: number
  /** Trials done, as the worker last reported. */
  done: number
  /** The worker's name (host:pid for `pcsim worker`). */
  worker: string | undefined
}

export interface QueueStatus {
  waiting: number
  active: number
  delayed: number
  failed: number
  /** Worker connections reading the queue. */
  workers: number
  running: RunningChunk[]
}

/** What a queue holds right now: for operators (and tests) to see which worker runs what. */
export async function queueStatus(url: string, queue = DEFAULT_QUEUE): Promise<QueueStatus> {
  const { Queue } = (await redisLibraries()).bullmq
  const q = new Queue<ChunkJob>(queue, { connection: connection(url) as ConnectionOptions })
  q.on('error', () => undefined)
  try {
    const counts = await q.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'failed')
    const active = await q.getActive()
    const workers = await q.getWorkersCount().catch(() => -1)
    return {
      waiting: (counts.wait ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      workers,
      running: active.map((j) => ({ id: j.id!, start: j.data.start, end: j.data.end, done: Number(j.progress) || 0, worker: j.processedBy })),
    }
  } finally {
    await q.close()
  }
}

/** Deletes a queue and every chunk in it (for tests and clean-ups; running chunks are lost). */
export async function removeQueue(url: string, queue: string): Promise<void> {
  const { Queue } = (await redisLibraries()).bullmq
  const q = new Queue(queue, { connection: connection(url) as ConnectionOptions })
  q.on('error', () => undefined)
  try {
    await q.obliterate({ force: true })
  } finally {
    await q.close()
  }
}
