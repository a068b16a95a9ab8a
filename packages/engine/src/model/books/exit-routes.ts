import { hashUniform, HASH_PURPOSE } from '../../random/hash-uniform.ts'
import { C, type TrialRecord } from '../../run/metric-ids.ts'
import type { ResolvedRun } from '../resolve.ts'
import type { TrialWorkspace } from '../workspace.ts'
import { GONE, STILL } from './state.ts'

/** Quarters needed to sell a stake of `own` of the company at the profile's sell-down cap for an
 * investment `ageQuarters` old at listing (reverse linkage: the older the investment, the faster). */
function sellDownQuarters(run: ResolvedRun, own: number, ageQuarters: number): number {
  const s = run.config.market.exits.sellDown
  const cap = ageQuarters < 12 ? s.under36 : ageQuarters < 16 ? s.under48 : ageQuarters < 20 ? s.under60 : s.over60
  return cap >= 1 || !(cap > 0) ? 1 : Math.max(1, Math.ceil(own / cap - 1e-12))
}

/**
 * A listing at quarter q worth `p` to the fund: nothing is sold during the lock-up; then the stake is
 * sold in equal tranches at the sell-down cap, each at the public index's move since the listing.
 * The caller keeps the stake in NAV at its listing value until each tranche is sold. Returns the cash the
 * tranches will bring (the market path is drawn before the books, so it is known now).
 */
export function scheduleListing(run: ResolvedRun, ws: TrialWorkspace, c: number, q: number, p: number): number {
  const ex = run.config.market.exits
  const H = run.horizon
  // an overseas (Hong Kong) listing has its own lock-up and no sell-down cap
  const abroad = ex.overseasListings
  const overseas = abroad.share > 0 && hashUniform(ws.salt, c, HASH_PURPOSE.overseasListing) < abroad.share
  const k = overseas ? 1 : sellDownQuarters(run, ws.own[c]!, q - ws.entryQuarter[c]!)
  const first = q + (overseas ? abroad.lockUpQuarters : ex.lockUpQuarters)
  const index = ws.path.index
  const t = ws.tranches
  let cash = 0
  for (let i = 0; i < k; i++) {
    const due = Math.min(H, first + i)
    const at = due < index.length ? due : index.length - 1
    const tranche = ((p / k) * index[at]!) / index[q < index.length ? q : index.length - 1]!
    t.cash[due]! += tranche
    t.book[due]! += p / k
    cash += tranche
  }
  return cash
}

/** Tranches of listed stakes due this quarter become proceeds; in the fund's last quarter every
 * tranche still to come is sold with them. */
export function payListingTranches(run: ResolvedRun, ws: TrialWorkspace, q: number, last: boolean): void {
  const t = ws.tranches
  const s = ws.books
  const to = last ? run.horizon : q
  for (let i = q; i <= to; i++) {
    if (t.book[i] === 0 && t.cash[i] === 0) continue
    s.proceedsQ += t.cash[i]!
    s.nav -= t.book[i]!
    t.cash[i] = 0
    t.book[i] = 0
  }
}

/**
 * A redemption right falls due (`paid` 1 when the founders or the company would pay): the fund
 * exercises it when the company has not exited and its stake is worth less than cost plus the simple
 * rate; the fund then receives that amount and leaves the company. Returns the proceeds (0 if not);
 * the caller takes the stake out of NAV and adds the proceeds to the quarter's.
 */
export function redeem(run: ResolvedRun, ws: TrialWorkspace, c: number, q: number, paid: number, out: TrialRecord): number {
  const bb = run.config.market.exits.buyBack
  const years = (q - ws.entryQuarter[c]!) / 4
  const due = ws.costHeld[c]! * (1 + bb.rate * years)
  const held = ws.own[c]! * ws.mark[c]!
  if (paid !== 1 || held >= due) return 0
  if (ws.state[c] === STILL) out.counts[C.stalled]!--
  ws.state[c] = GONE
  ws.proceeds[c]! += due
  out.cellProceeds[run.deals.cell[c]!]! += due
  out.counts[C.buyBacks]!++
  return due
}
