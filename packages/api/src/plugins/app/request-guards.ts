import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from '../../errors.ts'
import { hostAllowed, type AllowedHosts } from '../../http/host-allow-list.ts'

/** Methods whose request is a write that carries (or could carry) a body. */
const BODY_WRITES = new Set(['POST', 'PUT', 'PATCH'])

/** The media type and charset of a Content-Type header, lower-cased ("" when absent). */
export function mediaTypeOf(header: string | undefined): { type: string; charset: string | undefined } {
  const [type = '', ...params] = (header ?? '').split(';')
  let charset: string | undefined
  for (const p of params) {
    const [name = '', value = ''] = p.split('=')
    if (name.trim().toLowerCase() === 'charset') charset = value.trim().replace(/^"(.*)"$/, '$1').toLowerCase()
  }
  return { type: type.trim().toLowerCase(), charset }
}

/** The path of a request target, for origin-form targets only (undefined otherwise). */
export const targetPath = (request: FastifyRequest): string | undefined => {
  const target = request.raw.url ?? ''
  return target.startsWith('/') ? (target.split('?')[0] ?? '') : undefined
}

/**
 * Checks run on every request before its body is read, after the rate limiter has counted it
 * (the limiter is an onRequest hook; these run at preParsing):
 * - the target must be a path (origin-form): an absolute URL or "*" is refused, and so is "//";
 * - the Host header must name this server (a DNS-rebinding page names its own domain);
 * - POST, PUT and PATCH need Content-Type application/json, with charset utf-8 or none, even
 *   without a body: a cross-site page can send a "simple" request with no or a text type, never this one.
 */
export function requestGuards(app: FastifyInstance, allowedHosts: AllowedHosts): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const path = targetPath(request)
    if (path === undefined)
      throw new ApiError('PCSIM_ERR_BAD_URL', 'The request target must be a path such as /api/runs (origin-form), not an absolute URL.')
    if (path.includes('//')) throw new ApiError('PCSIM_ERR_BAD_URL', `The path "${path.slice(0, 200)}" has an empty segment ("//").`)
    if (!hostAllowed(allowedHosts, request.headers.host))
      throw new ApiError('PCSIM_ERR_HOST_NOT_ALLOWED', `This server does not answer for the Host "${String(request.headers.host ?? '').slice(0, 100)}"; add it to PCSIM_ALLOWED_HOSTS.`)
    const header = request.headers['content-type']
    const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0
    if (!BODY_WRITES.has(request.method) && !hasBody) return payload
    const { type, charset } = mediaTypeOf(header)
    if (type !== 'application/json' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8'))
      throw new ApiError(
        'PCSIM_ERR_UNSUPPORTED_MEDIA_TYPE',
        `${BODY_WRITES.has(request.method) ? `${request.method} needs` : 'A body needs'} "Content-Type: application/json" with charset utf-8 or none; got "${String(header ?? '(none)').slice(0, 100)}".`,
      )
    return payload
  })
}
