import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import { ApiError } from '../../errors.ts'

export const MINUTE = 60_000

/** Per-client (IP) limit on /api; static files, docs and health probes are not counted. */
export async function registerRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: MINUTE,
    allowList: (request) => !request.url.startsWith('/api/') || request.url.startsWith('/api/docs'),
    errorResponseBuilder: (_request, context) =>
      new ApiError('PCSIM_ERR_RATE_LIMITED', `Rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}.`, undefined, {
        limit: context.max,
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  })
}
