import { findScenario, parseConfig, presetName, SCENARIOS, type SimulationConfig } from '@pcsim/engine'

/** What the builder edits: a config (possibly holding invalid raw input) and the stacked scenarios. */
export interface FundDraft {
  config: SimulationConfig
  picks: string[]
}

/** The config with the picked scenarios' shocks appended to market.shocks. */
export function applyPicks(draft: FundDraft): SimulationConfig {
  if (draft.picks.length === 0) return draft.config
  const shocks = draft.picks.flatMap((id) => findScenario(id)?.shocks ?? [])
  return { ...draft.config, market: { ...draft.config.market, shocks: [...(draft.config.market?.shocks ?? []), ...shocks] } }
}

/** Splits shocks that are exactly a named scenario back into picks (for saved configs). */
export function splitPicks(config: SimulationConfig): FundDraft {
  const picks: string[] = []
  const rest = config.market.shocks.filter((s) => {
    const preset = SCENARIOS.find((p) => p.id === s.id && p.shocks.length === 1 && JSON.stringify(p.shocks[0]) === JSON.stringify(s))
    if (preset && !picks.includes(preset.id)) picks.push(preset.id)
    return !preset
  })
  return { config: { ...config, market: { ...config.market, shocks: rest } }, picks }
}

/** A template's full config, filled in by the engine; named in `lang` when the engine has the name. */
export function templateConfig(id: string, lang?: 'en' | 'zh'): SimulationConfig {
  const r = parseConfig({ template: id })
  if (!r.ok) throw new Error(`template ${id} does not parse: ${r.issues.map((i) => i.message.en).join('; ')}`)
  return lang ? withPresetName(r.config, id, lang) : r.config
}

/** The config renamed to the template's name in `lang` (the engine's presetName). */
export function withPresetName(config: SimulationConfig, id: string, lang: 'en' | 'zh'): SimulationConfig {
  const key = `fund.${id}`
  const name = presetName(key)[lang]
  return name && name !== key ? { ...config, name } : config
}
