import type { SimulationConfig } from '../schema/config.ts'
import { EuropeanWaterfall, type Split } from './european-waterfall.ts'

/**
 * The LP classes' books. Each quarter the fund's distributable cash is split between the classes
 * and the GP in this order (documented in the README):
 *  1. ownership: each class owns the portfolio in proportion to its commitment (after a buy-out, the
 *     buyers own the seller's part);
 *  2. carry: one whole-fund waterfall over the carry-paying classes together (contributions, hurdle,
 *     catch-up, carry); carry-exempt classes receive their part untouched; the carry-paying classes
 *     share their net amount in proportion to their gross;
 *  3. capped return: a capped class keeps principal plus its rate (compounded quarterly); what lies
 *     above goes to its `upsideTo` classes (or the GP) pro rata; with `priority`, the capped amount
 *     is paid out of the whole LP pool before the other classes share what is left;
 *  4. profit concession: a share of a class's profit above its threshold return goes to `to`;
 *  5. buy-out: at the end of its window, if the class's stake (its share of NAV net of carry) is
 *     worth more than cost plus interest, the buyers pay that price and take the stake over;
 *  6. first loss by subordination (劣后), every quarter of the fund's life: the senior classes (all
 *     but the first-loss class) are owed their paid-in capital, compounded at the preferred return;
 *     while any of it is unpaid the first-loss class's distributions go to them (pro rata to what
 *     each is still owed), until the class has given up its cap (a share of the fund and/or an
 *     amount, never above its commitment); once they are whole, what they receive above it pays
 *     the class back first. It never pays in more than its commitment;
 *  7. cash guarantee, at the end of life (a separate, explicit term): the class pays the other
 *     classes' remaining losses in cash, up to its own cap.
 * Buy-out prices and guarantee payments are transfers between classes, kept apart from the fund's
 * calls and distributions: each quarter they net to zero, and the classes' distributions plus the
 * GP's carry equal exactly what the fund distributes.
 */
export class LpLedger {
  readonly k: number
  readonly shares: Float64Array
  readonly own: Float64Array
  readonly carryPaying: Uint8Array
  readonly feePaying: Uint8Array
  readonly government: Uint8Array
  /** True when no class has any term: every class is the fund scaled by its share. */
  readonly uniform: boolean
  readonly feeShare: number
  readonly calls: Float64Array[]
  readonly dists: Float64Array[]
  /** Buy-out prices and guarantee payments: positive when the class receives. */
  readonly transfers: Float64Array[]
  /** Cash-guarantee payments each class made (positive), by quarter. */
  readonly guarantees: Float64Array[]
  private readonly group: EuropeanWaterfall
  private readonly capRate: Float64Array
  private readonly capBalance: Float64Array
  private readonly thresholdRate: Float64Array
  private readonly thresholdBalance: Float64Array
  private readonly buyOutBalance: Float64Array
  readonly buyOutQuarter: Int32Array
  readonly buyOutDone: Uint8Array
  /** Distributions the first-loss class has given up to the senior classes so far, net of what they
   * paid back once whole. */
  firstLossPaid = 0
  /** The most the first-loss class had given up at any time in this trial. */
  firstLossPeak = 0
  /** Cash the guarantors paid at the end of life. */
  guaranteePaid = 0
  /** Index of the first-loss class, or −1. */
  readonly subordinated: number
  /** Most the first-loss class gives up (currency). */
  readonly firstLossCap: number
  private readonly seniorRate: number
  /** What each senior class is still owed: paid-in compounded at the preferred return, less what it got. */
  private readonly seniorOwed: Float64Array
  private readonly ids: string[]
  private readonly scratch: Split = { lp: 0, gp: 0 }
  private readonly lp: Float64Array
  private readonly gross: Float64Array

