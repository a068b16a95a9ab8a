/** Listed stakes the fund cannot sell yet: cash due and book value leaving NAV, per quarter. */
export interface ListingTranches {
  cash: Float64Array
  book: Float64Array
}

export const createListingTranches = (quarters: number): ListingTranches => ({ cash: new Float64Array(quarters + 1), book: new Float64Array(quarters + 1) })
