import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { parseConfig } from '@pcsim/engine'
import { ApiError } from '../../errors.ts'
import { errorResponses, IdParams, ListQuery } from '../../schemas/common.ts'
import { Scenario, ScenarioCreate, ScenarioList, ScenarioUpdate } from '../../schemas/scenarios.ts'
import type { Services } from '../../services.ts'

function parsedConfig(config: unknown) {
  const result = parseConfig(config)
  if (!result.ok)
    throw new ApiError('PCSIM_ERR_INVALID_CONFIG', `The config is not valid: ${result.issues.length} issue(s), first at "/config${result.issues[0]?.path ?? ''}".`, result.issues.map((i) => ({ ...i, path: `/config${i.path}` })))
  return result.config
}

/** Saved configs with optimistic concurrency (PUT names the version it read; 409 if it changed). */
export const scenariosRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { scenarios } = services
  const load = (id: string) => {
    const s = scenarios.get(id)
    if (!s) throw new ApiError('PCSIM_ERR_SCENARIO_NOT_FOUND', `No saved scenario with id "${id}".`)
    return s
  }

  app.post(
    '/scenarios',
    { schema: { tags: ['scenarios'], summary: 'Save a config (validated and stored as the parsed, complete config)', body: ScenarioCreate, response: { 201: Scenario, ...errorResponses(400, 401, 413, 415, 429) } } },
    async (request, reply) => {
      const config = parsedConfig(request.body.config)
      const created = scenarios.create(randomUUID(), request.body.name, config)
      return reply.code(201).header('location', `/api/scenarios/${created.id}`).send(created)
    },
  )

  app.get(
    '/scenarios',
    { schema: { tags: ['scenarios'], summary: 'List saved scenarios, most recently updated first', querystring: ListQuery, response: { 200: ScenarioList, ...errorResponses(400) } } },
    async (request) => ({ items: scenarios.list(request.query.limit ?? 100) }),
  )

  app.get(
    '/scenarios/:id',
    { schema: { tags: ['scenarios'], summary: 'A saved scenario', params: IdParams, response: { 200: Scenario, ...errorResponses(404) } } },
    async (request) => load(request.params.id),
  )

  app.put(
    '/scenarios/:id',
    {
      schema: {
        tags: ['scenarios'],
        summary: 'Change a saved scenario; `version` must be the version you read',
        params: IdParams,
        body: ScenarioUpdate,
        response: { 200: Scenario, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const { name, config, version } = request.body
      const patch = { ...(name !== undefined && { name }), ...(config !== undefined && { config: parsedConfig(config) }) }
      const result = scenarios.update(request.params.id, version, patch)
      if (result.ok) return result.scenario
      if (result.reason === 'not_found') throw new ApiError('PCSIM_ERR_SCENARIO_NOT_FOUND', `No saved scenario with id "${request.params.id}".`)
      throw new ApiError('PCSIM_ERR_VERSION_CONFLICT', `Version ${version} is out of date; the current version is ${result.currentVersion}.`, undefined, {
        currentVersion: result.currentVersion,
      })
    },
  )

  app.delete(
    '/scenarios/:id',
    { schema: { tags: ['scenarios'], summary: 'Delete a saved scenario', params: IdParams, response: { 204: { type: 'null', description: 'deleted' }, ...errorResponses(401, 404) } } },
    async (request, reply) => {
      if (!scenarios.remove(request.params.id)) throw new ApiError('PCSIM_ERR_SCENARIO_NOT_FOUND', `No saved scenario with id "${request.params.id}".`)
      return reply.code(204).send(null)
    },
  )
}
