import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import type { CalibrationService } from '../calibration/calibration-service.ts'

const Check = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    unit: Type.String(),
    published: Type.Number(),
    simulated: Type.Number(),
    se: Type.Number(),
    low: Type.Number(),
    high: Type.Number(),
    band: Type.String(),
    pass: Type.Boolean(),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
)

const Benchmark = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    published: Type.Number({ description: 'the published figure (the first figure of the benchmark)' }),
    simulated: Type.Number({ description: 'the same statistic on the model' }),
    se: Type.Number({ description: 'its Monte Carlo standard error' }),
    low: Type.Number({ description: 'the band: lowest figure that passes before the 3-SE allowance' }),
    high: Type.Number(),
    pass: Type.Boolean({ description: 'every figure of the benchmark lies in its band widened by 3 SE' }),
    unit: Type.String({ description: 'share, multiple, years or months' }),
    source: Type.String({ description: 'source tags, resolved in docs/references.md' }),
    band: Type.String({ description: 'where the band comes from' }),
    method: Type.String({ description: 'how the benchmark is simulated' }),
    note: Type.Optional(Type.String({ description: 'why a failing benchmark fails' })),
    checks: Type.Array(Check),
  },
  { additionalProperties: true },
)

export const CalibrationReportSchema = Type.Object(
  { engineVersion: Type.String(), trials: Type.Integer(), passed: Type.Integer(), total: Type.Integer(), benchmarks: Type.Array(Benchmark) },
  { additionalProperties: true },
)

const Computing = Type.Object({
  status: Type.Literal('computing'),
  engineVersion: Type.String(),
  trials: Type.Integer(),
  done: Type.Integer({ description: 'benchmarks computed so far' }),
  total: Type.Integer(),
})

/** GET /api/calibration: the report of this engine version; 202 with progress while it is computed. */
export const calibrationRoutes: FastifyPluginAsyncTypebox<{ calibration: CalibrationService }> = async (app, { calibration }) => {
  app.get(
    '/calibration',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calibration'],
        summary: 'The calibration report: published benchmarks against the default model (as `pcsim calibrate --format json`)',
        description:
          'Computed once per engine version and kept in the database. While it is computed (about 15 s at the default size) the answer is 202 with progress and a Retry-After header; ask again.',
        response: { 200: CalibrationReportSchema, 202: Computing },
      },
    },
    async (_request, reply) => {
      const s = calibration.state()
      if (s.status === 'done') return reply.header('cache-control', 'no-cache').send(s.report)
      return reply.code(202).header('retry-after', '2').send(s)
    },
  )
}
