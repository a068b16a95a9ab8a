import { resolveRun } from '../model/resolve.ts'
import type { SimulationConfig } from '../schema/config.ts'
import { ENTRY_STAGE_IDS, SECTOR_IDS } from '../schema/ids.ts'
import { MAX_YEARS } from '../schema/limits.ts'
import { parseConfig } from '../schema/parse-config.ts'
import { DecideError } from './errors.ts'

/**
 * A lever: one number of a config the decision tools move, either a JSON Pointer to any numeric
 * field or a named lever that keeps the rest of the config consistent (weights rescaled, cheque
 * sizes scaled to a company count, a multiplier applied to every company for the whole life).
 */
export interface Lever {
  id: string
  /** Its value in the config (1 for the multipliers and shock sizes of a config they were never applied to). */
  current: number
  /** A sensible range to search when none is given. */
  range: [number, number]
  integer: boolean
  /** The config with the lever at `value`, parsed and checked; a `DecideError` names what broke. */
  apply(value: number): SimulationConfig
}

export const NAMED_LEVERS = [
  'sector:<id>',
  'stage:<id>',
  'reserveShare',
  'companies',
  'cheque:<stage>',
  'chequeScale',
  'feeRate',
  'carry',
  'graduation',
  'exitValue',
  'failure',
  'shock:<id>',
] as const

/** Whole-life shock id the company multipliers live in (one per effect, so they stack with others). */
const leverShockId = (effect: string) => `lever-${effect}`

type Mutable = Record<string, unknown>
const clone = (c: SimulationConfig): SimulationConfig => JSON.parse(JSON.stringify(c)) as SimulationConfig

export function checked(lever: string, value: number, candidate: SimulationConfig): SimulationConfig {
  const r = parseConfig(candidate)
  if (r.ok) return r.config
  const issue = r.issues[0]!
  throw new DecideError('lever_invalid_config', { name: lever, value, path: issue.path || '/', detail: issue.message.en, detailZh: issue.message.zh }, lever)
}