  constructor(
    private readonly config: SimulationConfig,
    quarters: number,
  ) {
    const classes = config.lpClasses
    this.k = classes.length
    this.ids = classes.map((c) => c.id)
    this.shares = Float64Array.from(classes.map((c) => c.share))
    this.own = new Float64Array(this.k)
    this.carryPaying = Uint8Array.from(classes.map((c) => (c.terms?.carryExempt ? 0 : 1)))
    this.feePaying = Uint8Array.from(classes.map((c) => (c.terms?.feeExempt ? 0 : 1)))
    this.government = Uint8Array.from(classes.map((c) => (c.kind === 'government' ? 1 : 0)))
    this.uniform = classes.every((c) => !c.terms || Object.keys(c.terms).length === 0)
    this.feeShare = this.uniform ? 1 : classes.reduce((a, c, i) => a + (this.feePaying[i] ? c.share : 0), 0)
    this.calls = classes.map(() => new Float64Array(quarters))
    this.dists = classes.map(() => new Float64Array(quarters))
    this.transfers = classes.map(() => new Float64Array(quarters))
    this.guarantees = classes.map(() => new Float64Array(quarters))
    this.subordinated = classes.findIndex((c) => c.terms?.firstLoss)
    const fl = classes[this.subordinated]?.terms?.firstLoss
    this.firstLossCap = fl ? lossCap(fl, classes[this.subordinated]!.share, config.fund.size) : 0
    this.seniorRate = fl ? Math.pow(1 + (fl.preferredReturn ?? 0), 0.25) - 1 : 0
    this.seniorOwed = new Float64Array(this.k)
    const { carry } = config.fund
    this.group = new EuropeanWaterfall(carry.rate, carry.hurdle, carry.catchUp)
    const q = (r: number) => Math.pow(1 + r, 0.25) - 1
    this.capRate = Float64Array.from(classes.map((c) => q(c.terms?.cappedReturn?.rate ?? 0)))
    this.capBalance = new Float64Array(this.k)
    this.thresholdRate = Float64Array.from(classes.map((c) => q(c.terms?.profitConcession?.threshold ?? 0)))
    this.thresholdBalance = new Float64Array(this.k)
    this.buyOutBalance = new Float64Array(this.k)
    this.buyOutQuarter = Int32Array.from(classes.map((c) => (c.terms?.buyOut ? Math.round(c.terms.buyOut.windowYears * 4) - 1 : -1)))
    this.buyOutDone = new Uint8Array(this.k)
    this.lp = new Float64Array(this.k)
    this.gross = new Float64Array(this.k)
  }

  reset(): void {
    this.own.set(this.shares)
    this.group.reset()
    this.capBalance.fill(0)
    this.thresholdBalance.fill(0)
    this.buyOutBalance.fill(0)
    this.buyOutDone.fill(0)
    this.firstLossPaid = 0
    this.firstLossPeak = 0
    this.guaranteePaid = 0
    this.seniorOwed.fill(0)
    this.groupDistributed = 0
    this.groupPaidIn = 0
    this.returnedToGp = 0
    for (const a of this.calls) a.fill(0)
    for (const a of this.dists) a.fill(0)
    for (const a of this.transfers) a.fill(0)
    for (const a of this.guarantees) a.fill(0)
  }

  private index(id: string): number {
    return this.ids.indexOf(id)
  }

  /** Records a quarter's calls (investments pro rata to ownership, fees to the fee-paying owners)
   * and accrues every class's capped-return and concession-threshold balances. Call every quarter. */
  call(q: number, investment: number, fees: number): void {
    let feeOwn = 0
    for (let c = 0; c < this.k; c++) if (this.feePaying[c]) feeOwn += this.own[c]!
    for (let c = 0; c < this.k; c++) {
      const amount = investment * this.own[c]! + (this.feePaying[c] && feeOwn > 0 ? (fees * this.own[c]!) / feeOwn : 0)
      this.calls[c]![q] = amount
      this.capBalance[c] = this.capBalance[c]! * (1 + this.capRate[c]!) + amount
      this.thresholdBalance[c] = this.thresholdBalance[c]! * (1 + this.thresholdRate[c]!) + amount
      if (this.subordinated >= 0 && c !== this.subordinated) {
        const owed = this.seniorOwed[c]!
        this.seniorOwed[c] = (owed > 0 ? owed * (1 + this.seniorRate) : owed) + amount
      }
    }
  }

