import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ENGINE_VERSION } from '@pcsim/engine'
import { ApiError } from '../errors.ts'
import type { Services } from '../services.ts'

/** Liveness (the process answers) and readiness (the worker pool is up and the server is not closing). */
export const healthRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { state, config } = services
  // The limits let a client (the web app) size its requests before sending them.
  const limits = { maxTrials: config.maxTrials, maxQueued: config.maxQueued, bodyLimit: config.bodyLimit, workers: config.workers }
  app.get('/health', { config: { rateLimit: false, access: 'public' }, schema: { tags: ['health'], summary: 'Liveness, engine version and this server\'s limits' } }, async () => ({
    status: 'ok',
    engineVersion: ENGINE_VERSION,
    limits,
  }))
  app.get('/ready', { config: { rateLimit: false, access: 'public' }, schema: { tags: ['health'], summary: 'Readiness: 503 while starting or shutting down' } }, async () => {
    if (state.shuttingDown) throw new ApiError('PCSIM_ERR_SHUTTING_DOWN', undefined, undefined, { status: 'shutting_down' })
    if (!state.poolReady) throw new ApiError('PCSIM_ERR_NOT_READY', undefined, undefined, { status: 'starting' })
    return { status: 'ready' }
  })
}
