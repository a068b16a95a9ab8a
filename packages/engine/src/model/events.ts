export const RAISE = 1
export const ACQUIRED = 2
export const LISTED = 3
export const FAILED = 4
export const STALLED = 5
/** The fund's shares are sold to another investor (股权转让); value: the company's value at the price paid. */
export const TRANSFER = 6
/** A redemption right (回购) falls due for the fund; value 1 if a redemption would be paid, else 0. */
export const BUYBACK = 7

/** Growable flat store of company events for one trial: struct-of-arrays, reused across trials. */
export class EventBuffer {
  length = 0
  quarter: Int32Array
  company: Int32Array
  type: Int8Array
  round: Int8Array
  /** RAISE: new post-money; exits: exit value (100%); STALL: the stalled company's value; BUYBACK: 1 if paid. */
  value: Float64Array
  /** RAISE: dilution of the round. */
  dilution: Float64Array

  constructor(capacity = 1024) {
    this.quarter = new Int32Array(capacity)
    this.company = new Int32Array(capacity)
    this.type = new Int8Array(capacity)
    this.round = new Int8Array(capacity)
    this.value = new Float64Array(capacity)
    this.dilution = new Float64Array(capacity)
  }

  clear(): void {
    this.length = 0
  }

  push(quarter: number, company: number, type: number, round: number, value: number, dilution: number): void {
    const i = this.add(quarter, company, type, round)
    this.value[i] = value
    this.dilution[i] = dilution
  }

  /** Appends an event with value and dilution 0 and returns its index; a hot caller writes
   * `value[i]` and `dilution[i]` itself, so no number is boxed to pass them. */
  add(quarter: number, company: number, type: number, round: number): number {
    if (this.length === this.quarter.length) this.grow()
    const i = this.length++
    this.quarter[i] = quarter
    this.company[i] = company
    this.type[i] = type
    this.round[i] = round
    this.value[i] = 0
    this.dilution[i] = 0
    return i
  }

  private grow(): void {
    const n = this.quarter.length * 2
    const copy = <A extends Int32Array | Int8Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(n)
      b.set(a)
      return b
    }
    this.quarter = copy(this.quarter, (k) => new Int32Array(k))
    this.company = copy(this.company, (k) => new Int32Array(k))
    this.type = copy(this.type, (k) => new Int8Array(k))
    this.round = copy(this.round, (k) => new Int8Array(k))
    this.value = copy(this.value, (k) => new Float64Array(k))
    this.dilution = copy(this.dilution, (k) => new Float64Array(k))
  }
}
