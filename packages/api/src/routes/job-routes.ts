import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { JobKind } from '../db/runs-repository.ts'
import { TERMINAL } from '../db/runs-repository.ts'
import { ApiError, type ErrorCode } from '../errors.ts'
import { ExportQuery, JsonExportQuery } from '../schemas/runs.ts'
import { errorResponses, IdParams, JobCancelled, JobList, JobView, ListQuery } from '../schemas/common.ts'
import type { Services } from '../services.ts'
import { canSee, ownerScope } from '../users/ownership.ts'
import { jobPath, jobView } from './job-view.ts'

const NOT_FOUND: Partial<Record<JobKind, ErrorCode>> = { run: 'PCSIM_ERR_RUN_NOT_FOUND', comparison: 'PCSIM_ERR_COMPARISON_NOT_FOUND', reforecast: 'PCSIM_ERR_REFORECAST_NOT_FOUND' }

/**
 * Reading, streaming, cancelling and exporting a job: the same for every kind. `csv` turns a
 * finished job's result into CSV rows; kinds without it export JSON only.
 */
export const jobRoutes: FastifyPluginAsyncTypebox<{ services: Services; kind: JobKind; tags?: string[]; csv?: (result: unknown) => string }> = async (
  app,
  { services, kind, tags, csv },
) => {
  const { runs, jobs, sse } = services
  const base = `/${jobPath(kind)}`
  const tag = jobPath(kind)
  const notFound = NOT_FOUND[kind] ?? 'PCSIM_ERR_NOT_FOUND'
  // Another user's job is answered like an unknown one: its id reveals nothing.
  const load = (id: string, request?: FastifyRequest) => {
    const record = runs.get(id, kind)
    if (!record || (request && !canSee(request, record.owner))) throw new ApiError(notFound, `No ${kind} with id "${id}".`)
    return record
  }

  app.get(
    base,
    { schema: { tags: tags ?? [tag], summary: `List ${tag}, most recent first`, querystring: ListQuery, response: { 200: JobList, ...errorResponses(400) } } },
    async (request) => ({ items: runs.list(kind, request.query.limit ?? 50, ownerScope(request)) }),
  )

  app.get(
    `${base}/:id`,
    { schema: { tags: tags ?? [tag], summary: `Status, progress and (when done) the result`, params: IdParams, response: { 200: JobView, ...errorResponses(404) } } },
    async (request) => jobView(load(request.params.id, request), jobs),
  )

  app.get(
    `${base}/:id/events`,
    {
      // EventSource cannot send a token; the stream holds only counts and the status, and job ids are random UUIDs.
      config: { access: 'public' },
      schema: {
        tags: tags ?? [tag],
        summary: 'Server-sent events: progress {done,total}, then done | failed | cancelled {id,status}',
        params: IdParams,
        produces: ['text/event-stream'],
        response: { 200: { description: 'text/event-stream', type: 'string' }, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      load(id)
      const stream = sse.start(reply)
      const terminal = () => {
        const record = runs.get(id, kind)!
        stream.send('progress', jobView(record, jobs).progress)
        stream.send(record.status, { id, status: record.status })
        stream.close()
      }
      const unsubscribe = jobs.subscribe(id, (event) => {
        if (event.type === 'progress') stream.send('progress', { done: event.done, total: event.total })
        else {
          stream.send(event.type, { id: event.id, status: event.status })
          stream.close()
        }
      })
      if (!unsubscribe) return terminal()
      stream.onClose(unsubscribe)
      const now = jobs.progress(id)
      if (now) stream.send('progress', now)
    },
  )

  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags: tags ?? [tag],
        summary: 'Cancel a queued or running job',
        params: IdParams,
        response: { 202: JobCancelled, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const record = load(request.params.id, request)
      if (!TERMINAL.has(record.status) && jobs.cancel(record.id)) return reply.code(202).send({ id: record.id, status: 'cancelled' })
      const status = load(record.id).status
      throw new ApiError('PCSIM_ERR_ALREADY_FINISHED', `The ${kind} has already finished (${status}).`, undefined, { status })
    },
  )

  app.get(
    `${base}/:id/export`,
    {
      schema: {
        tags: tags ?? [tag],
        summary: 'Download the job: json = the full record, csv = one row per summary distribution',
        params: IdParams,
        querystring: csv ? ExportQuery : JsonExportQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: Type.String({ description: 'the file (attachment)' }), ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => {
      const record = load(request.params.id, request)
      const format = request.query.format ?? 'json'
      if (format === 'csv' && record.status !== 'done') throw new ApiError('PCSIM_ERR_NOT_FINISHED', `CSV needs a finished ${kind}; this one is ${record.status}.`)
      reply.header('content-disposition', `attachment; filename="pcsim-${kind}-${record.id}.${format}"`)
      if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(jobView(record, jobs), null, 2))
      return reply.type('text/csv; charset=utf-8').send(csv!(record.result))
    },
  )
}
