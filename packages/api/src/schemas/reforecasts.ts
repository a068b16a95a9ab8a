import Type from 'typebox'
import { ConfigInput, Name, Preset, Seed, Trials } from './common.ts'

/** A holdings file: the JSON object, or the CSV text as one string (docs/reforecast.md describes both). */
export const HoldingsInput = Type.Union([Type.Object({}, { additionalProperties: true }), Type.String({ minLength: 1 })], {
  description: 'the fund\'s holdings and cash flows to date: a JSON object, or the CSV file\'s text',
})

export const ReforecastRequest = Type.Object(
  {
    config: Type.Optional(ConfigInput),
    preset: Type.Optional(Preset),
    holdings: HoldingsInput,
    asOf: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'the reforecast date, YYYY-MM-DD (else the holdings file\'s)' })),
    regime: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'the market regime the future starts in (else the model\'s stationary draw)' })),
    plan: Type.Optional(
      Type.Union([ConfigInput, Type.String({ minLength: 1, maxLength: 100 })], {
        description: 'the fund\'s original plan: a config, or a saved scenario id (GET /api/scenarios); default: the fund\'s config simulated from day 0',
      }),
    ),
    trials: Type.Optional(Trials),
    seed: Type.Optional(Seed),
    name: Type.Optional(Name),
  },
  { additionalProperties: false, description: 'Send config or preset (the fund) and its holdings; trials and seed override config.run and apply to the plan too.' },
)
export type ReforecastRequest = Type.Static<typeof ReforecastRequest>
