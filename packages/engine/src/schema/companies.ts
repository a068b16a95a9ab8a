import { Type } from './typebox.ts'
import { ROUND_IDS, SECTOR_IDS } from './ids.ts'
import { MAX_BUCKETS, MAX_FUND_SIZE } from './limits.ts'
import { keyed, num, oneOf, share } from './primitives.ts'

/** What happens to a company that has just raised the round named by its stage. The outcome
 * probabilities are eventual (over the stage); whatever is left over is "stall" (alive, no raise,
 * no exit). */
export const RoundModelSchema = Type.Object(
  {
    next: share('probability of raising the next round'),
    acquisition: share('probability of being sold'),
    listing: share('probability of listing (IPO)'),
    fail: share('probability of failing'),
    waitMonths: num(1, 240, 'median months from this round to the next event (raise, sale, listing, stall)'),
    failMonths: num(1, 240, 'median months from this round to failure'),
    waitSigma: num(0, 3, 'log-space dispersion of waiting times'),
    postMoney: num(0.001, MAX_FUND_SIZE * 10, 'median post-money valuation when entering at this round, millions of the fund currency'),
    dilution: num(0, 0.9, 'equity sold in this round (new money / post-money)'),
    stepUp: num(0.05, 50, 'median multiple from this round\'s post-money to the next round\'s pre-money'),
    stepUpSigma: num(0, 3),
    stallValue: share('value of a stalled company as a share of its last post-money'),
  },
  { additionalProperties: false },
)
export type RoundModel = Type.Static<typeof RoundModelSchema>

export const ExitValueSchema = Type.Object(
  {
    median: num(0.001, 100, 'median exit value as a multiple of the last post-money'),
    sigma: num(0, 3),
  },
  { additionalProperties: false },
)

export const ExitTailSchema = Type.Object(
  {
    probability: share('probability that an exit is drawn from the power-law tail instead of the lognormal body'),
    start: num(1, 1000, 'tail starts at this multiple of the last post-money'),
    alpha: num(0.2, 5, 'Pareto shape of the tail'),
    cap: num(1, 100_000, 'largest multiple of the last post-money'),
  },
  { additionalProperties: false },
)

export const SectorModelSchema = Type.Object(
  {
    rounds: Type.Object(
      Object.fromEntries(ROUND_IDS.map((r) => [r, RoundModelSchema])) as Record<(typeof ROUND_IDS)[number], typeof RoundModelSchema>,
      { additionalProperties: false },
    ),
    entryValuationSigma: num(0, 3, 'log-space dispersion of entry valuations'),
    acquisition: ExitValueSchema,
    listing: ExitValueSchema,
    tail: ExitTailSchema,
    maxValue: num(1, MAX_FUND_SIZE * 10_000, 'largest value a company of the sector reaches (post-money or exit), millions of the fund currency'),
  },
  { additionalProperties: false },
)
export type SectorModel = Type.Static<typeof SectorModelSchema>

/** A per-sector patch over the built-in model; every field optional, at every level. */
export const SectorPatchSchema = Type.Object(
  {
    rounds: Type.Optional(keyed(ROUND_IDS, Type.Partial(RoundModelSchema, { additionalProperties: false }))),
    entryValuationSigma: Type.Optional(SectorModelSchema.properties.entryValuationSigma),
    acquisition: Type.Optional(Type.Partial(ExitValueSchema, { additionalProperties: false })),
    listing: Type.Optional(Type.Partial(ExitValueSchema, { additionalProperties: false })),
    tail: Type.Optional(Type.Partial(ExitTailSchema, { additionalProperties: false })),
    maxValue: Type.Optional(SectorModelSchema.properties.maxValue),
  },
  { additionalProperties: false },
)
export type SectorPatch = Type.Static<typeof SectorPatchSchema>

export const PowerLawSchema = Type.Object(
  {
    kind: oneOf(['pareto', 'buckets'] as const),
    alpha: num(0.2, 10, 'Pareto shape'),
    low: num(0.001, 1000, 'lower bound of the Pareto draw (multiple)'),
    high: num(0.01, 100_000, 'upper bound of the Pareto draw (multiple)'),
    shift: num(0, 1000, 'subtracted from each Pareto draw; at most `low`, so multiples stay at or above 0'),
    buckets: Type.Array(
      Type.Object(
        { low: num(0, 100_000), high: num(0, 100_000), probability: share() },
        { additionalProperties: false },
      ),
      { maxItems: MAX_BUCKETS, description: 'outcome buckets: multiple uniform in [low, high] with the given probability' },
    ),
    holdingYears: ExitValueSchema,
  },
  { additionalProperties: false },
)
export type PowerLaw = Type.Static<typeof PowerLawSchema>

const regimeShares = (description: string) =>
  Type.Object({ boom: share(), normal: share(), bust: share() }, { additionalProperties: false, description })

/** Terms every priced round carries, and how often a round is priced down or flat. */
export const DealTermsSchema = Type.Object(
  {
    preferenceMultiple: num(0, 5, 'liquidation preference per unit invested (0 = common equity)'),
    participation: oneOf(['none', 'capped', 'full'] as const, 'after its preference, does the round share in the rest'),
    participationCap: num(1, 20, 'capped participation: most a round may take, per unit invested'),
    seniority: oneOf(['stacked', 'pari_passu'] as const, 'stacked: later rounds are paid first; pari passu: all preferences share pro rata'),
    downRounds: regimeShares('share of rounds priced below the previous post-money, by regime'),
    flatRounds: regimeShares('share of rounds priced at the previous post-money, by regime'),
    downStepUp: Type.Object(
      { median: num(0.05, 1, 'median price of a down round relative to the previous post-money'), sigma: num(0, 3) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)
export type DealTerms = Type.Static<typeof DealTermsSchema>

export const CompaniesSchema = Type.Object(
  {
    model: oneOf(['lifecycle', 'power_law'] as const),
    dealTerms: DealTermsSchema,
    sectors: keyed(SECTOR_IDS, SectorPatchSchema, 'changes to the built-in sector models'),
    fxPerUsd: num(0.0001, 100_000, 'valuation scale: fund-currency units per US dollar of the built-in (US) valuations; the exchange rate, or less where local rounds price below US ones (the Chinese angel presets use half the rate, docs/model.md)'),
    unicornValuation: num(0.001, MAX_FUND_SIZE * 100, 'valuation counted as a unicorn, millions of the fund currency'),
    powerLaw: PowerLawSchema,
  },
  { additionalProperties: false },
)
export type Companies = Type.Static<typeof CompaniesSchema>
