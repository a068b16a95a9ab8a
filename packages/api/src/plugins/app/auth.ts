import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from '../../errors.ts'
import type { User, UserDirectory } from '../../users/users.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** "public": answered without a user even when users are configured (catalogues, health, shared links). */
    access?: 'public'
  }
  interface FastifyRequest {
    /** The signed-in user; undefined in the local (no users) mode and on public routes. */
    user?: User
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

const bearer = (request: FastifyRequest) => {
  const header = request.headers.authorization ?? ''
  return header.startsWith('Bearer ') ? header.slice(7).trim() : undefined
}

function unauthorized(message?: string): never {
  throw new ApiError('PCSIM_ERR_UNAUTHORIZED', message, undefined, {}, { 'www-authenticate': 'Bearer realm="pcsim"' })
}

/** Routes every caller may use: health, catalogues, the OpenAPI document and its UI, shared links, and unknown paths (404). */
function isPublic(request: FastifyRequest): boolean {
  const url = request.routeOptions.url ?? ''
  return request.routeOptions.config?.access === 'public' || !url.startsWith('/api/') || url === '/api/*' || url.startsWith('/api/docs') || url === '/api/openapi.json'
}

/**
 * Who may do what, checked after the rate limiter counted the request and before the body is read:
 * - local mode, no PCSIM_API_TOKEN: everyone may do everything (one person on their machine);
 * - PCSIM_API_TOKEN: writes need `Authorization: Bearer <token>`, reads stay open;
 * - PCSIM_USERS_FILE: every non-public route needs a user's token; `request.user` says who.
 */
export function authentication(app: FastifyInstance, options: { apiToken: string | undefined; users: UserDirectory | undefined }): void {
  const { apiToken, users } = options
  app.decorateRequest('user', undefined)
  if (users) {
    app.addHook('preParsing', async (request, _reply, payload) => {
      if (isPublic(request)) return payload
      const token = bearer(request)
      if (!token) unauthorized('This server has named users: send "Authorization: Bearer <your token>".')
      const user = await users.verify(token)
      if (!user) unauthorized('The bearer token is not one of this server\'s users\' tokens.')
      request.user = user
      return payload
    })
    return
  }
  if (!apiToken) return
  const expected = Buffer.from(`Bearer ${apiToken}`)
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (!WRITES.has(request.method)) return payload
    const given = Buffer.from(request.headers.authorization ?? '')
    if (given.length === expected.length && timingSafeEqual(given, expected)) return payload
    unauthorized()
  })
}
