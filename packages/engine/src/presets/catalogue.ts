import { presetName } from '../messages/index.ts'
import { ENTRY_STAGE_IDS, SECTOR_IDS } from '../schema/ids.ts'
import { FUND_TEMPLATES } from './funds.ts'
import { SCENARIOS } from './scenarios.ts'

export interface PresetEntry {
  id: string
  name: { en: string; zh: string }
  source: string
}

const SECTOR_SOURCES: Record<string, string> = {
  generalist: 'calibration.md §6 rows 1-29 (Carta, CB Insights, Correlation Ventures)',
  ai: 'generalist with rows 24, 26: AI valuations ×1.42, rounds ×0.9 [R8][R16]',
  biotech: 'BIO/Informa/QLS 2021 phase transitions and durations, rows 30-32 [R41][R45]',
  medtech: 'generalist with a certification gate at growth, rows 22, 27, 33 [R46][R48]',
  aerospace: 'generalist, capital intensive, §4.4 and rows 22, 27 [R46][R47]',
  low_altitude: 'generalist with certification gates, §4.5 and row 33 [R48]',
  quantum: 'deep-tech defaults, §4.2 and §8 (no stage data) [R46]',
  comms_6g: 'hardware defaults, rows 22, 27 [R46]',
  robotics: 'hardware defaults, §4.2, §4.6, rows 22, 27 [R46][R49]',
  new_energy: 'capital-intensive defaults, rows 22, 27 [R46]',
  new_materials: 'deep-tech defaults, §4.2 (materials 1.8 y to market) [R46]',
}

const STAGE_SOURCES: Record<string, string> = {
  seed: 'enters at the seed/angel round (calibration.md §6 rows 1-4)',
  early: 'enters at Series A (rows 5-6)',
  growth: 'enters at Series C (rows 9-10)',
}

/** Everything a user can pick by id, with names in both languages and a one-line source. */
export function listPresets(): { sectors: PresetEntry[]; stages: PresetEntry[]; funds: PresetEntry[]; scenarios: PresetEntry[] } {
  return {
    sectors: SECTOR_IDS.map((id) => ({ id, name: presetName(`sector.${id}`), source: SECTOR_SOURCES[id] ?? '' })),
    stages: ENTRY_STAGE_IDS.map((id) => ({ id, name: presetName(`stage.${id}`), source: STAGE_SOURCES[id] ?? '' })),
    funds: FUND_TEMPLATES.map((t) => ({ id: t.id, name: presetName(`fund.${t.id}`), source: t.source })),
    scenarios: SCENARIOS.map((s) => ({ id: s.id, name: presetName(`scenario.${s.id}`), source: s.source })),
  }
}
