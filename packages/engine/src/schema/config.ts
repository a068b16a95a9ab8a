import { Type } from './typebox.ts'
import { CompaniesSchema } from './companies.ts'
import { FundTermsSchema } from './fund.ts'
import { FundOfFundsSchema } from './fund-of-funds.ts'
import { LpClassesSchema } from './lp-classes.ts'
import { MAX_NAME_LENGTH, MAX_SUB_FUNDS, MAX_TRIALS, MAX_YEARS } from './limits.ts'
import { MarketSchema } from './market.ts'
import { PolicySchema } from './policy.ts'
import { ReforecastSchema } from './reforecast.ts'
import { SCHEMA_VERSION } from './schema-version.ts'
import { StrategySchema } from './strategy.ts'

export { SCHEMA_VERSION }

export const RunSettingsSchema = Type.Object(
  {
    trials: Type.Integer({ minimum: 1, maximum: MAX_TRIALS }),
    seed: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })]),
    evaluateAtYear: Type.Optional(Type.Number({ minimum: 0.25, maximum: MAX_YEARS, description: 'report metrics as of this fund year instead of the end of life' })),
  },
  { additionalProperties: false },
)
export type RunSettings = Type.Static<typeof RunSettingsSchema>

/** A fund-of-funds: the mother fund commits to sub-funds, each a config of its own (template plus
 * overrides), holding one of its LP classes. All sub-funds share the mother's market paths. */
export const SubFundSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }),
    commitment: Type.Number({ minimum: 0.001, maximum: 1_000_000, description: 'the mother fund\'s commitment, millions' }),
    lpClass: Type.String({ minLength: 1, maxLength: 40, description: 'id of the sub-fund\'s LP class the mother holds' }),
    startYear: Type.Optional(Type.Integer({ minimum: 0, maximum: 20, description: 'mother-fund year in which the sub-fund starts (its quarter 0 on the mother\'s market path); default 0' })),
    config: Type.Record(Type.String(), Type.Unknown(), { description: 'the sub-fund: a config (template plus overrides); its market is the mother\'s' }),
  },
  { additionalProperties: false },
)
export type SubFund = Type.Static<typeof SubFundSchema>

/** The whole simulation: the one definition of a valid config, used by the engine, CLI, API and web. */
export const SimulationConfigSchema = Type.Object(
  {
    schemaVersion: Type.Literal(SCHEMA_VERSION),
    name: Type.String({ maxLength: MAX_NAME_LENGTH }),
    template: Type.Optional(Type.String({ maxLength: 60, description: 'fund template the omitted fields were taken from' })),
    fund: FundTermsSchema,
    lpClasses: LpClassesSchema,
    strategy: StrategySchema,
    companies: CompaniesSchema,
    market: MarketSchema,
    policy: PolicySchema,
    subFunds: Type.Optional(Type.Array(SubFundSchema, { maxItems: MAX_SUB_FUNDS })),
    fundOfFunds: Type.Optional(FundOfFundsSchema),
    reforecast: Type.Optional(ReforecastSchema),
    run: RunSettingsSchema,
  },
  { additionalProperties: false, $id: 'https://pcsim.dev/schema/simulation-config-v3.json', title: 'pcsim simulation config' },
)
export type SimulationConfig = Type.Static<typeof SimulationConfigSchema>
