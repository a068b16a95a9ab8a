import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from '../../errors.ts'

export const MINUTE = 60_000

/**
 * Whether a request goes uncounted: decided on the route it was routed to (whatever form its
 * target had), or, when no route matched, on its decoded path.
 */
export function exemptFromRateLimit(request: FastifyRequest): boolean {
  const route = request.routeOptions.url
  let path = route
  if (path === undefined) {
    const raw = (request.raw.url ?? '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split('?')[0] ?? ''
    try {
      path = decodeURIComponent(raw)
    } catch {
      path = raw
    }
  }
  const api = path === '/api' || path.startsWith('/api/')
  return !api || path === '/api/docs' || path.startsWith('/api/docs/')
}

/** Per-client (IP) limit on /api; static files, docs and health probes are not counted. */
export async function registerRateLimit(app: FastifyInstance, perMinute: number): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: MINUTE,
    allowList: exemptFromRateLimit,
    errorResponseBuilder: (_request, context) =>
      new ApiError('PCSIM_ERR_RATE_LIMITED', `Rate limit of ${context.max} requests per minute exceeded; retry in ${context.after}.`, undefined, {
        limit: context.max,
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  })
}