  /** Ownership held by fee-paying classes now (a buy-out can move a stake to a fee-exempt class). */
  currentFeeShare(): number {
    if (this.uniform) return 1
    let own = 0
    for (let c = 0; c < this.k; c++) if (this.feePaying[c]) own += this.own[c]!
    return own
  }

  /** Ownership held by the carry-paying classes. */
  carryPayingOwn(): number {
    let own = 0
    for (let c = 0; c < this.k; c++) if (this.carryPaying[c]) own += this.own[c]!
    return own
  }

  /** Capital called from government classes in quarter q, and cash guarantees they paid. */
  governmentCalls(q: number): number {
    let sum = 0
    for (let c = 0; c < this.k; c++) if (this.government[c]) sum += this.calls[c]![q]! + this.guarantees[c]![q]!
    return sum
  }

  /** LP side of a NAV after the carry a sale at NAV would pay the GP. */
  netNav(nav: number): number {
    if (nav <= 0) return 0
    let groupOwn = 0
    for (let c = 0; c < this.k; c++) if (this.carryPaying[c]) groupOwn += this.own[c]!
    return this.group.preview(nav * groupOwn, this.scratch).lp + nav * (1 - groupOwn)
  }

  /** Carry the GP must give back at the end: what it received above carry × the carry-paying
   * classes' profit (their distributions before carry, less what they paid in). */
  clawbackDue(carryPaid: number): number {
    return Math.max(0, carryPaid - this.group.carry * Math.max(0, this.groupDistributed - this.groupPaidIn))
  }

  /** Gives clawed-back carry to the carry-paying classes by ownership, through their caps and
   * concessions as any other distribution. */
  clawback(q: number, amount: number): number {
    let groupOwn = 0
    for (let c = 0; c < this.k; c++) if (this.carryPaying[c]) groupOwn += this.own[c]!
    if (!(groupOwn > 0)) return 0
    this.toGp = 0
    for (let c = 0; c < this.k; c++) this.lp[c] = this.carryPaying[c] ? (amount * this.own[c]!) / groupOwn : 0
    this.applyCaps()
    this.applyConcessions()
    this.subordinate()
    for (let c = 0; c < this.k; c++) this.dists[c]![q]! += this.lp[c]!
    this.returnedToGp = this.toGp
    return amount
  }

  /** Each class's part of a sale of the portfolio at `nav`, through carry, caps and concessions,
   * without recording anything (interim class values). */
  previewClassValues(nav: number, out: Float64Array): void {
    const cap = Float64Array.from(this.capBalance)
    const threshold = Float64Array.from(this.thresholdBalance)
    const toGp = this.toGp
    const owed = Float64Array.from(this.seniorOwed)
    const used = this.firstLossPaid
    const peak = this.firstLossPeak
    let groupGross = 0
    for (let c = 0; c < this.k; c++) {
      this.gross[c] = nav * this.own[c]!
      if (this.carryPaying[c]) groupGross += this.gross[c]!
    }
    this.group.preview(groupGross, this.scratch)
    for (let c = 0; c < this.k; c++) this.lp[c] = this.carryPaying[c] ? (groupGross > 0 ? (this.scratch.lp * this.gross[c]!) / groupGross : 0) : this.gross[c]!
    this.applyCaps()
    this.applyConcessions()
    this.subordinate()
    out.set(this.lp)
    this.capBalance.set(cap)
    this.thresholdBalance.set(threshold)
    this.seniorOwed.set(owed)
    this.firstLossPaid = used
    this.firstLossPeak = peak
    this.toGp = toGp
  }

  /** Cash the last clawback handed back to the GP through caps or concessions naming it. */
  returnedToGp = 0
  /** Carry (only) of the last `distribute` call. */
  lastCarry = 0
  private groupDistributed = 0
  private groupPaidIn = 0

