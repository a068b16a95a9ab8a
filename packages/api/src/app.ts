import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { CalibrationService, calibrationTrials } from './calibration/calibration-service.ts'
import type { AppConfig } from './config.ts'
import { openDatabase } from './db/database.ts'
import { RunsRepository } from './db/runs-repository.ts'
import { ScenariosRepository } from './db/scenarios-repository.ts'
import { decodeUtf8Body, parseJsonBody } from './http/json-body.ts'
import { SseHub } from './http/sse.ts'
import { JobQueue } from './jobs/job-queue.ts'
import { SimulationPool } from './jobs/simulation-pool.ts'
import { authentication } from './plugins/app/auth.ts'
import { clientErrorHandler, errorHandler, routerErrorHandler } from './plugins/app/error-handler.ts'
import { ApiError } from './errors.ts'
import { requestGuards } from './plugins/app/request-guards.ts'
import { registerCors } from './plugins/external/cors.ts'
import { registerRateLimit } from './plugins/external/rate-limit.ts'
import { securityHeaders } from './plugins/external/security-headers.ts'
import { registerSwagger } from './plugins/external/swagger.ts'
import { registerWebApp } from './plugins/external/web-static.ts'
import { calibrationRoutes } from './routes/calibration.ts'
import { comparisonsRoutes } from './routes/comparisons/index.ts'
import { decisionRoutes } from './routes/decisions/index.ts'
import { healthRoutes } from './routes/health.ts'
import { meRoutes } from './routes/me.ts'
import { presetsRoutes } from './routes/presets.ts'
import { reforecastsRoutes } from './routes/reforecasts/index.ts'
import { runsRoutes } from './routes/runs/index.ts'
import { scenariosRoutes } from './routes/scenarios/index.ts'
import type { Services } from './services.ts'

export interface BuildOptions {
  config: AppConfig
  /** Fastify logger options (pino); false in tests. The authorization header is always redacted. */
  logger?: FastifyServerOptions['logger']
  /** Milliseconds between progress events of one job (default 100). */
  progressIntervalMs?: number
  /** Fund trials per fund benchmark of GET /api/calibration (default: PCSIM_CALIBRATION_TRIALS or 10,000). */
  calibrationTrials?: number
}

export type App = FastifyInstance & { services: Services }

/** Builds the whole server (no listen). Close it with app.close(): jobs end, the pool and database close. */
export async function buildApp({ config, logger = false, progressIntervalMs, calibrationTrials: trials }: BuildOptions): Promise<App> {
  const servedTrials = trials ?? calibrationTrials(process.env)
  const app = Fastify({
    logger: logger && typeof logger === 'object' ? { ...logger, redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' } } : logger,
    bodyLimit: config.bodyLimit,
    trustProxy: false,
    // while closing, requests get the app's 503 (below), not Fastify's own body
    return503OnClosing: false,
    clientErrorHandler,
    // longer than any id, so an over-long id is a 400 naming /params/id; beyond it, a 414 in the app's shape
    routerOptions: { maxParamLength: 500 },
    frameworkErrors: routerErrorHandler,
    // Fastify's 10 s default fails a start on a busy 2-core machine; two minutes still names a plugin that hangs
    pluginTimeout: 120_000,
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.setValidatorCompiler(TypeBoxValidatorCompiler)

  const db = openDatabase(config.dbPath)
  const runs = new RunsRepository(db)
  const interrupted = runs.interruptLeftovers()
  if (interrupted) app.log.warn({ count: interrupted }, 'jobs left queued or running by the previous process were marked failed (PCSIM_ERR_INTERRUPTED)')
  const pool = new SimulationPool(config.executor)
  const state = { poolReady: false, shuttingDown: false }
  const jobs = new JobQueue({ pool, runs, chunkSize: config.chunkSize, maxQueued: config.maxQueued, concurrentJobs: config.concurrentJobs, log: app.log, progressIntervalMs })
  const calibration = new CalibrationService(db, servedTrials, (error) => app.log.error({ err: error }, 'the calibration report failed; the next request retries'))
  const services: Services = { config, db, runs, scenarios: new ScenariosRepository(db), pool, jobs, sse: new SseHub(), state }
  // Ready once the engine loads off-thread and the executor exists; while Redis is unreachable the
  // server keeps trying (each job also tries, and fails with PCSIM_ERR_REDIS_UNAVAILABLE).
  let retry: NodeJS.Timeout | undefined
  const start = () =>
    pool.ping().then(
      () => {
        state.poolReady = true
        app.log.info({ executor: pool.kind }, 'simulation executor ready')
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'the simulation executor could not start; retrying in 5 s')
        if (!state.shuttingDown) retry = setTimeout(start, 5_000).unref()
      },
    )
  void start()

  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(decodeUtf8Body(body as Buffer)))
    } catch (error) {
      done(error as Error, undefined)
    }
  })

  errorHandler(app)
  securityHeaders(app)
  app.addHook('onRequest', async (_request, reply) => {
    if (!state.shuttingDown) return
    reply.header('connection', 'close')
    throw new ApiError('PCSIM_ERR_SHUTTING_DOWN', undefined, undefined, { status: 'shutting_down' }, { 'retry-after': '5' })
  })
  await registerCors(app, config.corsOrigin)
  await registerRateLimit(app, config.rateLimit)
  requestGuards(app, config.allowedHosts)
  authentication(app, { apiToken: config.apiToken, users: config.users })
  await registerSwagger(app)

  await app.register(healthRoutes, { prefix: '/api', services })
  await app.register(presetsRoutes, { prefix: '/api' })
  await app.register(meRoutes, { prefix: '/api', services })
  await app.register(runsRoutes, { prefix: '/api', services })
  await app.register(comparisonsRoutes, { prefix: '/api', services })
  await app.register(reforecastsRoutes, { prefix: '/api', services })
  await app.register(scenariosRoutes, { prefix: '/api', services })
  await app.register(calibrationRoutes, { prefix: '/api', calibration })
  await app.register(decisionRoutes, { prefix: '/api', services })
  await registerWebApp(app, config.webDist)

  // Shutdown: new requests already get 503; jobs end (finish within the grace period, or are
  // marked interrupted), event streams close, then the pool and the database.
  app.addHook('preClose', async () => {
    state.shuttingDown = true
    await jobs.shutdown(config.shutdownGraceMs)
    services.sse.closeAll()
  })
  app.addHook('onClose', async () => {
    clearTimeout(retry)
    await Promise.all([pool.close(), calibration.close()])
    db.close()
  })
  return Object.assign(app, { services }) as unknown as App
}
