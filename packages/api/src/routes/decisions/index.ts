import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ConfigIssue, SimulationConfig } from '@pcsim/engine'
import { DecideError, parseSpace, returnTheFund, runOptimise, runSensitivity, runSolve, splitVary, type RunTrials } from '@pcsim/engine/decide'
import { trialsOn } from '@pcsim/runner'
import type { FastifyRequest } from 'fastify'
import { ApiError } from '../../errors.ts'
import { prepareConfig } from '../../jobs/prepare.ts'
import { MINUTE } from '../../plugins/external/rate-limit.ts'
import { errorResponses, JobCreated } from '../../schemas/common.ts'
import { OptimisationRequest, SensitivityRequest, SolveRequest } from '../../schemas/decisions.ts'
import type { Services } from '../../services.ts'
import { ownerOf } from '../../users/ownership.ts'
import { jobRoutes } from '../job-routes.ts'
import { jobLinks } from '../job-view.ts'

type DecisionKind = 'sensitivity' | 'solve' | 'optimisation'
type DecisionWork = (run: RunTrials, signal: AbortSignal, onProgress: (done: number, total: number) => void) => Promise<unknown>
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
 * POST /sensitivities, /solves and /optimisations queue decision jobs on the server's job queue
 * (SQLite, owners, the same executor as runs); GET /:id, GET /:id/events (SSE progress),
 * DELETE /:id (cancel) and GET /:id/export come from jobRoutes, as for runs.
 */
export const decisionRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { config, jobs } = services
  const maxWork = config.maxTrials * WORK_FACTOR
  const tooMuch = (total: number, path: string) => {
    if (total > maxWork)
      throw new ApiError('PCSIM_ERR_TRIALS_LIMIT', `This job would run ${total} trials; this server allows ${maxWork} per decision job.`, [
        { path, code: 'too_big' as ConfigIssue['code'], params: { limit: maxWork }, message: { en: `At most ${maxWork} trials in all.`, zh: `总试验次数最多 ${maxWork}。` } },
      ])
  }

  const queue = (request: FastifyRequest, kind: DecisionKind, base: SimulationConfig, name: string | undefined, asked: unknown, total: number, work: DecisionWork) => {
    const { id } = jobs.submit({
      kind,
      name: name ?? base.name,
      storedConfig: asked,
      trials: base.run.trials,
      seed: base.run.seed,
      total,
      owner: ownerOf(request),
      work: ({ executor, chunkSize, signal, onProgress }) => work(trialsOn(executor, chunkSize), signal, onProgress),
    })
    return { id, status: 'queued' as const, links: jobLinks(kind, id) }
  }
  const created = { 202: JobCreated, ...errorResponses(400, 401, 413, 415, 429, 503) }
  const rate = { rateLimit: { max: config.rateLimitJobs, timeWindow: MINUTE } }
  const accepting = async (_request: unknown, _reply: unknown, payload: unknown) => {
    jobs.assertAccepting()
    return payload
  }

  app.post('/sensitivities', { config: rate, preParsing: accepting, schema: { tags: ['decisions'], summary: 'Queue a sensitivity (tornado and spider) on common random numbers', body: SensitivityRequest, response: created } }, async (request, reply) => {
    const body = request.body
    const base = prepareConfig(body, { trials: body.trials, seed: body.seed }, '', config.maxTrials)
    const metrics = body.metrics ?? DEFAULT_METRICS
    const variants = body.vary.map(splitVary).reduce((a, v) => a + (Number(v.range.split(':')[2]) || 2), 0)
    const total = base.run.trials * (1 + variants)
    tooMuch(total, '/vary')
    await precheck(() => runSensitivity({ config: base, vary: body.vary, metrics }, refuseRun))
    const job = queue(request, 'sensitivity', base, body.name, { vary: body.vary, metrics, config: base }, total, (run, signal, onProgress) => runSensitivity({ config: base, vary: body.vary, metrics, signal, onProgress }, run))
    return reply.code(202).header('location', job.links.self).send(job)
  })

  app.post('/solves', { config: rate, preParsing: accepting, schema: { tags: ['decisions'], summary: 'Queue a goal-seek ("what you need to believe") with the return-the-fund view', body: SolveRequest, response: created } }, async (request, reply) => {
    const body = request.body
    const base = prepareConfig(body, { trials: body.trials, seed: body.seed }, '', config.maxTrials)
    const req = { config: base, lever: body.lever, target: body.target, ...(body.range ? { range: body.range } : {}) }
    await precheck(() => runSolve(req, refuseRun))
    const total = base.run.trials * 18
    const job = queue(request, 'solve', base, body.name, { lever: body.lever, target: body.target, range: body.range ?? null, config: base }, total, async (run, signal, onProgress) => {
      const result = await runSolve({ ...req, signal, onProgress }, run)
      const [chunk] = await run([base], 0, base.run.trials, { signal })
      return { ...result, returnTheFund: returnTheFund(base, chunk!) }
    })
    return reply.code(202).header('location', job.links.self).send(job)
  })

  app.post('/optimisations', { config: rate, preParsing: accepting, schema: { tags: ['decisions'], summary: 'Queue an allocation search: best allocation, Pareto frontier, every candidate', body: OptimisationRequest, response: created } }, async (request, reply) => {
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
    const job = queue(request, 'optimisation', base, body.name, { space: body.space, budget, config: base }, budget.trials ?? base.run.trials * 32, (run, signal, onProgress) =>
      runOptimise({ config: base, space, budget, signal, onProgress }, run),
    )
    return reply.code(202).header('location', job.links.self).send(job)
  })

  for (const kind of ['sensitivity', 'solve', 'optimisation'] as const) await app.register(jobRoutes, { services, kind, tags: ['decisions'] })
}
