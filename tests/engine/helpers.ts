import { parseConfig, type SimulationConfig } from '@pcsim/engine'

/** Parses a config (template + overrides) and fails loudly with the issues if it is invalid. */
export function config(overrides: Record<string, unknown> = {}): SimulationConfig {
  const r = parseConfig(overrides)
  if (!r.ok) throw new Error(`test config rejected: ${JSON.stringify(r.issues.map((i) => [i.path, i.code, i.params]))}`)
  return r.config
}

/** The fund books as schema v2 ran them: calls just in time with no yield on cash, an extension
 * whenever NAV is above 5% of commitments, what is left sold at exactly 30% below NAV. */
export const V2_BOOKS = {
  capitalCalls: { policy: 'just_in_time', aheadQuarters: 0, tranches: [], topUpBelow: 0, cashYield: 0 },
  endOfLife: {
    extension: { navThreshold: 0.05, firstProbability: 1, decay: 1, navReference: 1, navElasticity: 0, regimeFactor: { boom: 1, normal: 1, bust: 1 } },
    secondary: { discountMean: { boom: 0.3, normal: 0.3, bust: 0.3 }, discountSd: 0, earlyStageExtra: 0, unpricedExtra: 0 },
    continuation: { enabled: false, discount: 0, rollShare: 0 },
  },
} as const

/** A calm market: no regime switching, no correlated sector factors (every company sees the normal row). */
export const CALM = { regimes: { enabled: false }, factors: { enabled: false } } as const

/** Sample mean and Monte Carlo standard error (sd with n − 1, over √n). */
export function meanSe(a: ArrayLike<number>): { mean: number; se: number; sd: number; n: number } {
  const n = a.length
  let mean = 0
  for (let i = 0; i < n; i++) mean += (a[i]! - mean) / (i + 1)
  let ss = 0
  for (let i = 0; i < n; i++) ss += (a[i]! - mean) ** 2
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0
  return { mean, se: sd / Math.sqrt(n), sd, n }
}

/** Binomial standard error of a share p observed over n independent units. */
export const binomialSe = (p: number, n: number): number => Math.sqrt((p * (1 - p)) / n)

/** NPV of flows at the ends of periods 1..n at rate r per period (independent of the engine's code). */
export function npv(flows: ArrayLike<number>, r: number, n = flows.length): number {
  let acc = 0
  for (let i = 0; i < n; i++) acc += flows[i]! / Math.pow(1 + r, i + 1)
  return acc
}

/** Asserts |actual − expected| ≤ k·se and returns the z-score (for messages). */
export function withinSe(actual: number, expected: number, se: number, k = 4): { ok: boolean; z: number; message: string } {
  const z = se > 0 ? (actual - expected) / se : actual === expected ? 0 : Infinity
  return { ok: Math.abs(z) <= k, z, message: `actual ${actual}, expected ${expected}, se ${se}, z ${z.toFixed(2)} (limit ${k})` }
}
