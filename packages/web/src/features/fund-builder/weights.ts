const STEP = 1e-4

/**
 * Sets `key` to `value` and rescales the other unlocked weights proportionally so all still sum to
 * 1; locked weights keep their value (and `value` is capped at what they leave). When the others
 * are all zero the remainder is shared equally. Weights are rounded to 0.01% and the rounding
 * residue goes to the largest other unlocked weight, so the sum stays exactly 1.
 */
export function rescaleWeights(weights: Record<string, number | undefined>, keys: readonly string[], key: string, value: number, locked: ReadonlySet<string> = new Set()): Record<string, number> {
  const fixed = keys.filter((k) => k !== key && locked.has(k))
  const fixedSum = fixed.reduce((a, k) => a + (weights[k] ?? 0), 0)
  const others = keys.filter((k) => k !== key && !locked.has(k))
  const room = Math.max(0, 1 - fixedSum)
  // with nothing left to rescale, the moved weight takes exactly what the locked ones leave
  const v = others.length === 0 ? room : Math.min(room, Math.max(0, Math.round(value / STEP) * STEP))
  const rest = others.reduce((a, k) => a + (weights[k] ?? 0), 0)
  const out: Record<string, number> = { [key]: v }
  for (const k of fixed) out[k] = weights[k] ?? 0
  for (const k of others) {
    const share = rest > 1e-12 ? (weights[k] ?? 0) / rest : 1 / others.length
    out[k] = Math.round(((room - v) * share) / STEP) * STEP
  }
  const residue = 1 - Object.values(out).reduce((a, b) => a + b, 0)
  const largest = others.reduce<string | undefined>((best, k) => (best === undefined || out[k]! > out[best]! ? k : best), undefined) ?? key
  out[largest] = Math.max(0, out[largest]! + residue)
  for (const k of Object.keys(out)) if (out[k]! <= 0) delete out[k]
  for (const k of Object.keys(out)) out[k] = Number(out[k]!.toFixed(6))
  return out
}
