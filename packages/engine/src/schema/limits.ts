/** Hard limits on a configuration; each is documented in the README and enforced by the schema. */
export const MAX_TRIALS = 10_000_000
export const MAX_YEARS = 30
export const MAX_QUARTERS = MAX_YEARS * 4
export const MAX_COMPANIES = 2_000
export const MAX_SHOCKS = 50
export const MAX_LP_CLASSES = 20
export const MAX_BUCKETS = 50
/** Fund size in millions of the fund's currency (10^12 units: far above any real fund). */
export const MAX_FUND_SIZE = 1_000_000
export const MAX_NAME_LENGTH = 200
export const MAX_SUB_FUNDS = 20
