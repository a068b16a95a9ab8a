import Type from 'typebox'
import { ConfigInput, Name, Preset, ScenarioIds, Seed, Trials } from './common.ts'

const Base = {
  config: Type.Optional(ConfigInput),
  preset: Type.Optional(Preset),
  scenarios: Type.Optional(ScenarioIds),
  trials: Type.Optional(Trials),
  seed: Type.Optional(Seed),
  name: Type.Optional(Name),
}

const Expr = (description: string) => Type.String({ minLength: 1, maxLength: 500, description })
const Lever = Type.String({ minLength: 1, maxLength: 200, description: 'a named lever (feeRate, carry, reserveShare, companies, chequeScale, cheque:<stage>, sector:<id>, stage:<id>, graduation, exitValue, failure, shock:<id>) or a JSON Pointer to a number of the config' })
const Range = Type.String({ minLength: 3, maxLength: 60, description: '<low>:<high>[:<steps>]' })

export const SensitivityRequest = Type.Object(
  {
    ...Base,
    vary: Type.Array(Type.Union([Type.String({ minLength: 1, maxLength: 260, description: '<lever>=<low>:<high>[:<steps>]' }), Type.Object({ lever: Lever, range: Range }, { additionalProperties: false })]), {
      minItems: 1,
      maxItems: 20,
    }),
    metrics: Type.Optional(Type.Array(Expr('metric expression, e.g. p50(netTvpi)'), { minItems: 1, maxItems: 12 })),
  },
  { additionalProperties: false, description: 'Every variant runs on the base config\'s seed and trials (common random numbers).' },
)
export type SensitivityRequest = Type.Static<typeof SensitivityRequest>

export const SolveRequest = Type.Object(
  {
    ...Base,
    lever: Lever,
    target: Expr('what must hold, e.g. "p50(netTvpi) = 3" or "probLoss <= 0.2"'),
    range: Type.Optional(Range),
  },
  { additionalProperties: false },
)
export type SolveRequest = Type.Static<typeof SolveRequest>

export const OptimisationRequest = Type.Object(
  {
    ...Base,
    space: Type.Object({}, { additionalProperties: true, description: 'search space: sectorWeights, stageWeights, reserveShare, companies bounds; objective, goal, constraints, frontier, candidates, finalists (docs/decision-tools.md)' }),
    budget: Type.Optional(
      Type.Object(
        { trials: Type.Optional(Type.Integer({ minimum: 1 })), seconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3600 })) },
        { additionalProperties: false, description: 'trials in all, and/or seconds after which no new rung starts' },
      ),
    ),
  },
  { additionalProperties: false },
)
export type OptimisationRequest = Type.Static<typeof OptimisationRequest>
