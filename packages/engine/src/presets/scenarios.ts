import type { Shock } from '../schema/market.ts'

export interface ScenarioPreset {
  id: string
  source: string
  shocks: Shock[]
}

/** Named market scenarios; each is a list of shocks that can be stacked onto any config. */
export const SCENARIOS: ScenarioPreset[] = [
  { id: 'base', source: 'no shock: the default regime-switching market (calibration.md §6 rows 34-38)', shocks: [] },
  {
    id: 'ipo-shut-3y',
    // China A-share IPOs ×0.3 after Aug 2023 and portfolio IPO exits −74% y/y (row 37, [R52][R53])
    source: 'calibration.md §4.7 and row 37: A-share IPO exits −74% y/y after CSRC tightening (Aug 2023) [R52][R53]',
    shocks: [{ id: 'ipo-shut-3y', fromYear: 2, years: 3, sectors: [], effects: { listing: 0.1, exitValue: 0.85, waitTime: 1.15 }, indexDrift: 0 }],
  },
  {
    id: 'ai-boom',
    source: 'calibration.md §4.3 and §4.6: AI 33% of capital, seed valuations +42% [R16]; humanoid valuations 15-25× in two years [R49]',
    shocks: [
      {
        id: 'ai-boom',
        fromYear: 0,
        years: 4,
        sectors: ['ai', 'robotics'],
        effects: { graduation: 1.3, stepUp: 1.4, exitValue: 1.5, entryValuation: 1.4, waitTime: 0.8, listing: 1.5 },
        indexDrift: 0,
      },
    ],
  },
  {
    id: 'biotech-winter',
    source: 'calibration.md §4.1: US biotech IPOs 111 (2021) → 22 (2022), XBI −36% [R45]; row 36 step-ups ×0.65-0.8',
    shocks: [
      {
        id: 'biotech-winter',
        fromYear: 1,
        years: 3,
        sectors: ['biotech', 'medtech'],
        effects: { listing: 0.2, graduation: 0.7, stepUp: 0.7, exitValue: 0.6, waitTime: 1.3 },
        indexDrift: 0,
      },
    ],
  },
  {
    id: 'rate-shock',
    source: 'calibration.md §4.7: 2022 US exit value −90%, late-stage valuations −58% to −74%, fundraising −20% [R15][R51][R53]',
    shocks: [
      {
        id: 'rate-shock',
        fromYear: 1,
        years: 2,
        sectors: [],
        regime: 'bust',
        effects: { exitValue: 0.7, entryValuation: 0.8 },
        indexDrift: -0.15,
      },
    ],
  },
]

export function findScenario(id: string): ScenarioPreset | undefined {
  return SCENARIOS.find((s) => s.id === id)
}
