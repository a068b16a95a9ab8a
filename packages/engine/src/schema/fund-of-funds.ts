import { Type } from './typebox.ts'
import { int, num, oneOf, share } from './primitives.ts'
import { MAX_YEARS } from './limits.ts'

/** Takahashi–Alexander (Yale) cash-flow model a target-NAV pacing plan projects with (docs/references.md [R39]). */
export const PacingModelSchema = Type.Object(
  {
    callRates: Type.Array(share('share of the still-uncalled commitment called in that year of a sub-fund\'s life; the last rate repeats'), { minItems: 1, maxItems: 10 }),
    growth: num(-0.5, 1, 'annual growth of NAV'),
    bow: num(0.1, 10, 'bow B: distributions are max(yield, (age / life)^B) of the grown NAV'),
    lifeYears: num(1, MAX_YEARS, 'life L of a sub-fund in the projection'),
    yield: share('lowest yearly distribution rate'),
  },
  { additionalProperties: false },
)
export type PacingModel = Type.Static<typeof PacingModelSchema>

/** How a mother fund commits to its sub-funds over several vintages. */
export const PacingSchema = Type.Object(
  {
    method: oneOf(['amounts', 'target_nav'] as const, '"amounts": commit the listed amount in each vintage year; "target_nav": commit each year what keeps the projected NAV at a target'),
    amounts: Type.Optional(
      Type.Array(num(0, 1_000_000), {
        maxItems: 20,
        description: 'millions committed in vintage years 0, 1, 2, …, split across the sub-funds in proportion to their commitment',
      }),
    ),
    targetNav: Type.Optional(num(0.01, 2, 'NAV exposure to aim at, as a share of the mother fund')),
    years: Type.Optional(int(1, 20, 'vintage years over which a target-NAV plan commits')),
    model: Type.Optional(PacingModelSchema),
  },
  { additionalProperties: false },
)
export type Pacing = Type.Static<typeof PacingSchema>

export { DEFAULT_MANAGER_SKILL_SPREAD } from './fund-of-funds-defaults.ts'

/** A mother fund's own terms beyond its sub-funds: pacing, manager skill, co-investment. All optional;
 * absent, every sub-fund starts at its own start year with its commitment and average skill. */
export const FundOfFundsSchema = Type.Object(
  {
    pacing: Type.Optional(PacingSchema),
    managerSkill: Type.Optional(
      Type.Object(
        {
          spread: num(0, 2, 'sd of the log quality multiplier of a sub-fund manager\'s deals, drawn per sub-fund per trial (mean one)'),
        },
        { additionalProperties: false },
      ),
    ),
    coInvestment: Type.Optional(
      Type.Object(
        {
          share: num(0, 2, 'the mother invests this multiple of each sub-fund\'s cheque beside it, in the same companies on the same terms'),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type FundOfFunds = Type.Static<typeof FundOfFundsSchema>
