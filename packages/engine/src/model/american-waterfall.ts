/**
 * Deal-by-deal (American) carry: when a company is realised, LPs first get its cost back plus any
 * realised losses carried forward from written-off deals, then the preferred return on its cost
 * over the holding period, then the GP catches up and profits split. Fees are not returned first,
 * which is what makes this waterfall friendlier to the GP; `clawbackExcess` restores the whole-fund
 * entitlement at the end when the fund has a clawback.
 */
export class AmericanWaterfall {
  lossCarryForward = 0
  gpCarry = 0

  constructor(
    readonly carry: number,
    readonly hurdle: number,
    readonly catchUp: number,
  ) {}

  reset(): void {
    this.lossCarryForward = 0
    this.gpCarry = 0
  }

  writeOff(cost: number): void {
    this.lossCarryForward += cost
  }

  /** Carry earned on one realisation; records losses below cost. */
  realise(proceeds: number, cost: number, years: number): number {
    if (proceeds <= cost) {
      this.lossCarryForward += cost - proceeds
      return 0
    }
    let profit = proceeds - cost
    const offset = Math.min(profit, this.lossCarryForward)
    this.lossCarryForward -= offset
    profit -= offset
    const k = this.carry
    const pref = Math.min(profit, cost * (Math.pow(1 + this.hurdle, years) - 1))
    let rest = profit - pref
    let gp = 0
    if (k > 0 && this.catchUp > k && pref > 0) {
      const x = Math.min(rest, (k * pref) / (this.catchUp - k))
      gp += this.catchUp * x
      rest -= x
    }
    gp += k * rest
    this.gpCarry += gp
    return gp
  }
}

/** Carry paid beyond carry × whole-fund profit, returned by the GP at the end under a clawback. */
export function clawbackExcess(carryPaid: number, carry: number, totalDistributed: number, totalPaidIn: number): number {
  return Math.max(0, carryPaid - carry * Math.max(0, totalDistributed - totalPaidIn))
}
