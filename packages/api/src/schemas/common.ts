import Type from 'typebox'
import { limits } from '@pcsim/engine'

/**
 * HTTP envelopes only: the config itself is defined once, by the engine's SimulationConfigSchema,
 * and checked by parseConfig. Here it is "an object"; the OpenAPI document swaps in the engine's
 * schema (plugins/external/swagger.ts).
 */
export const ConfigInput = Type.Object({}, { additionalProperties: true, description: 'PCSIM_CONFIG' })

export const Seed = Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })], {
  description: 'random seed: same config + seed = same numbers',
})
export const Trials = Type.Integer({ minimum: 1, description: 'number of simulated futures (capped by PCSIM_MAX_TRIALS)' })
export const Name = Type.String({ minLength: 1, maxLength: limits.MAX_NAME_LENGTH })
export const ScenarioIds = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), {
  maxItems: limits.MAX_SHOCKS,
  description: 'ids of named market scenarios (GET /api/presets) whose shocks are appended to config.market.shocks',
})
export const Preset = Type.String({ minLength: 1, maxLength: 60, description: 'fund template id (GET /api/presets → funds)' })

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })
export const ListQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })) }, { additionalProperties: false })

export const Issue = Type.Object({
  path: Type.String({ description: 'JSON Pointer to the field' }),
  code: Type.String(),
  params: Type.Object({}, { additionalProperties: true }),
  message: Type.String({ description: 'in the language of Accept-Language (zh → Chinese, else English)' }),
  row: Type.Optional(Type.Integer({ description: 'CSV input (holdings): the 1-based row, the header being row 1' })),
  column: Type.Optional(Type.Integer({ description: 'CSV input (holdings): the 1-based column' })),
})

export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: 'PCSIM_ERR_*' }),
    error: Type.String(),
    message: Type.String(),
    issues: Type.Optional(Type.Array(Issue)),
  },
  { additionalProperties: true },
)

export const JobStatus = Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed'), Type.Literal('cancelled')])
export const Progress = Type.Object({ done: Type.Integer(), total: Type.Integer() })

export const JobCreated = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Type.Literal('queued'),
  links: Type.Object({ self: Type.String(), events: Type.String() }),
})

export const JobCancelled = Type.Object({ id: Type.String(), status: Type.Literal('cancelled') })

export const JobListItem = Type.Object({
  id: Type.String(),
  status: JobStatus,
  name: Type.Union([Type.String(), Type.Null()]),
  trials: Type.Integer(),
  seed: Type.Union([Type.String(), Type.Integer()]),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
})
export const JobList = Type.Object({ items: Type.Array(JobListItem) })

export const JobError = Type.Object({ code: Type.String(), message: Type.String() })

/** GET /runs/:id, /comparisons/:id, /sensitivities/:id…; `config` (what was asked) and `result` are free-form here (see the engine's types). */
export const JobView = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('run'), Type.Literal('comparison'), Type.Literal('sensitivity'), Type.Literal('solve'), Type.Literal('optimisation'), Type.Literal('reforecast')]),
  status: JobStatus,
  progress: Progress,
  name: Type.Union([Type.String(), Type.Null()]),
  trials: Type.Integer(),
  seed: Type.Union([Type.String(), Type.Integer()]),
  engineVersion: Type.String(),
  createdAt: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  error: Type.Optional(JobError),
  owner: Type.Union([Type.String(), Type.Null()], { description: 'the user who submitted it (null without named users)' }),
  config: Type.Unknown(),
  result: Type.Optional(Type.Unknown()),
})

export const errorResponses = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorBody]))
