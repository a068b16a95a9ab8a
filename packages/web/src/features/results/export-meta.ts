import { createContext, useContext } from 'react'
import { presetName, SCENARIOS, type RunResult } from '@pcsim/engine'
import type { Messages } from '../../i18n/en.ts'

type Shock = RunResult['config']['market']['shocks'][number]

/** What every export says about the run it comes from. */
export interface ExportMeta {
  fund: string
  /** The scenario in words: the named scenarios stacked, custom shocks by id, or the base case. */
  scenario: string
  shocks: Shock[]
  trials: number
  seed: string
  engineVersion: string
  currency: string
}

/** Names of the shocks a config carries: a named scenario's name when a shock is one, else its id. */
export function scenarioName(shocks: Shock[], t: Messages, pick: (m: { en: string; zh: string }) => string): string {
  if (shocks.length === 0) return t.share.baseCase
  const names = shocks.map((s) => {
    const preset = SCENARIOS.find((p) => p.shocks.some((x) => x.id === s.id))
    return preset ? pick(presetName(`scenario.${preset.id}`)) : s.id
  })
  return [...new Set(names)].join(' + ')
}

export function exportMeta(result: RunResult, t: Messages, pick: (m: { en: string; zh: string }) => string): ExportMeta {
  const shocks = result.config.market?.shocks ?? []
  return { fund: result.name, scenario: scenarioName(shocks, t, pick), shocks, trials: result.trials, seed: String(result.seed), engineVersion: result.engineVersion, currency: result.currency }
}

/** The run the charts below belong to (null outside a result, e.g. the Learn demo). */
export const ExportMetaContext = createContext<ExportMeta | null>(null)
export const useExportMeta = () => useContext(ExportMetaContext)
