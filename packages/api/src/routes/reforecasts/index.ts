import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { runChunks } from '../../jobs/job-queue.ts'
import { prepareReforecast } from '../../jobs/prepare-reforecast.ts'
import { reforecastRuns } from '../../jobs/tasks.ts'
import { MINUTE } from '../../plugins/external/rate-limit.ts'
import { errorResponses, JobCreated } from '../../schemas/common.ts'
import { ReforecastRequest } from '../../schemas/reforecasts.ts'
import type { Services } from '../../services.ts'
import { canSee, ownerOf } from '../../users/ownership.ts'
import { jobRoutes } from '../job-routes.ts'
import { jobLinks } from '../job-view.ts'
import { reforecastCsv } from '../runs/export-csv.ts'

/**
 * POST /reforecasts queues a fund simulated from its actual holdings (from the as-of date on), its
 * plan simulated from day 0 and the plan read at the as-of date, all on the same seed and trials; the
 * result is both runs and the engine's plan against actual.
 */
export const reforecastsRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { config, jobs, pool, scenarios } = services
  app.post(
    '/reforecasts',
    {
      config: { rateLimit: { max: config.rateLimitJobs, timeWindow: MINUTE } },
      preParsing: async (_request, _reply, payload) => {
        jobs.assertAccepting()
        return payload
      },
      schema: {
        tags: ['reforecasts'],
        summary: 'Queue a reforecast of a fund in mid-life from its holdings, against its plan',
        description:
          'Send the fund (`config` or `preset`), its `holdings` (a JSON object or the CSV text) and optionally `asOf`, `regime` and `plan` (a config or a saved scenario id; default: the fund\'s own config from day 0). Both run on the same `trials` and `seed`.',
        body: ReforecastRequest,
        response: { 202: JobCreated, ...errorResponses(400, 401, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      const body = request.body
      const { actual, plan, planToDate, planScenario } = prepareReforecast(body, config.maxTrials, scenarios, (owner) => canSee(request, owner))
      const runs = { actual, plan, planToDate }
      const configs = reforecastRuns(runs)
      const { id } = jobs.submit({
        kind: 'reforecast',
        name: body.name ?? actual.name,
        configs,
        total: configs.length * actual.run.trials,
        work: async (ctx) => pool.reforecast(runs, await runChunks(configs, ctx), ctx.signal),
        storedConfig: { config: actual, plan, planScenario },
        trials: actual.run.trials,
        seed: actual.run.seed,
        owner: ownerOf(request),
      })
      const links = jobLinks('reforecast', id)
      return reply.code(202).header('location', links.self).send({ id, status: 'queued' as const, links })
    },
  )
  await app.register(jobRoutes, { services, kind: 'reforecast', csv: reforecastCsv })
}
