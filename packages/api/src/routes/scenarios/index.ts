import { randomBytes, randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { parseConfig } from '@pcsim/engine'
import type { FastifyRequest } from 'fastify'
import { ApiError } from '../../errors.ts'
import { errorResponses, IdParams, ListQuery } from '../../schemas/common.ts'
import { Scenario, ScenarioCreate, ScenarioList, ScenarioUpdate, ShareLink, ShareParams, SharedScenario } from '../../schemas/scenarios.ts'
import type { Services } from '../../services.ts'
import { canSee, ownerOf, ownerScope } from '../../users/ownership.ts'

function parsedConfig(config: unknown) {
  const result = parseConfig(config)
  if (!result.ok)
    throw new ApiError('PCSIM_ERR_INVALID_CONFIG', `The config is not valid: ${result.issues.length} issue(s), first at "/config${result.issues[0]?.path ?? ''}".`, result.issues.map((i) => ({ ...i, path: `/config${i.path}` })))
  return result.config
}

/** A read-only link id: 192 random bits, so links cannot be guessed or enumerated. */
const newShareId = () => randomBytes(24).toString('base64url')
const shareUrl = (shareId: string) => `/api/shared/scenarios/${shareId}`

/**
 * Saved configs with optimistic concurrency (PUT names the version it read; 409 if it changed).
 * With named users each user sees their own (an admin sees all); a scenario can be shared read-only by link.
 */
export const scenariosRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { scenarios } = services
  // Another user's scenario is answered like an unknown one.
  const load = (id: string, request: FastifyRequest) => {
    const s = scenarios.get(id)
    if (!s || !canSee(request, s.owner)) throw new ApiError('PCSIM_ERR_SCENARIO_NOT_FOUND', `No saved scenario with id "${id}".`)
    return s
  }

  app.post(
    '/scenarios',
    { schema: { tags: ['scenarios'], summary: 'Save a config (validated and stored as the parsed, complete config)', body: ScenarioCreate, response: { 201: Scenario, ...errorResponses(400, 401, 413, 415, 429) } } },
    async (request, reply) => {
      const config = parsedConfig(request.body.config)
      const created = scenarios.create(randomUUID(), request.body.name, config, ownerOf(request))
      return reply.code(201).header('location', `/api/scenarios/${created.id}`).send(created)
    },
  )

  app.get(
    '/scenarios',
    { schema: { tags: ['scenarios'], summary: 'List saved scenarios (your own; an admin sees all), most recently updated first', querystring: ListQuery, response: { 200: ScenarioList, ...errorResponses(400, 401) } } },
    async (request) => ({ items: scenarios.list(request.query.limit ?? 100, ownerScope(request)) }),
  )

  app.get(
    '/scenarios/:id',
    { schema: { tags: ['scenarios'], summary: 'A saved scenario', params: IdParams, response: { 200: Scenario, ...errorResponses(401, 404) } } },
    async (request) => load(request.params.id, request),
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
      load(request.params.id, request)
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
      load(request.params.id, request)
      if (!scenarios.remove(request.params.id)) throw new ApiError('PCSIM_ERR_SCENARIO_NOT_FOUND', `No saved scenario with id "${request.params.id}".`)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/scenarios/:id/share',
    {
      schema: {
        tags: ['scenarios'],
        summary: 'Share read-only by link: a new unguessable link (an earlier one stops working)',
        params: IdParams,
        response: { 201: ShareLink, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      load(request.params.id, request)
      const shareId = newShareId()
      scenarios.setShare(request.params.id, shareId)
      return reply.code(201).header('location', shareUrl(shareId)).send({ shareId, url: shareUrl(shareId) })
    },
  )

  app.delete(
    '/scenarios/:id/share',
    { schema: { tags: ['scenarios'], summary: 'Stop sharing: the link answers 404 from now on', params: IdParams, response: { 204: { type: 'null', description: 'unshared' }, ...errorResponses(401, 404) } } },
    async (request, reply) => {
      load(request.params.id, request)
      scenarios.setShare(request.params.id, null)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/shared/scenarios/:shareId',
    {
      config: { access: 'public' },
      schema: { tags: ['scenarios'], summary: 'A shared scenario, read-only, for anyone with the link', params: ShareParams, response: { 200: SharedScenario, ...errorResponses(404) } },
    },
    async (request) => {
      const s = scenarios.getShared(request.params.shareId)
      if (!s) throw new ApiError('PCSIM_ERR_SCENARIO_NOT_FOUND', 'No shared scenario at this link (it may have been unshared).')
      return { name: s.name, version: s.version, config: s.config, createdAt: s.createdAt, updatedAt: s.updatedAt }
    },
  )
}
