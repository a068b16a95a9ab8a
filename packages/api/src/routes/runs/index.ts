import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { prepareConfig } from '../../jobs/prepare.ts'
import { MINUTE } from '../../plugins/external/rate-limit.ts'
import { errorResponses, JobCreated } from '../../schemas/common.ts'
import { RunRequest } from '../../schemas/runs.ts'
import type { Services } from '../../services.ts'
import { ownerOf } from '../../users/ownership.ts'
import { jobRoutes } from '../job-routes.ts'
import { runCsv } from './export-csv.ts'
import { jobLinks } from '../job-view.ts'

/** POST /runs queues one simulation; reading, events, cancel and export come from jobRoutes. */
export const runsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { config, jobs } = services
  app.post(
    '/runs',
    {
      config: { rateLimit: { max: config.rateLimitJobs, timeWindow: MINUTE } },
      // A full queue answers before the body is read and parsed (after the rate limiter counted the request).
      preParsing: async (_request, _reply, payload) => {
        jobs.assertAccepting()
        return payload
      },
      // No body at all means "the default template": treat it as {} (a JSON null is refused by the schema).
      preValidation: async (request) => {
        if (request.body === undefined) request.body = {}
      },
      schema: {
        tags: ['runs'],
        summary: 'Queue a simulation run',
        description: 'Send `config` (a fund config; omitted fields come from its template) or `preset` (a template id), or neither for the default template.',
        body: RunRequest,
        response: { 202: JobCreated, ...errorResponses(400, 401, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      const body = request.body
      const parsed = prepareConfig(body, { trials: body.trials, seed: body.seed }, '', config.maxTrials)
      const { id } = jobs.submit({
        kind: 'run',
        name: parsed.name,
        configs: [parsed],
        storedConfig: parsed,
        trials: parsed.run.trials,
        seed: parsed.run.seed,
        owner: ownerOf(request),
      })
      const links = jobLinks('run', id)
      return reply.code(202).header('location', links.self).send({ id, status: 'queued' as const, links })
    },
  )
  await app.register(jobRoutes, { services, kind: 'run', csv: runCsv })
}
