/** Split of one distribution between the LPs (all classes) and the GP's carried interest. */
export interface Split {
  lp: number
  gp: number
}

/**
 * Whole-fund (European) waterfall, cumulative over the fund's life: (1) LPs get all contributed
 * capital back, (2) then the preferred return, compounding quarterly on unreturned capital and
 * unpaid preference, (3) then the GP catches up at `catchUp` of each unit until it holds `carry`
 * of all profit distributed, (4) then profits split carry / (1 − carry).
 */
export class EuropeanWaterfall {
  unreturned = 0
  prefOwed = 0
  lpProfit = 0
  gpCarry = 0
  private readonly quarterlyHurdle: number

  constructor(
    readonly carry: number,
    readonly hurdle: number,
    readonly catchUp: number,
  ) {
    this.quarterlyHurdle = Math.pow(1 + hurdle, 0.25) - 1
  }

  reset(): void {
    this.unreturned = 0
    this.prefOwed = 0
    this.lpProfit = 0
    this.gpCarry = 0
  }

  /** One quarter of preferred return on what LPs are still owed (call before the quarter's flows). */
  accrue(): void {
    if (this.quarterlyHurdle > 0) this.prefOwed += (this.unreturned + this.prefOwed) * this.quarterlyHurdle
  }

  contribute(amount: number): void {
    this.unreturned += amount
  }

  distribute(amount: number, out: Split = { lp: 0, gp: 0 }): Split {
    return this.run(amount, out, true)
  }

  /** What a distribution would be split into, without recording it (for net NAV marks). */
  preview(amount: number, out: Split = { lp: 0, gp: 0 }): Split {
    return this.run(amount, out, false)
  }

  private run(amount: number, out: Split, commit: boolean): Split {
    let d = amount
    let lp = 0
    let gp = 0
    let unreturned = this.unreturned
    let prefOwed = this.prefOwed
    let lpProfit = this.lpProfit
    let gpCarry = this.gpCarry
    const k = this.carry
    let x = Math.min(d, unreturned)
    lp += x
    unreturned -= x
    d -= x
    x = Math.min(d, prefOwed)
    lp += x
    prefOwed -= x
    lpProfit += x
    d -= x
    if (d > 0 && k > 0 && this.catchUp > k) {
      const need = (k * (lpProfit + gpCarry) - gpCarry) / (this.catchUp - k)
      if (need > 0) {
        x = Math.min(d, need)
        gp += this.catchUp * x
        gpCarry += this.catchUp * x
        lp += (1 - this.catchUp) * x
        lpProfit += (1 - this.catchUp) * x
        d -= x
      }
    }
    if (d > 0) {
      gp += k * d
      gpCarry += k * d
      lp += (1 - k) * d
      lpProfit += (1 - k) * d
    }
    if (commit) {
      this.unreturned = unreturned
      this.prefOwed = prefOwed
      this.lpProfit = lpProfit
      this.gpCarry = gpCarry
    }
    out.lp = lp
    out.gp = gp
    return out
  }
}
