import { Type } from './typebox.ts'
import { CURRENCIES, REGIME_IDS } from './ids.ts'
import { MAX_FUND_SIZE, MAX_YEARS } from './limits.ts'
import { int, num, oneOf, share } from './primitives.ts'

export const FeeBasisSchema = oneOf(['committed', 'paid_in', 'invested', 'nav'] as const, 'committed capital, paid-in capital (实缴), net invested cost of live holdings, or NAV')

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

export const TrancheSchema = Type.Object(
  {
    year: num(0, MAX_YEARS, 'fund year at which the tranche falls due'),
    share: share('share of commitments the tranche calls'),
  },
  { additionalProperties: false },
)

export const CapitalCallsSchema = Type.Object(
  {
    policy: oneOf(['just_in_time', 'ahead', 'tranches'] as const, 'just_in_time: call each quarter what it needs; ahead: also the next quarters\' projected needs; tranches: fixed shares of commitments at set years (分期实缴)'),
    aheadQuarters: int(0, 20, 'ahead: quarters of projected needs (cheques, reserve pace, fees) called in advance'),
    tranches: Type.Array(TrancheSchema, { maxItems: 12, description: 'tranches: shares of commitments due at set years; what they leave is called just in time' }),
    topUpBelow: share('tranches: the next tranche is called early when cash at the fund would fall below this share of commitments'),
    cashYield: num(0, 0.2, 'annual yield earned on cash held at the fund'),
  },
  { additionalProperties: false },
)

const regimeNumbers = (minimum: number, maximum: number, description: string) =>
  Type.Object(Object.fromEntries(REGIME_IDS.map((r) => [r, num(minimum, maximum)])) as Record<(typeof REGIME_IDS)[number], ReturnType<typeof num>>, {
    additionalProperties: false,
    description,
  })

export const ExtensionRuleSchema = Type.Object(
  {
    navThreshold: share('no extension while NAV is at or below this share of commitments'),
    firstProbability: share('probability that the first one-year extension is taken when NAV equals the reference share'),
    decay: share('each further extension is this many times as likely as the one before'),
    navReference: num(0.01, 5, 'NAV, as a share of commitments, at which the first extension has its stated probability'),
    navElasticity: num(0, 5, 'the probability scales with (NAV ÷ reference)^elasticity'),
    regimeFactor: regimeNumbers(0, 10, 'the probability is multiplied by this factor in the regime at the decision'),
  },
  { additionalProperties: false },
)

export const SecondarySaleSchema = Type.Object(
  {
    discountMean: regimeNumbers(0, 1, 'mean discount to NAV at which LP-led secondaries clear, by regime at the sale'),
    discountSd: num(0, 0.5, 'standard deviation of the discount (a normal draw; the discount is clipped to [0, 1])'),
    earlyStageExtra: num(0, 0.5, 'extra discount on holdings that entered at seed or early stage'),
    unpricedExtra: num(0, 0.5, 'extra discount on holdings with no priced round since the fund\'s entry'),
  },
  { additionalProperties: false },
)

export const ContinuationSchema = Type.Object(
  {
    enabled: Type.Boolean({ description: 'at the end of life, a GP-led continuation vehicle buys the holdings left' }),
    discount: num(0, 0.5, 'discount to NAV at which the continuation vehicle buys'),
    rollShare: share('share of LPs that roll into the vehicle at NAV instead of selling'),
  },
  { additionalProperties: false },
)

export const EndOfLifeSchema = Type.Object(
  {
    extension: ExtensionRuleSchema,
    secondary: SecondarySaleSchema,
    continuation: ContinuationSchema,
  },
  { additionalProperties: false },
)

export const FundTermsSchema = Type.Object(
  {
    currency: oneOf(CURRENCIES),
    size: num(1, MAX_FUND_SIZE, 'committed capital in millions of the fund currency'),
    investmentPeriodYears: num(0.25, 15),
    lifeYears: num(1, MAX_YEARS),
    extensionYears: num(0, 10, 'most years the fund may extend beyond its life, a year at a time'),
    managementFee: ManagementFeeSchema,
    carry: CarrySchema,
    recycling: RecyclingSchema,
    capitalCalls: CapitalCallsSchema,
    endOfLife: EndOfLifeSchema,
  },
  { additionalProperties: false },
)
export type FundTerms = Type.Static<typeof FundTermsSchema>
export type CapitalCalls = Type.Static<typeof CapitalCallsSchema>
export type EndOfLife = Type.Static<typeof EndOfLifeSchema>