  /** Splits one quarter's distributable cash between the classes; returns what goes to the GP
   * (carry, plus any upside or concession handed to it). `netNav` values stakes for a buy-out.
   * `dealCarry` replaces the whole-fund waterfall's carry under an American waterfall. */
  distribute(q: number, distributable: number, netNav: number, dealCarry: number | null = null): number {
    const k = this.k
    const { lp, gross } = this
    let groupGross = 0
    let groupCall = 0
    for (let c = 0; c < k; c++) {
      gross[c] = distributable * this.own[c]!
      if (this.carryPaying[c]) {
        groupGross += gross[c]!
        groupCall += this.calls[c]![q]!
      }
    }
    this.group.accrue()
    this.group.contribute(groupCall)
    this.groupPaidIn += groupCall
    this.groupDistributed += groupGross
    if (dealCarry === null) this.group.distribute(groupGross, this.scratch)
    else {
      this.scratch.gp = Math.min(groupGross, dealCarry)
      this.scratch.lp = groupGross - this.scratch.gp
    }
    this.toGp = this.scratch.gp
    this.lastCarry = this.scratch.gp
    for (let c = 0; c < k; c++) lp[c] = this.carryPaying[c] ? (groupGross > 0 ? (this.scratch.lp * gross[c]!) / groupGross : 0) : gross[c]!
    this.applyCaps()
    this.applyConcessions()
    this.subordinate()
    for (let c = 0; c < k; c++) this.dists[c]![q] = lp[c]!
    this.buyOuts(q, netNav)
    return this.toGp
  }

  private toGp = 0

  /** Hands `amount` to the listed classes pro rata to their commitments, or all of it to the GP. */
  private receivers(ids: readonly string[], amount: number): void {
    if (ids.length === 1 && ids[0] === 'gp') {
      this.toGp += amount
      return
    }
    let total = 0
    for (const id of ids) total += this.shares[this.index(id)]!
    for (const id of ids) {
      const i = this.index(id)
      this.lp[i]! += (amount * this.shares[i]!) / total
    }
  }

  private applyCaps(): void {
    const classes = this.config.lpClasses
    for (let c = 0; c < this.k; c++) {
      const cap = classes[c]!.terms?.cappedReturn
      if (!cap) continue
      const balance = this.capBalance[c]!
      if (cap.priority) {
        let pool = 0
        for (let i = 0; i < this.k; i++) pool += this.lp[i]!
        const take = Math.min(pool, Math.max(0, balance))
        const own = this.lp[c]!
        if (own >= take) {
          this.lp[c] = take
          if (own > take) this.receivers(cap.upsideTo, own - take)
        } else {
          const others = pool - own
          const left = others - (take - own)
          for (let i = 0; i < this.k; i++) if (i !== c) this.lp[i] = others > 0 ? (this.lp[i]! * left) / others : 0
          this.lp[c] = take
        }
        this.capBalance[c] = balance - take
      } else {
        const keep = Math.min(this.lp[c]!, Math.max(0, balance))
        const excess = this.lp[c]! - keep
        this.lp[c] = keep
        this.capBalance[c] = balance - keep
        if (excess > 0) this.receivers(cap.upsideTo, excess)
      }
    }
  }

  private applyConcessions(): void {
    const classes = this.config.lpClasses
    for (let c = 0; c < this.k; c++) {
      const pc = classes[c]!.terms?.profitConcession
      const amount = this.lp[c]!
      const within = Math.min(amount, Math.max(0, this.thresholdBalance[c]!))
      this.thresholdBalance[c] = this.thresholdBalance[c]! - within
      if (!pc) continue
      const given = pc.share * (amount - within)
      if (given <= 0) continue
      this.lp[c] = amount - given
      this.receivers(pc.to, given)
    }
  }

