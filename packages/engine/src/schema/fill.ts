/** Paths whose value replaces the template's wholesale instead of being merged key by key. */
const REPLACED = new Set(['/strategy/sectorWeights', '/strategy/stageWeights', '/strategy/regionWeights', '/lpClasses', '/market/shocks', '/subFunds'])

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Deep-merges `patch` over `base`: objects merge, arrays and weight maps replace, the patch wins. */
export function fillFrom(base: unknown, patch: unknown, path = ''): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch) || REPLACED.has(path)) return patch === undefined ? clone(base) : patch
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(base)) out[key] = clone(base[key])
  for (const key of Object.keys(patch)) out[key] = key in base ? fillFrom(base[key], patch[key], `${path}/${key}`) : patch[key]
  return out
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T))
