import { Type } from './typebox.ts'
import { REGION_IDS, SHALLOW_POOL_POLICIES } from './ids.ts'
import { keyed, num, oneOf, share } from './primitives.ts'

/** A region's deal pool: what it offers a fund that must invest there (docs/government.md#regional-deal-pools). */
export const RegionPoolSchema = Type.Object(
  {
    dealsPerYear: num(0.1, 1e5, 'investable companies a year the fund can see in the region, all sectors and stages'),
    quality: num(0.05, 2, 'exit value of the region\'s investable companies relative to the whole market (1 = market)'),
  },
  { additionalProperties: false },
)

/** How a fund meets a re-investment requirement the region's pool cannot fill at its usual standard. */
export const ReinvestmentPolicySchema = Type.Object(
  {
    onShallowPool: oneOf(SHALLOW_POOL_POLICIES, 'lower_quality: go down the local pool; relocate: bring companies to the region; miss: keep the usual standard and miss the requirement'),
    selectivity: num(0.001, 1, 'share of the companies it sees that the fund backs at its usual standard'),
    qualitySpread: num(0, 3, 'sd of log exit value across a pool\'s companies, as the fund ranks them'),
    relocationCost: share('share of a relocated company\'s cheque spent on the move (subsidies, new premises, lost staff)'),
    relocationRisk: share('chance that moving breaks the company (its value is lost)'),
  },
  { additionalProperties: false },
)

/** Crowding out (docs/government.md#crowding-out): the better companies shy away from government-tied
 * investors (Colonnelli, Li & Liu, JPE 2024), so the deals a fund wins are worse the larger its
 * government share. Off by default. */
export const CrowdingOutSchema = Type.Object(
  {
    enabled: Type.Boolean({ description: 'lower the quality of the deals the fund wins with its government share' }),
    qualityLoss: share('exit value lost on every deal by a fund that is all government money (scaled by the government share)'),
  },
  { additionalProperties: false },
)

/** Policy settings judged beside the financial outcomes. */
export const PolicySchema = Type.Object(
  {
    toleratedLoss: Type.Object(
      {
        fund: share('tolerated realised loss on the fund\'s invested capital (容错率)'),
        deal: share('tolerated loss on a single company\'s invested capital'),
      },
      { additionalProperties: false },
    ),
    regionPools: Type.Optional(keyed(REGION_IDS, RegionPoolSchema, 'deal pools of the regions; a region without one is as deep and as good as the whole market')),
    reinvestment: Type.Optional(ReinvestmentPolicySchema),
    crowdingOut: Type.Optional(CrowdingOutSchema),
  },
  { additionalProperties: false },
)
export type Policy = Type.Static<typeof PolicySchema>
export type ReinvestmentPolicy = Type.Static<typeof ReinvestmentPolicySchema>
