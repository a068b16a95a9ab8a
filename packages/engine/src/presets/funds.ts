import type { SimulationConfig } from '../schema/config.ts'
import { SCHEMA_VERSION } from '../schema/config.ts'
import { DEFAULT_MARKET } from './market-defaults.ts'

/** A template: a full config, or a patch over the reference fund filled in by `parseConfig`. */
export interface FundTemplate {
  id: string
  source: string
  patch: DeepPartial<SimulationConfig>
}

export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T

/** FX assumption for the built-in USD valuations: about 7.2 CNY per USD (2024-25 average). */
export const CNY_PER_USD = 7.2

/** US-style 10-year seed/early VC fund: the reference every other template starts from. */
export const REFERENCE_FUND: SimulationConfig = {
  schemaVersion: SCHEMA_VERSION,
  name: 'US-style 10-year VC fund',
  fund: {
    currency: 'USD',
    // Carta's benchmark population is mostly funds under $100m (calibration.md §3.1 [R29])
    size: 100,
    investmentPeriodYears: 5,
    // row 43: US VC 10 + 2
    lifeYears: 10,
    extensionYears: 2,
    extensionNavThreshold: 0.05,
    // row 42: 2% of commitments, stepping down after the 5-year investment period
    managementFee: { rate: 0.02, basis: 'committed', stepDownYear: 5, rateAfterStepDown: 0.015, basisAfterStepDown: 'invested' },
    // row 42: 20% carry, no hurdle for US-style VC, European waterfall
    carry: { rate: 0.2, hurdle: 0, catchUp: 1, waterfall: 'european', clawback: true },
    // assumption: recycling up to 10% of commitments during the investment period
    recycling: { cap: 0.1, untilYear: 5 },
    // assumption: secondary sale of the tail at a 30% discount to NAV
    endOfLifeDiscount: 0.3,
  },
  // row 42: GP commitment 1%
  lpClasses: [
    { id: 'lps', kind: 'private', share: 0.99 },
    { id: 'gp', kind: 'gp', share: 0.01 },
  ],
  strategy: {
    sectorWeights: { generalist: 1 },
    stageWeights: { seed: 0.5, early: 0.5 },
    // row 23: median seed round ~$3.8m, A ~$11m (Carta Q3 2024); a non-lead cheque of ~1/6 to 1/9
    chequeSize: { seed: 0.6, early: 1.2, growth: 3 },
    deploymentYears: 4,
    reserves: { mode: 'share', share: 0.45 },
    followOn: { rule: 'pro_rata', maxRounds: 3, maxCompanyShare: 0.1, untilYear: 8 },
  },
  companies: {
    model: 'lifecycle',
    sectors: {},
    fxPerUsd: 1,
    unicornValuation: 1000,
    // row 28-29: Pareto α 1.3 from Correlation Ventures' buckets; 1× floor shifted to 0
    powerLaw: {
      kind: 'pareto',
      alpha: 1.3,
      low: 0.4,
      high: 200,
      shift: 0.4,
      // row 29: Correlation Ventures count-weighted buckets
      buckets: [
        { low: 0, high: 1, probability: 0.65 },
        { low: 1, high: 5, probability: 0.25 },
        { low: 5, high: 10, probability: 0.06 },
        { low: 10, high: 50, probability: 0.04 },
      ],
      // row 16: ~5-7 years from a seed/A cheque to exit (assumption within [R19])
      holdingYears: { median: 6, sigma: 0.4 },
    },
  },
  market: DEFAULT_MARKET,
  run: { trials: 10_000, seed: 42 },
}

const CNY = { currency: 'CNY', fxPerUsd: CNY_PER_USD, unicorn: 1000 * CNY_PER_USD } as const