  /** Subordination. While a senior class is owed capital (and preferred return), the first-loss
   * class's part of this split goes to the senior classes, pro rata to what each is owed, as long as
   * it has given up less than its cap; once every senior class is whole, their part above what they
   * are owed pays the first-loss class back first (so in a fund that returns its capital, first
   * loss costs the class nothing). `firstLossPaid` is what the class has given up net, never above
   * its cap. */
  private subordinate(): void {
    const f = this.subordinated
    if (f < 0) return
    const { lp, seniorOwed } = this
    let need = 0
    for (let c = 0; c < this.k; c++) if (c !== f) need += Math.max(0, seniorOwed[c]! - lp[c]!)
    if (need > 0) {
      const moved = Math.min(lp[f]!, need, Math.max(0, this.firstLossCap - this.firstLossPaid))
      if (moved > 0) {
        for (let c = 0; c < this.k; c++) if (c !== f) lp[c]! += (moved * Math.max(0, seniorOwed[c]! - lp[c]!)) / need
        lp[f] = lp[f]! - moved
        this.firstLossPaid += moved
        if (this.firstLossPaid > this.firstLossPeak) this.firstLossPeak = this.firstLossPaid
      }
    } else if (this.firstLossPaid > 0) {
      let surplus = 0
      for (let c = 0; c < this.k; c++) if (c !== f) surplus += lp[c]! - Math.max(0, seniorOwed[c]!)
      const back = Math.min(this.firstLossPaid, surplus)
      if (back > 0) {
        for (let c = 0; c < this.k; c++) if (c !== f) lp[c] = lp[c]! - (back * (lp[c]! - Math.max(0, seniorOwed[c]!))) / surplus
        lp[f]! += back
        this.firstLossPaid = Math.max(0, this.firstLossPaid - back)
      }
    }
    for (let c = 0; c < this.k; c++) if (c !== f) seniorOwed[c] = seniorOwed[c]! - lp[c]!
  }

  private buyOuts(q: number, netNav: number): void {
    const classes = this.config.lpClasses
    for (let c = 0; c < this.k; c++) {
      const bo = classes[c]!.terms?.buyOut
      if (!bo || this.buyOutDone[c]) continue
      const rate = Math.pow(1 + bo.rate, 0.25) - 1
      this.buyOutBalance[c] = this.buyOutBalance[c]! * (1 + rate) + this.calls[c]![q]! - this.dists[c]![q]!
      if (q < this.buyOutQuarter[c]!) continue
      this.buyOutDone[c] = 2
      const price = Math.max(0, this.buyOutBalance[c]!)
      const value = netNav * this.own[c]!
      if (!(value > price) || this.own[c]! <= 0) continue
      this.buyOutDone[c] = 1
      let buyerShares = 0
      for (const id of bo.buyers) buyerShares += this.shares[this.index(id)]!
      for (const id of bo.buyers) {
        const i = this.index(id)
        const part = this.shares[i]! / buyerShares
        this.own[i]! += this.own[c]! * part
        this.transfers[i]![q]! -= price * part
        this.seniorOwed[i]! += price * part
      }
      this.transfers[c]![q]! += price
      this.seniorOwed[c]! -= price
      this.own[c] = 0
    }
  }

  /** End of life: a guarantor class pays the other classes' losses (paid in less everything received)
   * in cash, up to its cap. */
  settleGuarantees(q: number, size: number): void {
    const classes = this.config.lpClasses
    for (let f = 0; f < this.k; f++) {
      const g = classes[f]!.terms?.cashGuarantee
      if (!g) continue
      const losses = new Float64Array(this.k)
      let total = 0
      for (let c = 0; c < this.k; c++) {
        if (c === f) continue
        let paid = 0
        let got = 0
        for (let t = 0; t <= q; t++) {
          paid += this.calls[c]![t]!
          got += this.dists[c]![t]! + this.transfers[c]![t]!
        }
        losses[c] = Math.max(0, paid - got)
        total += losses[c]!
      }
      const transfer = Math.min(total, lossCap(g, classes[f]!.share, size))
      if (transfer <= 0) continue
      this.guaranteePaid += transfer
      this.guarantees[f]![q]! += transfer
      this.transfers[f]![q]! -= transfer
      for (let c = 0; c < this.k; c++) if (losses[c]! > 0) this.transfers[c]![q]! += (transfer * losses[c]!) / total
    }
  }
}

/** A first-loss or guarantee cap in currency: its share of the fund, the amount if smaller, never
 * above the class's commitment. */
export function lossCap(cap: { share: number; amount?: number | undefined }, classShare: number, size: number): number {
  return Math.min(cap.share * size, cap.amount ?? Infinity, classShare * size)
}
