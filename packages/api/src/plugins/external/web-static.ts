import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { ApiError } from '../../errors.ts'
import { sendError } from '../app/error-handler.ts'

/**
 * Serves the built web app (packages/web/dist) at / when it exists, with SPA fallback: any GET
 * that is not under /api, matches no file and does not look like a file (no extension) gets
 * index.html. Without a build, / is a 404 like any other.
 */
export async function registerWebApp(app: FastifyInstance, webDist: string): Promise<boolean> {
  const hasWeb = existsSync(join(webDist, 'index.html'))
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      // files are looked up per request, so a rebuild of the web app is served without a restart
      wildcard: true,
      setHeaders: (reply, path) => reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
    })
  // Nothing under /api is ever a file: an unknown API path is a 404 in the app's shape, never the file server's answer.
  app.all('/api/*', { schema: { hide: true } }, async (request, reply) =>
    sendError(request, reply, new ApiError('PCSIM_ERR_NOT_FOUND', `No route ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)}.`)),
  )
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    const isFile = /\.[a-z0-9]+$/i.test(path.slice(path.lastIndexOf('/')))
    if (hasWeb && (request.method === 'GET' || request.method === 'HEAD') && !isFile && path !== '/api' && !path.startsWith('/api/'))
      return reply.header('cache-control', 'no-cache').sendFile('index.html')
    return sendError(request, reply, new ApiError('PCSIM_ERR_NOT_FOUND', `No route ${request.method} ${path}.`))
  })
  return hasWeb
}