function decodePointer(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function pointerLever(config: SimulationConfig, pointer: string): Lever {
  const parts = decodePointer(pointer)
  let parent: unknown = config
  for (const p of parts.slice(0, -1)) parent = parent !== null && typeof parent === 'object' ? (parent as Mutable)[p] : undefined
  const last = parts[parts.length - 1]
  const current = parent !== null && typeof parent === 'object' && last !== undefined ? (parent as Mutable)[last] : undefined
  if (typeof current !== 'number' || parts.includes('__proto__')) throw new DecideError('lever_not_number', { name: pointer }, pointer)
  const integer = Number.isInteger(current) && /trials|Rounds|Quarters|count/i.test(last!)
  return {
    id: pointer,
    current,
    range: current === 0 ? [0, 1] : [current / 2, current * 2],
    integer,
    apply(value) {
      const next = clone(config)
      let p: unknown = next
      for (const k of parts.slice(0, -1)) p = (p as Mutable)[k]
      ;(p as Mutable)[last!] = value
      return checked(pointer, value, next)
    },
  }
}

/** Sets one key's share and rescales the others so the shares still sum to 1. */
function reweigh(weights: Record<string, number | undefined>, key: string, value: number, lever: string): Record<string, number> {
  const others = Object.entries(weights).filter(([k, w]) => k !== key && (w ?? 0) > 0)
  const rest = others.reduce((a, [, w]) => a + (w ?? 0), 0)
  if (value < 1 && rest <= 0) throw new DecideError('lever_not_applicable', { name: lever, reason: 'there is no other weight to take up the rest' }, lever)
  const out: Record<string, number> = {}
  for (const [k, w] of others) out[k] = ((w ?? 0) / rest) * (1 - value)
  if (value > 0) out[key] = value
  return out
}

function weightLever(config: SimulationConfig, kind: 'sector' | 'stage', key: string, id: string): Lever {
  const ids: readonly string[] = kind === 'sector' ? SECTOR_IDS : ENTRY_STAGE_IDS
  if (!ids.includes(key)) throw new DecideError('lever_unknown', { name: id, allowed: ids.map((s) => `${kind}:${s}`).join(', ') }, id)
  const field = kind === 'sector' ? 'sectorWeights' : 'stageWeights'
  const weights = config.strategy[field] as Record<string, number | undefined>
  return {
    id,
    current: weights[key] ?? 0,
    range: [0, 1],
    integer: false,
    apply(value) {
      const next = clone(config)
      ;(next.strategy as Mutable)[field] = reweigh(weights, key, value, id)
      return checked(id, value, next)
    },
  }
}

/** Scales every cheque so the construction plans `n` companies (before rounding to whole ones). */
export function withCompanies(config: SimulationConfig, n: number, id = 'companies'): SimulationConfig {
  const c = resolveRun(config).construction
  const exact = ENTRY_STAGE_IDS.reduce((a, s) => a + (c.pool * (config.strategy.stageWeights[s] ?? 0)) / config.strategy.chequeSize[s], 0)
  if (!(exact > 0)) throw new DecideError('lever_not_applicable', { name: id, reason: 'the fund plans no companies' }, id)
  const k = exact / n
  const next = clone(config)
  for (const s of ENTRY_STAGE_IDS) next.strategy.chequeSize[s] = config.strategy.chequeSize[s] * k
  return checked(id, n, next)
}

function shockOf(config: SimulationConfig, id: string) {
  return config.market.shocks.find((s) => s.id === id)
}

/** The company multipliers: a shock over the whole life (every sector) with just that effect. */
function multiplierLever(config: SimulationConfig, effect: 'graduation' | 'exitValue' | 'failure'): Lever {
  const existing = shockOf(config, leverShockId(effect))
  const current = (existing?.effects as Record<string, number> | undefined)?.[effect] ?? 1
  const powerLaw = config.companies.model === 'power_law'
  if (powerLaw && effect !== 'exitValue')
    throw new DecideError('lever_not_applicable', { name: effect, reason: 'a power-law fund has no rounds to graduate or fail' }, effect)
  return {
    id: effect,
    current,
    range: [0.5, 2],
    integer: false,
    apply(value) {
      const next = clone(config)
      if (powerLaw) {
        // Every power-law multiple scales by the same factor: the Pareto bounds and shift, or the buckets.
        const p = next.companies.powerLaw
        const k = value / current
        p.low *= k
        p.high *= k
        p.shift *= k
        p.buckets = p.buckets.map((b) => ({ ...b, low: b.low * k, high: b.high * k }))
        return checked(effect, value, next)
      }
      const shock = {
        id: leverShockId(effect),
        fromYear: 0,
        years: Math.min(MAX_YEARS, config.fund.lifeYears + config.fund.extensionYears),
        sectors: [],
        effects: { [effect]: value },
        indexDrift: 0,
      }
      next.market.shocks = [...next.market.shocks.filter((s) => s.id !== shock.id), shock]
      return checked(effect, value, next)
    },
  }
}

/** A shock's size: 1 is the shock as written, 0 no shock, 2 twice as far from 1 (and twice the drift). */
function shockLever(config: SimulationConfig, shockId: string, id: string): Lever {
  const base = shockOf(config, shockId)
  if (!base) throw new DecideError('lever_unknown', { name: id, allowed: config.market.shocks.map((s) => `shock:${s.id}`).join(', ') || '(the config has no shocks)' }, id)
  return {
    id,
    current: 1,
    range: [0, 2],
    integer: false,
    apply(value) {
      const next = clone(config)
      next.market.shocks = next.market.shocks.map((s) =>
        s.id !== shockId
          ? s
          : {
              ...s,
              effects: Object.fromEntries(Object.entries(s.effects).map(([k, e]) => [k, Math.max(0, 1 + value * ((e as number) - 1))])),
              indexDrift: s.indexDrift * value,
            },
      )
      return checked(id, value, next)
    },
  }
}

function fieldLever(config: SimulationConfig, id: string, get: (c: SimulationConfig) => number, set: (c: SimulationConfig, v: number) => void, range: [number, number]): Lever {
  return {
    id,
    current: get(config),
    range,
    integer: false,
    apply(value) {
      const next = clone(config)
      set(next, value)
      return checked(id, value, next)
    },
  }
}

/** The lever a name or JSON Pointer stands for, on this config. */
export function findLever(config: SimulationConfig, name: string): Lever {
  if (name.startsWith('/')) return pointerLever(config, name)
  const [head, arg] = name.includes(':') ? [name.slice(0, name.indexOf(':')), name.slice(name.indexOf(':') + 1)] : [name, '']
  switch (head) {
    case 'sector':
    case 'stage':
      return weightLever(config, head, arg, name)
    case 'shock':
      return shockLever(config, arg, name)
    case 'cheque':
      if (!(ENTRY_STAGE_IDS as readonly string[]).includes(arg))
        throw new DecideError('lever_unknown', { name, allowed: ENTRY_STAGE_IDS.map((s) => `cheque:${s}`).join(', ') }, name)
      return pointerLever(config, `/strategy/chequeSize/${arg}`)
  }
  if (arg) throw new DecideError('lever_unknown', { name, allowed: NAMED_LEVERS.join(', ') }, name)
  switch (name) {
    case 'reserveShare':
      return fieldLever(
        config,
        name,
        (c) => c.strategy.reserves.share,
        (c, v) => {
          c.strategy.reserves = { mode: 'share', share: v }
        },
        [0, 0.8],
      )
    case 'companies': {
      const current = resolveRun(config).construction.deals.length
      return { id: name, current, range: [Math.max(1, Math.round(current / 3)), Math.max(2, current * 3)], integer: true, apply: (v) => withCompanies(config, v) }
    }
    case 'chequeScale':
      return {
        id: name,
        current: 1,
        range: [0.5, 2],
        integer: false,
        apply(value) {
          const next = clone(config)
          for (const s of ENTRY_STAGE_IDS) next.strategy.chequeSize[s] *= value
          return checked(name, value, next)
        },
      }
    case 'feeRate':
      return fieldLever(config, name, (c) => c.fund.managementFee.rate, (c, v) => (c.fund.managementFee.rate = v), [0, 0.04])
    case 'carry':
      return fieldLever(config, name, (c) => c.fund.carry.rate, (c, v) => (c.fund.carry.rate = v), [0, 0.4])
    case 'graduation':
    case 'exitValue':
    case 'failure':
      return multiplierLever(config, name)
  }
  throw new DecideError('lever_unknown', { name, allowed: NAMED_LEVERS.join(', ') }, name)
}

/** `low:high[:steps]` → the values to try (steps ≥ 2, both ends included; whole numbers for integer levers). */
export function parseRange(spec: string, integer: boolean, maxSteps = 21): number[] {
  const parts = spec.split(':').map((s) => s.trim())
  const [low, high, steps] = [Number(parts[0]), Number(parts[1]), parts[2] === undefined ? 2 : Number(parts[2])]
  const ok = parts.length >= 2 && parts.length <= 3 && parts.every((p) => p !== '') && Number.isFinite(low) && Number.isFinite(high) && low < high && Number.isInteger(steps) && steps >= 2 && steps <= maxSteps
  if (!ok) throw new DecideError('range_bad', { spec, max: maxSteps }, spec)
  const values = Array.from({ length: steps }, (_, i) => Number((low + ((high - low) * i) / (steps - 1)).toPrecision(12)))
  return integer ? [...new Set(values.map(Math.round))] : values
}
