import type { RoundModel, SectorModel } from '../schema/companies.ts'
import { ROUND_IDS } from '../schema/ids.ts'
import type { StackTerms } from './deal-terms.ts'
import { createStack, payStack, type CapitalStack } from './preference-stack.ts'

const K = ROUND_IDS.length

/** Each company's rounds (post-money, equity sold) and the fund's fraction of each round's shares,
 * flat per [company * K + round]; reused across trials. */
export interface CapTables {
  post: Float64Array
  dilution: Float64Array
  fundShare: Float64Array
  /** Latest round raised. */
  top: Int8Array
  stack: CapitalStack
  out: Float64Array
  /** Terms the stack's per-round arrays were last filled from (they do not change within a run). */
  termsIn: StackTerms | null
}

export function createCapTables(n: number): CapTables {
  return {
    post: new Float64Array(n * K),
    dilution: new Float64Array(n * K),
    fundShare: new Float64Array(n * K),
    top: new Int8Array(n),
    stack: createStack(K),
    out: new Float64Array(K + 1),
    termsIn: null,
  }
}

/**
 * A company the fund enters at `round` with `cheque` at post-money `post`. The rounds before it are
 * filled in from the sector's medians (post_k = post_{k+1}·(1 − d_{k+1}) / stepUp_k) so that they
 * carry preferences too; the fund holds none of them. `rounds` is the sector model or its rounds in
 * ROUND_IDS order (each with its `round` parameters, as the hazard tables carry them).
 */
export function openCapTable(t: CapTables, c: number, rounds: SectorModel | ReadonlyArray<{ round: RoundModel }>, round: number, post: number, cheque: number): void {
  const b = c * K
  for (let k = 0; k < K; k++) t.fundShare[b + k] = 0
  const d = roundOf(rounds, round).dilution
  t.post[b + round] = post
  // a cheque larger than the round's typical size buys a larger round, not a share above 1
  t.dilution[b + round] = Math.max(d, cheque / post)
  t.fundShare[b + round] = cheque > 0 ? Math.min(1, cheque / (t.dilution[b + round]! * post)) : 0
  for (let k = round - 1; k >= 0; k--) {
    const r = roundOf(rounds, k)
    t.post[b + k] = (t.post[b + k + 1]! * (1 - t.dilution[b + k + 1]!)) / r.stepUp
    t.dilution[b + k] = r.dilution
  }
  t.top[c] = round
}

/** Scales the fund's share of its entry round in company c (a manager's skill at buying in; capped at the whole round). */
export function scaleEntryShare(t: CapTables, c: number, round: number, factor: number): void {
  const i = c * K + round
  t.fundShare[i] = Math.min(1, t.fundShare[i]! * factor)
}

const roundOf = (rounds: SectorModel | ReadonlyArray<{ round: RoundModel }>, k: number): RoundModel =>
  'rounds' in rounds ? rounds.rounds[ROUND_IDS[k]!] : rounds[k]!.round

/** A new round: its price and size, and what the fund bought of it (its pro-rata follow-on). */
export function recordRound(t: CapTables, c: number, round: number, post: number, dilution: number, fundAmount: number): void {
  const i = c * K + round
  t.post[i] = post
  t.dilution[i] = dilution
  t.fundShare[i] = fundAmount > 0 ? fundAmount / (dilution * post) : 0
  t.top[c] = round
}

/** The fund sells the share `sold` of its stake in company c: it keeps 1 − sold of each round it holds. */
export function sellStake(t: CapTables, c: number, sold: number): void {
  const b = c * K
  for (let k = 0; k <= t.top[c]!; k++) t.fundShare[b + k]! *= 1 - sold
}

/** Pays `value` through company c's stack; class payouts in t.out[0..top], common in t.out[top + 1]. */
export function payCapTable(t: CapTables, terms: StackTerms, c: number, value: number): number {
  const b = c * K
  const top = t.top[c]!
  const s = t.stack
  if (t.termsIn !== terms) {
    s.multiple.set(terms.multiple)
    s.participation.set(terms.participation)
    s.cap.set(terms.cap)
    s.rank.set(terms.rank)
    t.termsIn = terms
  }
  s.n = top + 1
  let later = 1
  let preferred = 0
  for (let k = top; k >= 0; k--) {
    const d = t.dilution[b + k]!
    s.shares[k] = d * later
    s.invested[k] = d * t.post[b + k]!
    preferred += s.shares[k]!
    later *= 1 - d
  }
  s.common = Math.max(0, 1 - preferred)
  if (terms.simple && simpleCases(value, s, t.out)) return top
  payStack(value, s, t.out)
  return top
}

/** Non-participating, pari passu stacks: below the preferences everyone is paid pro rata to what
 * is owed; once every class's share of the value beats its preference, all convert. Returns false
 * in between (some convert, some do not), which `payStack` settles. */
function simpleCases(value: number, s: CapitalStack, out: Float64Array): boolean {
  const n = s.n
  let owed = 0
  let converts = true
  for (let k = 0; k < n; k++) {
    const pref = s.multiple[k]! * s.invested[k]!
    owed += pref
    if (value * s.shares[k]! < pref) converts = false
  }
  if (value <= owed && owed > 0) {
    for (let k = 0; k < n; k++) out[k] = (s.multiple[k]! * s.invested[k]! * value) / owed
    out[n] = 0
    return true
  }
  if (!converts) return false
  for (let k = 0; k < n; k++) out[k] = s.shares[k]! * value
  out[n] = s.common * value
  return true
}

/** The fund's proceeds when company c exits for `value`: its fraction of each round's payout. */
export function fundProceeds(t: CapTables, terms: StackTerms, c: number, value: number): number {
  const top = payCapTable(t, terms, c, value)
  let p = 0
  for (let k = 0; k <= top; k++) p += t.fundShare[c * K + k]! * t.out[k]!
  return p
}
