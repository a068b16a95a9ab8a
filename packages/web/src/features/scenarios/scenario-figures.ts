import type { RunResult, SimulationConfig } from '@pcsim/engine'

/** The headline figures a saved scenario shows in the list. */
export interface ScenarioFigures {
  trials: number
  tvpiP50: number
  irrP50: number
  probLoss: number
}

const PREFIX = 'pcsim.scenarioFigures.'

/** A short stable hash of a config without its trial count (figures belong to the fund, not the run size). */
export function configHash(config: SimulationConfig): string {
  const text = JSON.stringify({ ...config, name: '', run: { ...config.run, trials: 0 } })
  let h = 5381
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0
  return (h >>> 0).toString(36)
}

export const figuresOf = (r: RunResult): ScenarioFigures => ({ trials: r.trials, tvpiP50: r.summary.netTvpi.p50, irrP50: r.summary.netIrr.p50, probLoss: r.summary.probLoss.value })

/** Figures of saved scenario `id` (this browser keeps them; the server stores configs only). */
export function storeFigures(id: string, config: SimulationConfig, f: ScenarioFigures): void {
  try {
    globalThis.localStorage?.setItem(PREFIX + id, JSON.stringify({ hash: configHash(config), ...f }))
  } catch {
    // storage full or blocked: the list offers to compute them again
  }
}

export function storedFigures(id: string): ScenarioFigures | null {
  try {
    const raw = globalThis.localStorage?.getItem(PREFIX + id)
    return raw ? (JSON.parse(raw) as ScenarioFigures) : null
  } catch {
    return null
  }
}
