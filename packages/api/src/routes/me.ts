import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { errorResponses } from '../schemas/common.ts'
import type { Services } from '../services.ts'

const Me = Type.Object({
  mode: Type.Union([Type.Literal('local'), Type.Literal('token'), Type.Literal('users')], { description: 'local: no sign-in; token: one shared write token; users: named users' }),
  user: Type.Union([Type.Object({ name: Type.String(), role: Type.Union([Type.Literal('admin'), Type.Literal('user')]) }), Type.Null()]),
})

/** Who the caller is, and how this server signs callers in (the web app asks before it shows saved work). */
export const meRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { config } = services
  const mode = config.users ? ('users' as const) : config.apiToken ? ('token' as const) : ('local' as const)
  app.get('/me', { schema: { tags: ['users'], summary: 'The signed-in user and the sign-in mode', response: { 200: Me, ...errorResponses(401) } } }, async (request) => ({
    mode,
    user: request.user ?? null,
  }))
}
