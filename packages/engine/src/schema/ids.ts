/** Future-industry sectors the engine knows; `generalist` is the US software/tech baseline. */
export const SECTOR_IDS = [
  'generalist',
  'ai',
  'biotech',
  'medtech',
  'aerospace',
  'low_altitude',
  'quantum',
  'comms_6g',
  'robotics',
  'new_energy',
  'new_materials',
] as const
export type SectorId = (typeof SECTOR_IDS)[number]

/** Stages at which a fund writes its first cheque. */
export const ENTRY_STAGE_IDS = ['seed', 'early', 'growth'] as const
export type EntryStageId = (typeof ENTRY_STAGE_IDS)[number]

/** Financing stages a company moves through (seed → A → B → C → late/D+). */
export const ROUND_IDS = ['seed', 'a', 'b', 'c', 'late'] as const
export type RoundId = (typeof ROUND_IDS)[number]

/** Round index at which each entry stage joins a company. */
export const ENTRY_ROUND: Record<EntryStageId, number> = { seed: 0, early: 1, growth: 3 }

export const REGIME_IDS = ['boom', 'normal', 'bust'] as const
export type RegimeId = (typeof REGIME_IDS)[number]

export const LP_KINDS = ['private', 'gp', 'government', 'social_security', 'insurance'] as const
export type LpKind = (typeof LP_KINDS)[number]

export const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP'] as const
export type Currency = (typeof CURRENCIES)[number]

/** Exit routes and terminal states of a company. */
export const OUTCOME_IDS = ['failed', 'stalled', 'acquired', 'listed', 'held'] as const
export type OutcomeId = (typeof OUTCOME_IDS)[number]

/** Regions a company can belong to (Beijing–Tianjin–Hebei and the rest). */
export const REGION_IDS = ['beijing', 'tianjin', 'hebei', 'other'] as const
export type RegionId = (typeof REGION_IDS)[number]

/** What a fund does when a region's pool cannot fill a re-investment requirement at its usual standard. */
export const SHALLOW_POOL_POLICIES = ['lower_quality', 'relocate', 'miss'] as const
export type ShallowPoolPolicy = (typeof SHALLOW_POOL_POLICIES)[number]
