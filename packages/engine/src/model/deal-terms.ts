import type { DealTerms } from '../schema/companies.ts'
import { REGIME_IDS, ROUND_IDS } from '../schema/ids.ts'
import { CAPPED, FULL, NON_PARTICIPATING } from './preference-stack.ts'

/** How often a round is priced down or flat, per regime (REGIME_IDS order), and what a down round pays. */
export interface RoundPricing {
  down: Float64Array
  flat: Float64Array
  downMedian: number
  downSigma: number
}

/** Preference terms of each round (ROUND_IDS order), as the stack payout reads them. */
export interface StackTerms {
  multiple: Float64Array
  participation: Uint8Array
  cap: Float64Array
  rank: Int8Array
  /** Every round non-participating and pari passu (the stack has closed-form cases). */
  simple: boolean
}

export interface ResolvedDealTerms {
  pricing: RoundPricing
  stack: StackTerms
  /** False when every round is plain common equity (the stack is skipped). */
  preferred: boolean
}

const PARTICIPATION = { none: NON_PARTICIPATING, capped: CAPPED, full: FULL } as const

export function resolveDealTerms(t: DealTerms): ResolvedDealTerms {
  const K = ROUND_IDS.length
  return {
    pricing: {
      down: Float64Array.from(REGIME_IDS.map((r) => t.downRounds[r])),
      flat: Float64Array.from(REGIME_IDS.map((r) => t.flatRounds[r])),
      downMedian: t.downStepUp.median,
      downSigma: t.downStepUp.sigma,
    },
    stack: {
      multiple: new Float64Array(K).fill(t.preferenceMultiple),
      participation: new Uint8Array(K).fill(PARTICIPATION[t.participation]),
      cap: new Float64Array(K).fill(t.participationCap),
      // stacked: each later round is senior to every earlier one
      rank: Int8Array.from(ROUND_IDS.map((_, k) => (t.seniority === 'stacked' ? k : 0))),
      simple: t.participation === 'none' && t.seniority === 'pari_passu',
    },
    preferred: t.preferenceMultiple > 0,
  }
}
