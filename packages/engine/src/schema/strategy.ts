import { Type } from './typebox.ts'
import { ENTRY_STAGE_IDS, REGION_IDS, SECTOR_IDS } from './ids.ts'
import { MAX_FUND_SIZE, MAX_YEARS } from './limits.ts'
import { int, keyed, num, oneOf, share } from './primitives.ts'

export const ReservesSchema = Type.Object(
  {
    mode: oneOf(['share', 'implied'] as const, 'a fixed share of investable capital, or sized from the follow-on needs the graduation rates imply'),
    share: num(0, 0.9, 'reserve share of investable capital (mode "share")'),
  },
  { additionalProperties: false },
)

export const FollowOnSchema = Type.Object(
  {
    rule: oneOf(['pro_rata', 'none'] as const),
    maxRounds: int(0, 6, 'follow-on rounds per company at most'),
    maxCompanyShare: share('concentration cap: total invested in one company, as a share of commitments'),
    untilYear: num(0, MAX_YEARS, 'no follow-on after this fund year'),
  },
  { additionalProperties: false },
)

/** Stages a company can reach to count as producing (投产). */
export const PRODUCING_STAGES = ['seed', 'a', 'b', 'c', 'late', 'listed', 'exit'] as const
export type ProducingStage = (typeof PRODUCING_STAGES)[number]

/** The rolling pipeline (谋划一批、储备一批、开工一批、投产一批): deals planned each quarter become
 * reserved, started (the cheque is written) and producing, each step with a rate and a lag. */
export const PipelineSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    plannedPerQuarter: num(0, 500, 'deals planned each quarter during the investment period'),
    reserveRate: share('share of planned deals that are reserved'),
    startRate: share('share of reserved deals that start (are invested)'),
    produceRate: share('share of started companies that reach production'),
    reserveLagQuarters: int(0, 20),
    startLagQuarters: int(0, 20),
    produceLagQuarters: int(0, 40),
    selection: Type.Optional(
      Type.Object(
        {
          signalAccuracy: share('correlation of the fund\'s quality signal with a candidate\'s true value: 0 picks the started deals at random among the reserved ones'),
          qualitySpread: num(0, 3, 'sd of log value among reserved candidates'),
        },
        { additionalProperties: false, description: 'started deals are the reserved candidates with the best signal' },
      ),
    ),
    producingStage: Type.Optional(
      oneOf(PRODUCING_STAGES, 'a started company is producing (投产) once its own path raises this round or a later one, or lists ("listed": a listing only; "exit": a listing, trade sale or share transfer); set, it replaces produceRate and produceLagQuarters'),
    ),
    redeploy: Type.Optional(Type.Boolean({ description: 'plan bigger batches while the cheques still to place exceed what the pipeline in flight is expected to start (default false)' })),
  },
  { additionalProperties: false },
)

export const StrategySchema = Type.Object(
  {
    sectorWeights: keyed(SECTOR_IDS, share(), 'share of initial capital by sector; sums to 1'),
    stageWeights: keyed(ENTRY_STAGE_IDS, share(), 'share of initial capital by entry stage; sums to 1'),
    chequeSize: Type.Object(
      {
        seed: num(0.001, MAX_FUND_SIZE),
        early: num(0.001, MAX_FUND_SIZE),
        growth: num(0.001, MAX_FUND_SIZE),
      },
      { additionalProperties: false, description: 'initial cheque per company by entry stage, millions' },
    ),
    deploymentYears: num(0.25, 15, 'initial cheques are spread evenly over this many years'),
    reserves: ReservesSchema,
    followOn: FollowOnSchema,
    regionWeights: keyed(REGION_IDS, share(), 'share of initial capital by company region; sums to 1'),
    pipeline: PipelineSchema,
  },
  { additionalProperties: false },
)
export type Strategy = Type.Static<typeof StrategySchema>
