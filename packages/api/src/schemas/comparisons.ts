import Type from 'typebox'
import { ConfigInput, Name, Preset, ScenarioIds, Seed, Trials } from './common.ts'

export const ComparisonItem = Type.Object(
  { config: Type.Optional(ConfigInput), preset: Type.Optional(Preset), scenarios: Type.Optional(ScenarioIds), name: Type.Optional(Name) },
  { additionalProperties: false },
)

export const ComparisonRequest = Type.Object(
  {
    items: Type.Array(ComparisonItem, { minItems: 2, maxItems: 8 }),
    trials: Type.Optional(Trials),
    seed: Type.Optional(Seed),
    name: Type.Optional(Name),
  },
  { additionalProperties: false, description: 'Every item runs on the same seed and trials (common random numbers).' },
)
export type ComparisonRequest = Type.Static<typeof ComparisonRequest>