export const FUND_TEMPLATES: FundTemplate[] = [
  { id: 'us-vc-10y', source: 'calibration.md §3 rows 39-43; Carta small US funds [R29][R40]', patch: {} },
  {
    id: 'gov-angel-fund',
    source: 'Zhengzhou angel fund (15 y, ≤60% government, ≤20% per project) and Beijing 投早投小 [R57][R60]; RMB 8% hurdle (row 42)',
    patch: {
      name: 'Government angel guidance fund',
      fund: {
        currency: CNY.currency,
        size: 500,
        investmentPeriodYears: 5,
        lifeYears: 12,
        extensionYears: 3,
        managementFee: { rate: 0.02, basis: 'committed', stepDownYear: 5, rateAfterStepDown: 0.01, basisAfterStepDown: 'invested' },
        carry: { rate: 0.2, hurdle: 0.08, catchUp: 1, waterfall: 'european', clawback: true },
        recycling: { cap: 0, untilYear: 0 },
      },
      lpClasses: [
        { id: 'government', kind: 'government', share: 0.4 },
        { id: 'private', kind: 'private', share: 0.59 },
        { id: 'gp', kind: 'gp', share: 0.01 },
      ],
      strategy: {
        sectorWeights: { ai: 0.2, biotech: 0.15, medtech: 0.1, robotics: 0.15, new_materials: 0.1, new_energy: 0.1, quantum: 0.05, low_altitude: 0.05, aerospace: 0.05, comms_6g: 0.05 },
        stageWeights: { seed: 0.8, early: 0.2 },
        // small cheques: ¥4m at angel, ¥12m at A (投早投小)
        chequeSize: { seed: 4, early: 12, growth: 40 },
        deploymentYears: 5,
        reserves: { mode: 'share', share: 0.3 },
        followOn: { rule: 'pro_rata', maxRounds: 2, maxCompanyShare: 0.05, untilYear: 9 },
      },
      companies: { fxPerUsd: CNY.fxPerUsd, unicornValuation: CNY.unicorn },
    },
  },
  {
    id: 'ai-industry-fund',
    source: 'Beijing AI industry fund: ¥10bn target, guidance money ≤30% (row 44, [R60])',
    patch: {
      name: 'City AI industry fund',
      fund: {
        currency: CNY.currency,
        size: 10_000,
        lifeYears: 10,
        extensionYears: 2,
        managementFee: { rate: 0.015, basis: 'committed', stepDownYear: 5, rateAfterStepDown: 0.01, basisAfterStepDown: 'invested' },
        carry: { rate: 0.2, hurdle: 0.08, catchUp: 1, waterfall: 'european', clawback: true },
        recycling: { cap: 0, untilYear: 0 },
      },
      lpClasses: [
        { id: 'government', kind: 'government', share: 0.3 },
        { id: 'private', kind: 'private', share: 0.69 },
        { id: 'gp', kind: 'gp', share: 0.01 },
      ],
      strategy: {
        sectorWeights: { ai: 0.7, robotics: 0.15, comms_6g: 0.1, quantum: 0.05 },
        stageWeights: { seed: 0.15, early: 0.5, growth: 0.35 },
        chequeSize: { seed: 20, early: 80, growth: 300 },
        deploymentYears: 4,
        reserves: { mode: 'share', share: 0.35 },
        followOn: { rule: 'pro_rata', maxRounds: 3, maxCompanyShare: 0.08, untilYear: 8 },
      },
      companies: { fxPerUsd: CNY.fxPerUsd, unicornValuation: CNY.unicorn },
    },
  },
  {
    id: 'patient-capital-15y',
    source: 'NSSF Zhongguancun special fund: 100% social-security money, ¥5bn first close, >10 y, early and growth stage [R60]; row 43',
    patch: {
      name: '15-year patient-capital fund',
      fund: {
        currency: CNY.currency,
        size: 5_000,
        investmentPeriodYears: 7,
        lifeYears: 15,
        extensionYears: 3,
        managementFee: { rate: 0.01, basis: 'committed', stepDownYear: 7, rateAfterStepDown: 0.005, basisAfterStepDown: 'invested' },
        carry: { rate: 0.2, hurdle: 0.08, catchUp: 1, waterfall: 'european', clawback: true },
        recycling: { cap: 0.1, untilYear: 7 },
      },
      lpClasses: [
        { id: 'nssf', kind: 'social_security', share: 0.99 },
        { id: 'gp', kind: 'gp', share: 0.01 },
      ],
      strategy: {
        sectorWeights: { ai: 0.25, biotech: 0.15, medtech: 0.1, robotics: 0.15, comms_6g: 0.1, new_energy: 0.1, new_materials: 0.1, aerospace: 0.05 },
        stageWeights: { early: 0.6, growth: 0.4 },
        chequeSize: { seed: 10, early: 50, growth: 150 },
        deploymentYears: 6,
        reserves: { mode: 'implied', share: 0.4 },
        followOn: { rule: 'pro_rata', maxRounds: 3, maxCompanyShare: 0.05, untilYear: 12 },
      },
      companies: { fxPerUsd: CNY.fxPerUsd, unicornValuation: CNY.unicorn },
    },
  },
]

export function findTemplate(id: string): FundTemplate | undefined {
  return FUND_TEMPLATES.find((t) => t.id === id)
}
