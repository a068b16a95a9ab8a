type Json = Record<string, unknown>
const asObject = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {})

/** What every v2 template used for the two end-of-life fields v3 replaces. */
const V2_EXTENSION_NAV_THRESHOLD = 0.05
const V2_END_OF_LIFE_DISCOUNT = 0.3

/**
 * The fund-books part of v2 → v3: capital-call policy, end-of-life rules and secondaries arrived.
 * A v2 config keeps its v2 meaning: calls just in time with no yield on cash; an extension a year at
 * a time whenever NAV is above `extensionNavThreshold` (probability 1, no decay, no NAV or regime
 * effect); what is left sold at exactly `endOfLifeDiscount` (a degenerate discount distribution); no
 * continuation vehicle. Where a v2 config left those two fields out it took the templates' values
 * (5% and 30%), so those are used. Fields the config already states in v3 form are kept. The
 * sub-funds a v2 fund-of-funds lists are v2 configs too.
 */
export function booksV2ToV3(c: Json): Json {
  const fund = asObject(c.fund)
  const { extensionNavThreshold, endOfLifeDiscount, ...rest } = fund
  const threshold = typeof extensionNavThreshold === 'number' ? extensionNavThreshold : V2_EXTENSION_NAV_THRESHOLD
  const discount = typeof endOfLifeDiscount === 'number' ? endOfLifeDiscount : V2_END_OF_LIFE_DISCOUNT
  const calls = asObject(rest.capitalCalls)
  const end = asObject(rest.endOfLife)
  const flat = { boom: 1, normal: 1, bust: 1 }
  const subFunds = Array.isArray(c.subFunds) ? { subFunds: c.subFunds.map((sf) => ({ ...asObject(sf), config: booksV2ToV3(asObject(asObject(sf).config)) })) } : {}
  return {
    ...c,
    ...subFunds,
    fund: {
      ...rest,
      capitalCalls: { policy: 'just_in_time', aheadQuarters: 0, tranches: [], topUpBelow: 0, cashYield: 0, ...calls },
      endOfLife: {
        extension: { navThreshold: threshold, firstProbability: 1, decay: 1, navReference: 1, navElasticity: 0, regimeFactor: flat, ...asObject(end.extension) },
        secondary: { discountMean: { boom: discount, normal: discount, bust: discount }, discountSd: 0, earlyStageExtra: 0, unpricedExtra: 0, ...asObject(end.secondary) },
        continuation: { enabled: false, discount: 0, rollShare: 0, ...asObject(end.continuation) },
      },
    },
  }
}
