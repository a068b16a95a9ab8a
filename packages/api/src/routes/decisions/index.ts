import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ConfigIssue, SimulationConfig } from '@pcsim/engine'
import { DecideError, parseSpace, returnTheFund, runOptimise, runSensitivity, runSolve, splitVary } from '@pcsim/engine/decide'
import Type from 'typebox'
import { DecisionJobs, type DecisionKind, type DecisionWork } from '../../decide/decision-jobs.ts'
import { ApiError } from '../../errors.ts'
import { prepareConfig } from '../../jobs/prepare.ts'
import { MINUTE } from '../../plugins/external/rate-limit.ts'
import { errorResponses, IdParams, JobCancelled, JobCreated, ListQuery } from '../../schemas/common.ts'
import { OptimisationRequest, SensitivityRequest, SolveRequest } from '../../schemas/decisions.ts'
import type { Services } from '../../services.ts'

const PATHS: Record<DecisionKind, string> = { sensitivity: 'sensitivities', solve: 'solves', optimisation: 'optimisations' }
export const DEFAULT_METRICS = ['p50(netTvpi)', 'mean(netTvpi)', 'probLoss', 'p50(netIrr)']
/** Most trials one decision job may run, in multiples of the server's per-run limit. */
const WORK_FACTOR = 64

/** A request problem the tools found (expression, lever, range, space), as a 400 naming its JSON Pointer. */
function invalid(error: unknown): unknown {
  if (!(error instanceof DecideError)) return error
  const issue = { path: error.where, code: error.code as ConfigIssue['code'], params: error.params, message: error.text }
  return new ApiError('PCSIM_ERR_INVALID_REQUEST', `Invalid request: ${error.text.en} (at ${error.where})`, [issue])
}

/** Runs the tool up to its first trials to check the request before queueing it: expressions, levers and every variant's config (no trials are run). */
async function precheck(f: () => Promise<unknown>): Promise<void> {
  try {
    await f()
  } catch (error) {
    if (error instanceof DecideError) throw invalid(error)
  }
}

const refuseRun = async (): Promise<never> => {
  throw new Error('precheck')
}

/**
 * POST /sensitivities, /solves and /optimisations queue decision jobs on the server's executor;
 * each has GET /:id, GET /:id/events (SSE progress) and DELETE /:id (cancel), as runs do.
 */
