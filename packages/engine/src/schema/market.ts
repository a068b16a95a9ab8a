import { Type } from './typebox.ts'
import { REGIME_IDS, SECTOR_IDS } from './ids.ts'
import { MAX_SHOCKS, MAX_YEARS } from './limits.ts'
import { int, num, oneOf, share } from './primitives.ts'

const multiplier = (description?: string) => num(0, 20, description)
/** Valuation multipliers divide into ownership and prices, so they must stay above zero. */
const POSITIVE_EFFECTS = new Set(['stepUp', 'entryValuation'])

export const EFFECT_IDS = ['graduation', 'acquisition', 'listing', 'failure', 'waitTime', 'stepUp', 'exitValue', 'entryValuation'] as const
export type EffectId = (typeof EFFECT_IDS)[number]

/** Multipliers a regime or a shock applies to company odds, timing and values. */
export const EffectsSchema = Type.Object(
  Object.fromEntries(EFFECT_IDS.map((e) => [e, POSITIVE_EFFECTS.has(e) ? num(0.01, 20) : multiplier()])) as Record<EffectId, ReturnType<typeof multiplier>>,
  { additionalProperties: false },
)
export type Effects = Type.Static<typeof EffectsSchema>

const regimeMap = <T extends Type.TSchema>(value: T) =>
  Type.Object({ boom: value, normal: value, bust: value }, { additionalProperties: false })

export const RegimesSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    initial: oneOf(['stationary', ...REGIME_IDS] as const),
    meanYears: regimeMap(num(0.25, 100, 'mean length of a spell in this regime, years')),
    switchTo: Type.Object(
      {
        boom: Type.Object({ normal: share(), bust: share() }, { additionalProperties: false }),
        normal: Type.Object({ boom: share(), bust: share() }, { additionalProperties: false }),
        bust: Type.Object({ boom: share(), normal: share() }, { additionalProperties: false }),
      },
      { additionalProperties: false, description: 'where a spell leads when it ends; each row sums to 1' },
    ),
    effects: regimeMap(EffectsSchema),
  },
  { additionalProperties: false },
)

export const FactorsSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    withinSector: num(0, 0.95, 'latent correlation of two companies in the same sector'),
    acrossSector: num(0, 0.95, 'latent correlation of two companies in different sectors'),
    persistence: num(0, 0.99, 'year-to-year autocorrelation of the factors'),
    valuationLoading: num(0, 2, 'how strongly factors move step-ups and exit values (log-space)'),
  },
  { additionalProperties: false },
)

export const IndexSchema = Type.Object(
  {
    drift: num(-0.5, 0.5, 'expected annual log return of the public index'),
    volatility: num(0, 1),
    factorLoading: num(-1, 1, 'correlation of index returns with the global factor'),
    regimeDrift: regimeMap(num(-1, 1, 'added to the drift in this regime')),
  },
  { additionalProperties: false },
)

export const ShockSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 60 }),
    fromYear: num(0, MAX_YEARS),
    years: num(0.25, MAX_YEARS),
    sectors: Type.Array(oneOf(SECTOR_IDS), { maxItems: SECTOR_IDS.length, description: 'empty = every sector' }),
    regime: Type.Optional(oneOf(REGIME_IDS, 'force this regime while the shock lasts')),
    effects: Type.Partial(EffectsSchema, { additionalProperties: false }),
    indexDrift: num(-1, 1, 'added to the public index drift while the shock lasts'),
  },
  { additionalProperties: false },
)
export type Shock = Type.Static<typeof ShockSchema>

/** What a shut IPO window (listing multiplier below 1) does to companies that were ready to list. */
export const ListingQueueSchema = Type.Object(
  {
    toSale: share('share of the listings a shut window withholds that become a trade sale or share transfer at once'),
    releaseQuarters: num(1, 40, 'quarters over which the queued listings come to market once the window reopens'),
  },
  { additionalProperties: false },
)

/** Exit routes of a market profile: how sales split, how listed stakes are sold, buy-back rights. */
export const ExitRoutesSchema = Type.Object(
  {
    listingMultiplier: num(0, 20, 'multiplies every round\'s listing probability (how open the listing venues are)'),
    acquisitionMultiplier: num(0, 20, 'multiplies every round\'s sale probability'),
    transferShare: share('share of sales that are transfers of the fund\'s shares to another investor (股权转让) instead of a trade sale'),
    transferDiscount: share('discount of a share transfer to the last post-money'),
    lockUpQuarters: int(0, 40, 'quarters after a listing before the fund may sell'),
    sellDown: Type.Object(
      {
        under36: share('most of the company\'s shares the fund may sell per quarter after the lock-up, investment under 36 months old at listing'),
        under48: share('the same, 36 to 48 months'),
        under60: share('the same, 48 to 60 months'),
        over60: share('the same, 60 months or more'),
      },
      { additionalProperties: false },
    ),
    overseasListings: Type.Object(
      {
        share: share('share of listings on an overseas exchange (Hong Kong) instead of an A-share board'),
        lockUpQuarters: int(0, 40, 'quarters after an overseas listing before the fund may sell; no sell-down cap applies there'),
      },
      { additionalProperties: false },
    ),
    oldShareSales: Type.Object(
      {
        probability: share('probability that the fund sells part of its stake to the investors of a new up round (老股转让)'),
        fromMultiple: num(0, 100, 'only when the new round values the fund\'s stake at least this multiple of its cost'),
        fraction: share('share of its stake the fund sells then'),
        discount: share('discount of those shares to the new round\'s price'),
      },
      { additionalProperties: false },
    ),
    buyBack: Type.Object(
      {
        enabled: Type.Boolean({ description: 'investors hold a redemption right (回购) against founders or the company' }),
        triggerYears: num(0.25, 30, 'the right can be exercised when the company has not listed this many years after the fund\'s entry'),
        rate: num(0, 0.5, 'simple annual rate on cost that the redemption pays'),
        recovery: share('probability that an exercised redemption is paid'),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)
export type ExitRoutes = Type.Static<typeof ExitRoutesSchema>

export const MARKET_PROFILES = ['us', 'cn'] as const

export const MarketSchema = Type.Object(
  {
    profile: oneOf(MARKET_PROFILES, 'exit market of the companies: routes, lock-ups and buy-backs (us, cn)'),
    exits: ExitRoutesSchema,
    regimes: RegimesSchema,
    factors: FactorsSchema,
    index: IndexSchema,
    shocks: Type.Array(ShockSchema, { maxItems: MAX_SHOCKS }),
    listingQueue: ListingQueueSchema,
  },
  { additionalProperties: false },
)
export type Market = Type.Static<typeof MarketSchema>
