import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { prepareConfig } from '../../jobs/prepare.ts'
import { MINUTE } from '../../plugins/external/rate-limit.ts'
import { errorResponses, JobCreated } from '../../schemas/common.ts'
import { ComparisonRequest } from '../../schemas/comparisons.ts'
import type { Services } from '../../services.ts'
import { ownerOf } from '../../users/ownership.ts'
import { jobRoutes } from '../job-routes.ts'
import { comparisonCsv } from '../runs/export-csv.ts'
import { jobLinks } from '../job-view.ts'

/**
 * POST /comparisons runs 2-8 configs on common random numbers: the first item's seed and trials
 * (or the request's) apply to all, so trial i of every item sees the same market future.
 */
export const comparisonsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { config, jobs } = services
  app.post(
    '/comparisons',
    {
      config: { rateLimit: { max: config.rateLimitJobs, timeWindow: MINUTE } },
      preParsing: async (_request, _reply, payload) => {
        jobs.assertAccepting()
        return payload
      },
      schema: {
        tags: ['comparisons'],
        summary: 'Queue a comparison of 2-8 strategies or scenarios on common random numbers',
        body: ComparisonRequest,
        response: { 202: JobCreated, ...errorResponses(400, 401, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      const { items, trials, seed, name } = request.body
      const first = prepareConfig(items[0]!, { trials, seed }, '/items/0', config.maxTrials)
      const shared = { trials: first.run.trials, seed: first.run.seed }
      const configs = [first, ...items.slice(1).map((item, i) => prepareConfig(item, shared, `/items/${i + 1}`, config.maxTrials))]
      const storedConfig = { items: configs.map((c, i) => ({ name: c.name, scenarios: items[i]!.scenarios ?? [], config: c })) }
      const { id } = jobs.submit({
        kind: 'comparison',
        name: name ?? configs.map((c) => c.name).join(' vs '),
        configs,
        storedConfig,
        trials: shared.trials,
        seed: shared.seed,
        owner: ownerOf(request),
      })
      const links = jobLinks('comparison', id)
      return reply.code(202).header('location', links.self).send({ id, status: 'queued' as const, links })
    },
  )
  await app.register(jobRoutes, { services, kind: 'comparison', csv: comparisonCsv })
}
