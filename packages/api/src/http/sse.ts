import type { ServerResponse } from 'node:http'
import type { FastifyReply } from 'fastify'
import { SECURITY_HEADERS } from '../plugins/external/security-headers.ts'

const KEEP_ALIVE_MS = 15_000

/** Server-sent event streams: hijacks the reply, writes `event:`/`data:` frames, tracks open streams for shutdown. */
export class SseHub {
  private readonly open = new Set<ServerResponse>()

  start(reply: FastifyReply): { send: (event: string, data: unknown) => void; close: () => void; onClose: (fn: () => void) => void } {
    const headers = { ...reply.getHeaders(), ...SECURITY_HEADERS }
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    } as never)
    this.open.add(res)
    const timer = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS)
    timer.unref()
    const closers: Array<() => void> = []
    let closed = false
    const cleanup = () => {
      if (closed) return
      closed = true
      clearInterval(timer)
      this.open.delete(res)
      for (const fn of closers) fn()
    }
    res.on('close', cleanup)
    return {
      send: (event, data) => {
        if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
      },
      close: () => {
        cleanup()
        res.end()
      },
      onClose: (fn) => closers.push(fn),
    }
  }

  get size(): number {
    return this.open.size
  }

  /** Ends every open stream (server shutdown). */
  closeAll(): void {
    for (const res of this.open) res.end()
    this.open.clear()
  }
}
