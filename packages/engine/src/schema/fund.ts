import Type from 'typebox'
import { CURRENCIES } from './ids.ts'
import { MAX_FUND_SIZE, MAX_YEARS } from './limits.ts'
import { num, oneOf, share } from './primitives.ts'

export const FeeBasisSchema = oneOf(['committed', 'invested', 'nav'] as const, 'committed capital, net invested cost of live holdings, or NAV')

export const ManagementFeeSchema = Type.Object(
  {
    rate: num(0, 0.1, 'annual fee rate during the investment period'),
    basis: FeeBasisSchema,
    stepDownYear: num(0, MAX_YEARS, 'year from which the second rate and basis apply'),
    rateAfterStepDown: num(0, 0.1),
    basisAfterStepDown: FeeBasisSchema,
  },
  { additionalProperties: false },
)

export const CarrySchema = Type.Object(
  {
    rate: num(0, 0.5, 'carried interest share of profits'),
    hurdle: num(0, 0.3, 'preferred return, annual compound'),
    catchUp: share('GP share of distributions in the catch-up tier; 0 = no catch-up'),
    waterfall: oneOf(['european', 'american'] as const),
    clawback: Type.Boolean({ description: 'American waterfall: GP returns carry above its whole-fund entitlement at the end' }),
  },
  { additionalProperties: false },
)

export const RecyclingSchema = Type.Object(
  {
    cap: share('most proceeds that may be reinvested, as a share of commitments'),
    untilYear: num(0, MAX_YEARS, 'proceeds received before this year may be recycled'),
  },
  { additionalProperties: false },
)

export const FundTermsSchema = Type.Object(
  {
    currency: oneOf(CURRENCIES),
    size: num(1, MAX_FUND_SIZE, 'committed capital in millions of the fund currency'),
    investmentPeriodYears: num(0.25, 15),
    lifeYears: num(1, MAX_YEARS),
    extensionYears: num(0, 10),
    extensionNavThreshold: share('the fund extends (a year at a time) while NAV exceeds this share of commitments'),
    managementFee: ManagementFeeSchema,
    carry: CarrySchema,
    recycling: RecyclingSchema,
    endOfLifeDiscount: share('discount at which holdings left at the end of life are sold'),
  },
  { additionalProperties: false },
)
export type FundTerms = Type.Static<typeof FundTermsSchema>
