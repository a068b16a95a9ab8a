import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'

/** CORS stays off (same-origin only) unless PCSIM_CORS_ORIGIN lists origins ("*" or comma-separated). */
export async function registerCors(app: FastifyInstance, origin: string | undefined): Promise<void> {
  if (!origin) return
  const origins = origin === '*' ? '*' : origin.split(',').map((o) => o.trim()).filter(Boolean)
  await app.register(cors, {
    origin: origins,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['content-type', 'authorization', 'accept-language'],
    exposedHeaders: ['retry-after', 'location', 'content-disposition'],
    maxAge: 600,
  })
}