export const decisionRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { config, pool, sse } = services
  const jobs = new DecisionJobs({ pool, chunkSize: config.chunkSize, maxQueued: config.maxQueued, concurrentJobs: config.concurrentJobs, log: app.log })
  app.addHook('preClose', () => jobs.shutdown())
  const maxWork = config.maxTrials * WORK_FACTOR
  const tooMuch = (total: number, path: string) => {
    if (total > maxWork)
      throw new ApiError('PCSIM_ERR_TRIALS_LIMIT', `This job would run ${total} trials; this server allows ${maxWork} per decision job.`, [
        { path, code: 'too_big' as ConfigIssue['code'], params: { limit: maxWork }, message: { en: `At most ${maxWork} trials in all.`, zh: `总试验次数最多 ${maxWork}。` } },
      ])
  }

  const queue = (kind: DecisionKind, base: SimulationConfig, name: string | undefined, request: unknown, total: number, work: DecisionWork) => {
    const id = jobs.submit(kind, { name: name ?? base.name, request, seed: base.run.seed, trials: base.run.trials, total, work })
    const self = `/api/${PATHS[kind]}/${id}`
    return { id, status: 'queued' as const, links: { self, events: `${self}/events` } }
  }
  const created = { 202: JobCreated, ...errorResponses(400, 401, 413, 415, 429, 503) }
  const rate = { rateLimit: { max: config.rateLimitJobs, timeWindow: MINUTE } }

  app.post('/sensitivities', { config: rate, schema: { tags: ['decisions'], summary: 'Queue a sensitivity (tornado and spider) on common random numbers', body: SensitivityRequest, response: created } }, async (request, reply) => {
    const body = request.body
    const base = prepareConfig(body, { trials: body.trials, seed: body.seed }, '', config.maxTrials)
    const metrics = body.metrics ?? DEFAULT_METRICS
    const variants = body.vary.map(splitVary).reduce((a, v) => a + (Number(v.range.split(':')[2]) || 2), 0)
    const total = base.run.trials * (1 + variants)
    tooMuch(total, '/vary')
    await precheck(() => runSensitivity({ config: base, vary: body.vary, metrics }, refuseRun))
    const job = queue('sensitivity', base, body.name, { vary: body.vary, metrics, config: base }, total, (run, signal, onProgress) => runSensitivity({ config: base, vary: body.vary, metrics, signal, onProgress }, run))
    return reply.code(202).header('location', job.links.self).send(job)
  })

  app.post('/solves', { config: rate, schema: { tags: ['decisions'], summary: 'Queue a goal-seek ("what you need to believe") with the return-the-fund view', body: SolveRequest, response: created } }, async (request, reply) => {
    const body = request.body
    const base = prepareConfig(body, { trials: body.trials, seed: body.seed }, '', config.maxTrials)
    const req = { config: base, lever: body.lever, target: body.target, ...(body.range ? { range: body.range } : {}) }
    await precheck(() => runSolve(req, refuseRun))
    const total = base.run.trials * 18
    const job = queue('solve', base, body.name, { lever: body.lever, target: body.target, range: body.range ?? null, config: base }, total, async (run, signal, onProgress) => {
      const result = await runSolve({ ...req, signal, onProgress }, run)
      const [chunk] = await run([base], 0, base.run.trials, { signal })
      return { ...result, returnTheFund: returnTheFund(base, chunk!) }
    })
    return reply.code(202).header('location', job.links.self).send(job)
  })

  app.post('/optimisations', { config: rate, schema: { tags: ['decisions'], summary: 'Queue an allocation search: best allocation, Pareto frontier, every candidate', body: OptimisationRequest, response: created } }, async (request, reply) => {
    const body = request.body
    const base = prepareConfig(body, { trials: body.trials, seed: body.seed }, '', config.maxTrials)
    let space
    try {
      space = parseSpace(body.space)
    } catch (error) {
      throw invalid(error)
    }
    const budget = body.budget ?? { trials: base.run.trials * 32 }
    tooMuch(budget.trials ?? base.run.trials * 32, '/budget/trials')
    await precheck(() => runOptimise({ config: base, space, budget }, refuseRun))
    const job = queue('optimisation', base, body.name, { space: body.space, budget, config: base }, budget.trials ?? base.run.trials * 32, (run, signal, onProgress) =>
      runOptimise({ config: base, space, budget, signal, onProgress }, run),
    )
    return reply.code(202).header('location', job.links.self).send(job)
  })

  for (const kind of Object.keys(PATHS) as DecisionKind[]) {
    const base = `/${PATHS[kind]}`
    const tags = ['decisions']
    const load = (id: string) => {
      const v = jobs.view(id, kind)
      if (!v) throw new ApiError('PCSIM_ERR_NOT_FOUND', `No ${kind} job with id "${id}" (decision jobs are kept in memory: the last 100).`)
      return v
    }
    app.get(base, { schema: { tags, summary: `List ${PATHS[kind]}, most recent first`, querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(Type.Object({}, { additionalProperties: true })) }), ...errorResponses(400) } } }, async (request) => ({ items: jobs.list(kind, request.query.limit ?? 50) }))
    app.get(`${base}/:id`, { schema: { tags, summary: 'Status, progress and (when done) the result', params: IdParams, response: { 200: Type.Object({}, { additionalProperties: true }), ...errorResponses(404) } } }, async (request) => load(request.params.id))
    app.get(
      `${base}/:id/events`,
      { schema: { tags, summary: 'Server-sent events: progress {done,total}, then done | failed | cancelled {id,status}', params: IdParams, produces: ['text/event-stream'], response: errorResponses(404) } },
      async (request, reply) => {
        const { id } = request.params
        const now = load(id)
        const stream = sse.start(reply)
        const unsubscribe = jobs.subscribe(id, (event) => {
          if (event.type === 'progress') stream.send('progress', { done: event.done, total: event.total })
          else {
            stream.send(event.type, { id: event.id, status: event.status })
            stream.close()
          }
        })
        if (!unsubscribe) {
          const v = load(id)
          stream.send('progress', v.progress)
          stream.send(v.status, { id, status: v.status })
          return stream.close()
        }
        stream.onClose(unsubscribe)
        stream.send('progress', now.progress)
      },
    )
    app.delete(`${base}/:id`, { schema: { tags, summary: 'Cancel a queued or running job', params: IdParams, response: { 202: JobCancelled, ...errorResponses(404, 409) } } }, async (request, reply) => {
      const v = load(request.params.id)
      if (jobs.cancel(v.id)) return reply.code(202).send({ id: v.id, status: 'cancelled' as const })
      throw new ApiError('PCSIM_ERR_ALREADY_FINISHED', `The ${kind} has already finished (${load(v.id).status}).`, undefined, { status: load(v.id).status })
    })
  }
}
