import Type from 'typebox'
import { ConfigInput, Name, Preset, ScenarioIds, Seed, Trials } from './common.ts'

export const RunRequest = Type.Object(
  {
    config: Type.Optional(ConfigInput),
    preset: Type.Optional(Preset),
    scenarios: Type.Optional(ScenarioIds),
    trials: Type.Optional(Trials),
    seed: Type.Optional(Seed),
    name: Type.Optional(Name),
  },
  { additionalProperties: false, description: 'Send config or preset (or neither: the default template); trials and seed override config.run.' },
)
export type RunRequest = Type.Static<typeof RunRequest>

/** Jobs whose result is not a summary (decision tools) export JSON only. */
export const JsonExportQuery = Type.Object({ format: Type.Optional(Type.Literal('json', { default: 'json' })) }, { additionalProperties: false })

export const ExportQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' })) },
  { additionalProperties: false },
)
