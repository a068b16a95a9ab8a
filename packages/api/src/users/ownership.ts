import type { FastifyRequest } from 'fastify'

/**
 * Whose records a request may see: `undefined` means everyone's (the local mode, or an admin),
 * otherwise only rows owned by that user name.
 */
export function ownerScope(request: FastifyRequest): string | undefined {
  const user = request.user
  return user && user.role !== 'admin' ? user.name : undefined
}

/** Whether a request may see a record with this owner (NULL owner: records from before users, or the local mode). */
export function canSee(request: FastifyRequest, owner: string | null): boolean {
  const scope = ownerScope(request)
  return scope === undefined || owner === scope
}

/** The owner a new record gets: the signed-in user, or none in the local mode. */
export const ownerOf = (request: FastifyRequest): string | null => request.user?.name ?? null
