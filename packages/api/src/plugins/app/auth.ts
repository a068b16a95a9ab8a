import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { ApiError } from '../../errors.ts'

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** With PCSIM_API_TOKEN set, every write needs `Authorization: Bearer <token>`; reads stay open. */
export function bearerAuth(app: FastifyInstance, token: string | undefined): void {
  if (!token) return
  const expected = Buffer.from(`Bearer ${token}`)
  app.addHook('onRequest', async (request, reply) => {
    if (!WRITES.has(request.method)) return
    const given = Buffer.from(request.headers.authorization ?? '')
    if (given.length === expected.length && timingSafeEqual(given, expected)) return
    reply.header('www-authenticate', 'Bearer realm="pcsim"')
    throw new ApiError('PCSIM_ERR_UNAUTHORIZED')
  })
}
