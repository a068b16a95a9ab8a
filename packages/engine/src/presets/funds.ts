import type { SimulationConfig } from '../schema/config.ts'
import { SCHEMA_VERSION } from '../schema/schema-version.ts'
import { DEFAULT_MANAGER_SKILL_SPREAD } from '../schema/fund-of-funds-defaults.ts'
import { DEFAULT_MARKET } from './market-defaults.ts'
import { US_DEAL_TERMS } from './deal-terms.ts'
import { CN_ANGEL_EXITS, CN_VC_EXITS } from './market-profiles.ts'
import { JJJ_POOLS } from './region-pools.ts'

/** A template: a full config, or a patch over the reference fund filled in by `parseConfig`. */
export interface FundTemplate {
  id: string
  source: string
  patch: DeepPartial<SimulationConfig>
}

export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T

/** FX assumption for the built-in USD valuations: about 7.2 CNY per USD (2024-25 average). */
export const CNY_PER_USD = 7.2

/** Quarters of projected needs the reference fund calls ahead (docs/model-books.md, "Capital calls"). */
const AHEAD_QUARTERS = 4

/** End of life (docs/model-books.md, "End of life"): extensions a year at a time, each less likely, more likely
 * with more NAV left and in a bust; the rest sold to LP-led secondary buyers at a regime-dependent discount. */
const END_OF_LIFE = {
  // Kauffman: about a quarter of funds still hold assets after year 10 [S29]; NVCA/Adams Street: few finish by year 12 [S30]
  extension: { navThreshold: 0.05, firstProbability: 0.2, decay: 0.75, navReference: 0.5, navElasticity: 1, regimeFactor: { boom: 0.7, normal: 1, bust: 1.4 } },
  // VC LP interests at 88% of NAV (2021), 68% (2022–23), 75% (2024) [S18]; early stage 59–69% vs late 61–71% [S18]; unpriced extra: assumption
  secondary: { discountMean: { boom: 0.12, normal: 0.25, bust: 0.32 }, discountSd: 0.06, earlyStageExtra: 0.02, unpricedExtra: 0.1 },
  // continuation-vehicle pricing vs NAV: not found [S24]; off by default, assumptions when on
  continuation: { enabled: false, discount: 0.1, rollShare: 0.5 },
}

/** RMB funds pay in by tranches (分期实缴); 40/30/30 at close, year 1.5 and year 3 is an assumption (no published
 * schedule; NDRC 2005 allowed the rest within 5 years [S38]), called early if cash would fall below 5%. */
const CN_CALLS = { policy: 'tranches' as const, aheadQuarters: 0, tranches: [{ year: 0, share: 0.4 }, { year: 1.5, share: 0.3 }, { year: 3, share: 0.3 }], topUpBelow: 0.05, cashYield: 0.015 }

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
    // row 42: 2% of commitments, stepping down after the 5-year investment period
    managementFee: { rate: 0.02, basis: 'committed', stepDownYear: 5, rateAfterStepDown: 0.015, basisAfterStepDown: 'invested' },
    // row 42: 20% carry, no hurdle for US-style VC, European waterfall
    carry: { rate: 0.2, hurdle: 0, catchUp: 1, waterfall: 'european', clawback: true },
    // assumption: recycling up to 10% of commitments during the investment period
    recycling: { cap: 0.1, untilYear: 5 },
    // calls 4 quarters ahead of need: ~47–60% of commitments called by month 24 (docs/model-books.md [R6]); 2% on idle cash (assumption)
    capitalCalls: { policy: 'ahead' as const, aheadQuarters: AHEAD_QUARTERS, tranches: [], topUpBelow: 0.05, cashYield: 0.02 },
    endOfLife: END_OF_LIFE,
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
    // calibrated assumption (benchmark 7: top-quartile funds reach DPI 1 by year 7-8 [R36]): first cheques over
    // 2.5 years, half of investable capital kept for follow-ons (seed funds reserve 30-60%, assumption)
    deploymentYears: 2.5,
    reserves: { mode: 'share', share: 0.5 },
    followOn: { rule: 'pro_rata', maxRounds: 3, maxCompanyShare: 0.1, untilYear: 8 },
    regionWeights: { other: 1 },
    // disabled: cheques go out on the deployment schedule; the values are a moderate default pipeline
    pipeline: { enabled: false, plannedPerQuarter: 12, reserveRate: 0.5, startRate: 0.4, produceRate: 0.7, reserveLagQuarters: 1, startLagQuarters: 1, produceLagQuarters: 4 },
  },
  companies: {
    model: 'lifecycle',
    dealTerms: US_DEAL_TERMS,
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
  // no tolerance set: any loss up to 100% is within it
  policy: { toleratedLoss: { fund: 1, deal: 1 } },
  run: { trials: 10_000, seed: 42 },
}

const CNY = { currency: 'CNY', fxPerUsd: CNY_PER_USD, unicorn: 1000 * CNY_PER_USD } as const
/** Angel funds convert the built-in (US) valuations at half the exchange rate: Chinese angel rounds price at about half
 * a US seed round in dollars (calibrated assumption against benchmark 10, <1% of angel-backed companies become unicorns
 * [R55]; no published RMB angel valuation was found). Multiples on entry price do not change; the unicorn line stays $1bn. */
const CN_ANGEL_COMPANIES = { fxPerUsd: CNY_PER_USD / 2, unicornValuation: CNY.unicorn }
/** Every Chinese template exits through the Chinese market profile. */
/** Chinese VC-market exits are worth 0.6 of the US ones in every regime (calibrated assumption against the RMB J-curve,
 * 投中 2024: DPI 1 in year 9 for the median RMB fund, year 13 for the bottom quartile [R36]; with US exit values the
 * VC market's nine-fold listings break funds even by year 8). No published Chinese exit multiple on the last round was found. */
const CN_VC_EXIT_VALUE = 0.6
const CN_MARKET = {
  profile: 'cn',
  exits: CN_VC_EXITS,
  regimes: {
    effects: {
      boom: { exitValue: DEFAULT_MARKET.regimes.effects.boom.exitValue * CN_VC_EXIT_VALUE },
      normal: { exitValue: DEFAULT_MARKET.regimes.effects.normal.exitValue * CN_VC_EXIT_VALUE },
      bust: { exitValue: DEFAULT_MARKET.regimes.effects.bust.exitValue * CN_VC_EXIT_VALUE },
    },
  },
} as const
/** Chinese angel companies raise a next round less often than US seed companies (IT桔子: 45% [R55]; "stuck" A+/A2 rounds
 * rose to 7.2% of deals by 2024 [R55]): graduation ×0.8 in every regime (calibrated assumption against benchmark 10). */
const CN_ANGEL_GRADUATION = 0.8
const CN_ANGEL_MARKET = {
  profile: 'cn',
  exits: CN_ANGEL_EXITS,
  regimes: {
    effects: {
      boom: { graduation: DEFAULT_MARKET.regimes.effects.boom.graduation * CN_ANGEL_GRADUATION },
      normal: { graduation: DEFAULT_MARKET.regimes.effects.normal.graduation * CN_ANGEL_GRADUATION },
      bust: { graduation: DEFAULT_MARKET.regimes.effects.bust.graduation * CN_ANGEL_GRADUATION },
    },
  },
} as const

/** A market RMB VC fund of `life` + 2 years (no government money): `invest` years to invest, follow-ons until `followOnUntil`. */
const rmbMarketFund = (name: string, invest: number, life: number, followOnUntil: number): FundTemplate['patch'] => ({
  name,
  fund: {
    currency: CNY.currency,
    capitalCalls: CN_CALLS,
    size: 1_000,
    investmentPeriodYears: invest,
    lifeYears: life,
    extensionYears: 2,
    managementFee: { rate: 0.02, basis: 'committed', stepDownYear: invest, rateAfterStepDown: 0.015, basisAfterStepDown: 'invested' },
    carry: { rate: 0.2, hurdle: 0.08, catchUp: 1, waterfall: 'european', clawback: true },
    recycling: { cap: 0, untilYear: 0 },
  },
  lpClasses: [
    { id: 'private', kind: 'private', share: 0.99 },
    { id: 'gp', kind: 'gp', share: 0.01 },
  ],
  strategy: {
    sectorWeights: { ai: 0.3, biotech: 0.15, medtech: 0.1, robotics: 0.15, new_energy: 0.1, new_materials: 0.1, comms_6g: 0.1 },
    stageWeights: { early: 0.6, growth: 0.4 },
    chequeSize: { seed: 10, early: 30, growth: 80 },
    deploymentYears: invest,
    reserves: { mode: 'share', share: 0.3 },
    followOn: { rule: 'pro_rata', maxRounds: 2, maxCompanyShare: 0.08, untilYear: followOnUntil },
  },
  companies: { fxPerUsd: CNY.fxPerUsd, unicornValuation: CNY.unicorn },
  market: CN_MARKET,
})

/** The crowding-out pair: one sub-fund, with `government` of its money from the state (the rest private, 1% GP). */
const crowdingPairFund = (name: string, government: number, privateShare: number): FundTemplate['patch'] => ({
  name,
  fund: {
    currency: CNY.currency,
    capitalCalls: CN_CALLS,
    size: 1_000,
    investmentPeriodYears: 5,
    lifeYears: 10,
    extensionYears: 2,
    managementFee: { rate: 0.02, basis: 'paid_in', stepDownYear: 5, rateAfterStepDown: 0.01, basisAfterStepDown: 'invested' },
    carry: { rate: 0.2, hurdle: 0.08, catchUp: 1, waterfall: 'european', clawback: true },
    recycling: { cap: 0, untilYear: 0 },
  },
  lpClasses: [
    { id: 'government', kind: 'government', share: government },
    { id: 'private', kind: 'private', share: privateShare },
    { id: 'gp', kind: 'gp', share: 0.01 },
  ],
  strategy: {
    sectorWeights: { ai: 0.3, biotech: 0.15, robotics: 0.2, new_materials: 0.15, new_energy: 0.1, comms_6g: 0.1 },
    stageWeights: { seed: 0.3, early: 0.5, growth: 0.2 },
    chequeSize: { seed: 8, early: 25, growth: 60 },
    deploymentYears: 5,
    reserves: { mode: 'share', share: 0.3 },
    followOn: { rule: 'pro_rata', maxRounds: 2, maxCompanyShare: 0.08, untilYear: 9 },
  },
  companies: { fxPerUsd: CNY.fxPerUsd, unicornValuation: CNY.unicorn },
  market: CN_MARKET,
  // crowding out on: a fund all of government money loses 30% of each deal's value (an assumption; docs/government.md#crowding-out)
  policy: { crowdingOut: { enabled: true, qualityLoss: 0.3 } },
})

/** A Beijing-style government fund-of-funds: one commitment to each of three sub-funds in year 0. */
const BEIJING_FOF: DeepPartial<SimulationConfig> = {
  name: 'Government fund-of-funds',
  fund: {
    currency: CNY.currency,
    // a fund-of-funds passes its sub-funds' calls through as they come (docs/model-books.md)
    capitalCalls: { policy: 'just_in_time' as const, aheadQuarters: 0, tranches: [], topUpBelow: 0, cashYield: 0 },
    size: 2_000,
    lifeYears: 15,
    extensionYears: 3,
    managementFee: { rate: 0.005, basis: 'committed', stepDownYear: 6, rateAfterStepDown: 0.003, basisAfterStepDown: 'committed' },
    carry: { rate: 0, hurdle: 0, catchUp: 0, waterfall: 'european', clawback: false },
    recycling: { cap: 0, untilYear: 0 },
  },
  lpClasses: [{ id: 'government', kind: 'government', share: 1 }],
  // sub-funds run on the mother's market, so the mother carries the Chinese profile
  market: CN_MARKET,
  subFunds: [
    { id: 'angel', commitment: 200, lpClass: 'government', config: { template: 'gov-angel-fund' } },
    { id: 'ai', commitment: 1_200, lpClass: 'government', config: { template: 'city-ai-fund' } },
    { id: 'jjj', commitment: 400, lpClass: 'beijing_gov', config: { template: 'jjj-joint-fund' } },
  ],
}

export const FUND_TEMPLATES: FundTemplate[] = [
  { id: 'us-vc-10y', source: 'calibration.md §3 rows 39-43; Carta small US funds [R29][R40]', patch: {} },
  {
    id: 'gov-angel-fund',
    source: 'Zhengzhou angel fund (15 y, ≤60% government, ≤20% per project) and Beijing 投早投小 [R57][R60]; RMB 8% hurdle (row 42)',
    patch: {
      name: 'Government angel guidance fund',
      fund: {
        currency: CNY.currency,
        capitalCalls: CN_CALLS,
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
      companies: CN_ANGEL_COMPANIES,
      market: CN_ANGEL_MARKET,
    },
  },
  {
    id: 'ai-industry-fund',
    source: 'Beijing AI industry fund: ¥10bn target, guidance money ≤30% (row 44, [R60])',
    patch: {
      name: 'City AI industry fund',
      fund: {
        currency: CNY.currency,
        capitalCalls: CN_CALLS,
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
      market: CN_MARKET,
    },
  },
  {
    id: 'patient-capital-15y',
    source: 'NSSF Zhongguancun special fund: 100% social-security money, ¥5bn first close, >10 y, early and growth stage [R60]; row 43',
    patch: {
      name: '15-year patient-capital fund',
      fund: {
        currency: CNY.currency,
        capitalCalls: CN_CALLS,
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
      market: CN_MARKET,
    },
  },
  {
    id: 'city-ai-fund',
    source: 'Beijing AI industry fund ¥10bn, guidance ≤30% (row 44 [R60]); 返投 1.0× (row 45 [R58]); 保本微利 concession above a low return (row 46 [R56])',
    patch: {
      name: 'City AI industry fund with government terms',
      fund: {
        currency: CNY.currency,
        capitalCalls: CN_CALLS,
        size: 10_000,
        managementFee: { rate: 0.015, basis: 'committed', stepDownYear: 5, rateAfterStepDown: 0.01, basisAfterStepDown: 'invested' },
        carry: { rate: 0.2, hurdle: 0.08, catchUp: 1, waterfall: 'european', clawback: true },
        recycling: { cap: 0, untilYear: 0 },
      },
      lpClasses: [
        {
          id: 'government',
          kind: 'government',
          share: 0.3,
          terms: { profitConcession: { share: 0.5, threshold: 0.03, to: ['private'] }, localReinvestment: { multiple: 1, regions: ['beijing'] } },
        },
        { id: 'private', kind: 'private', share: 0.69 },
        { id: 'gp', kind: 'gp', share: 0.01, terms: { feeExempt: true, carryExempt: true } },
      ],
      strategy: {
        sectorWeights: { ai: 0.7, robotics: 0.15, comms_6g: 0.1, quantum: 0.05 },
        stageWeights: { seed: 0.15, early: 0.5, growth: 0.35 },
        chequeSize: { seed: 20, early: 80, growth: 300 },
        reserves: { mode: 'share', share: 0.35 },
        followOn: { rule: 'pro_rata', maxRounds: 3, maxCompanyShare: 0.08, untilYear: 8 },
        regionWeights: { beijing: 0.5, tianjin: 0.1, hebei: 0.1, other: 0.3 },
      },
      companies: { fxPerUsd: CNY.fxPerUsd, unicornValuation: CNY.unicorn },
      market: CN_MARKET,
      policy: { toleratedLoss: { fund: 0.3, deal: 1 }, regionPools: JJJ_POOLS },
    },
  },
  {
    id: 'nssf-special-fund',
    source: 'NSSF Zhongguancun special fund: 100% social-security money, >10 years, early and growth stage [R60]',
    patch: {
      name: 'Social-security special fund (single LP)',
      fund: {
        currency: CNY.currency,
        capitalCalls: CN_CALLS,
        size: 5_000,
        investmentPeriodYears: 6,
        lifeYears: 12,
        extensionYears: 3,
        managementFee: { rate: 0.01, basis: 'committed', stepDownYear: 6, rateAfterStepDown: 0.005, basisAfterStepDown: 'invested' },
        carry: { rate: 0.2, hurdle: 0.08, catchUp: 1, waterfall: 'european', clawback: true },
        recycling: { cap: 0, untilYear: 0 },
      },
      lpClasses: [{ id: 'nssf', kind: 'social_security', share: 1 }],
      strategy: {
        sectorWeights: { ai: 0.3, biotech: 0.15, robotics: 0.15, comms_6g: 0.15, new_materials: 0.1, medtech: 0.15 },
        stageWeights: { early: 0.6, growth: 0.4 },
        chequeSize: { seed: 10, early: 50, growth: 150 },
        deploymentYears: 5,
        // reserves sized from the follow-on needs the graduation rates imply, as patient-capital-15y (the reference
        // fund's 50% seed-fund reserve left a third of this early/growth fund uninvested)
        reserves: { mode: 'implied', share: 0.4 },
        regionWeights: { beijing: 0.8, other: 0.2 },
      },
      companies: { fxPerUsd: CNY.fxPerUsd, unicornValuation: CNY.unicorn },
      market: CN_MARKET,
    },
  },
  {
    id: 'angel-guidance-60',
    source: 'Angel guidance funds tolerate 40-80% loss (Zhengzhou 40%, Anhui 80%; row 47 default 60% [R57]); Shenzhen government bears up to 40% of angel losses [R56]',
    patch: {
      name: 'Angel guidance fund, 60% tolerated loss',
      fund: {
        currency: CNY.currency,
        capitalCalls: CN_CALLS,
        size: 300,
        investmentPeriodYears: 5,
        lifeYears: 12,
        extensionYears: 3,
        managementFee: { rate: 0.02, basis: 'committed', stepDownYear: 5, rateAfterStepDown: 0.01, basisAfterStepDown: 'invested' },
        carry: { rate: 0.2, hurdle: 0.06, catchUp: 1, waterfall: 'european', clawback: true },
        recycling: { cap: 0, untilYear: 0 },
      },
      lpClasses: [
        { id: 'government', kind: 'government', share: 0.4, terms: { firstLoss: { share: 0.2 }, localReinvestment: { multiple: 1.5, regions: ['beijing'] } } },
        { id: 'private', kind: 'private', share: 0.59 },
        { id: 'gp', kind: 'gp', share: 0.01, terms: { feeExempt: true, carryExempt: true } },
      ],
      strategy: {
        sectorWeights: { ai: 0.25, biotech: 0.15, medtech: 0.1, robotics: 0.2, new_materials: 0.1, quantum: 0.1, low_altitude: 0.1 },
        stageWeights: { seed: 1 },
        chequeSize: { seed: 3, early: 10, growth: 30 },
        deploymentYears: 4,
        reserves: { mode: 'share', share: 0.3 },
        followOn: { rule: 'pro_rata', maxRounds: 2, maxCompanyShare: 0.05, untilYear: 8 },
        regionWeights: { beijing: 0.7, other: 0.3 },
        pipeline: { enabled: true, plannedPerQuarter: 12, reserveRate: 0.5, startRate: 0.4, produceRate: 0.7, reserveLagQuarters: 1, startLagQuarters: 1, produceLagQuarters: 4 },
      },
      companies: CN_ANGEL_COMPANIES,
      market: CN_ANGEL_MARKET,
      policy: { toleratedLoss: { fund: 0.6, deal: 1 }, regionPools: JJJ_POOLS },
    },
  },
  {
    id: 'rmb-vc-5y2',
    source: 'RMB VC funds: mostly 5+2 (about 68% of 2022 filings), AMAC minimum 5 years [R59]; 2% fee, 20% carry over an 8% hurdle (calibration.md §3, row 42)',
    patch: rmbMarketFund('RMB market VC fund, 5+2 years', 3, 5, 4),
  },
  {
    id: 'rmb-vc-7y2',
    source: 'RMB VC fund life 7+2 (row 43 [R59]); AMAC encourages 7 years or more [R59]; 2% fee, 20% carry over an 8% hurdle (row 42)',
    patch: rmbMarketFund('RMB market VC fund, 7+2 years', 4, 7, 6),
  },
  {
    id: 'shenzhen-angel-fund',
    source: 'Shenzhen angel mother fund sub-fund: single project at most 10% of the sub-fund and ¥50m [G4]; at least 40% to Series A or earlier, life up to 15 years [G5]; guidance money may give up to 100% of its excess return [G3]; government bears up to 40% of angel losses [G7] (weak); a single project may lose 100% [G6]',
    patch: {
      name: 'Shenzhen-style angel sub-fund',
      fund: {
        currency: CNY.currency,
        capitalCalls: CN_CALLS,
        size: 500,
        investmentPeriodYears: 5,
        lifeYears: 10,
        extensionYears: 5,
        managementFee: { rate: 0.02, basis: 'paid_in', stepDownYear: 5, rateAfterStepDown: 0.01, basisAfterStepDown: 'invested' },
        carry: { rate: 0.2, hurdle: 0.06, catchUp: 1, waterfall: 'european', clawback: true },
        recycling: { cap: 0, untilYear: 0 },
      },
      lpClasses: [
        // 让利: all of its profit above 3% a year to the private LPs; 劣后 up to 40% of its own commitment
        { id: 'government', kind: 'government', share: 0.4, terms: { profitConcession: { share: 1, threshold: 0.03, to: ['private'] }, firstLoss: { share: 0.16 } } },
        { id: 'private', kind: 'private', share: 0.59 },
        { id: 'gp', kind: 'gp', share: 0.01, terms: { feeExempt: true, carryExempt: true } },
      ],
      strategy: {
        sectorWeights: { ai: 0.25, biotech: 0.15, medtech: 0.1, robotics: 0.2, new_materials: 0.1, low_altitude: 0.1, comms_6g: 0.1 },
        stageWeights: { seed: 0.6, early: 0.4 },
        chequeSize: { seed: 5, early: 15, growth: 40 },
        deploymentYears: 5,
        reserves: { mode: 'share', share: 0.3 },
        // a single project at most 10% of the sub-fund
        followOn: { rule: 'pro_rata', maxRounds: 2, maxCompanyShare: 0.1, untilYear: 9 },
      },
      companies: CN_ANGEL_COMPANIES,
      market: CN_ANGEL_MARKET,
      policy: { toleratedLoss: { fund: 0.4, deal: 1 } },
    },
  },
  {
    id: 'anhui-angel-fund',
    source: 'Anhui provincial angel fund: losses tolerated up to 80% [G8]; government share up to 70% of a sub-fund, life up to 20 years [G9]; re-investment in Anhui of at least 1x (not modelled: Anhui is outside the modelled regions) [G10]',
    patch: {
      name: 'Anhui-style angel fund',
      fund: {
        currency: CNY.currency,
        capitalCalls: CN_CALLS,
        size: 300,
        investmentPeriodYears: 6,
        lifeYears: 15,
        extensionYears: 5,
        managementFee: { rate: 0.02, basis: 'paid_in', stepDownYear: 6, rateAfterStepDown: 0.01, basisAfterStepDown: 'invested' },
        carry: { rate: 0.2, hurdle: 0.06, catchUp: 1, waterfall: 'european', clawback: true },
        recycling: { cap: 0, untilYear: 0 },
      },
      lpClasses: [
        { id: 'government', kind: 'government', share: 0.6, terms: { firstLoss: { share: 0.3 } } },
        { id: 'private', kind: 'private', share: 0.39 },
        { id: 'gp', kind: 'gp', share: 0.01, terms: { feeExempt: true, carryExempt: true } },
      ],
      strategy: {
        sectorWeights: { ai: 0.2, biotech: 0.15, new_energy: 0.2, new_materials: 0.15, quantum: 0.15, robotics: 0.15 },
        stageWeights: { seed: 0.8, early: 0.2 },
        chequeSize: { seed: 3, early: 10, growth: 30 },
        deploymentYears: 5,
        reserves: { mode: 'share', share: 0.3 },
        followOn: { rule: 'pro_rata', maxRounds: 2, maxCompanyShare: 0.1, untilYear: 12 },
      },
      companies: CN_ANGEL_COMPANIES,
      market: CN_ANGEL_MARKET,
      policy: { toleratedLoss: { fund: 0.8, deal: 1 } },
    },
  },
  {
    id: 'market-run-sub-fund',
    source: 'Pair with state-run-sub-fund: the same sub-fund with 20% government money; crowding out after Colonnelli, Li & Liu, JPE 2024 [E2] (size of the effect: assumption)',
    patch: crowdingPairFund('Market-run sub-fund (20% government money)', 0.2, 0.79),
  },
  {
    id: 'state-run-sub-fund',
    source: 'Pair with market-run-sub-fund: 70% government money, the most Anhui allows [G9]; crowding out after Colonnelli, Li & Liu, JPE 2024 [E2] (size of the effect: assumption)',
    patch: crowdingPairFund('State-run sub-fund (70% government money)', 0.7, 0.29),
  },
  {
    id: 'yozma-fund',
    source: 'Yozma (Israel 1993-98): government ≤40% and ≤$8m per fund, private partners may buy the government stake at cost plus interest within 5 years [R61]',
    patch: {
      name: 'Yozma-style fund with a buy-out option',
      fund: { size: 20, lifeYears: 10, extensionYears: 2, carry: { rate: 0.2, hurdle: 0, catchUp: 1, waterfall: 'european', clawback: true } },
      lpClasses: [
        { id: 'government', kind: 'government', share: 0.4, terms: { buyOut: { windowYears: 5, rate: 0.05, buyers: ['private'] } } },
        { id: 'private', kind: 'private', share: 0.59 },
        { id: 'gp', kind: 'gp', share: 0.01 },
      ],
      strategy: { chequeSize: { seed: 0.25, early: 0.5, growth: 1.5 }, reserves: { mode: 'share', share: 0.4 } },
    },
  },
  {
    id: 'uk-ecf-fund',
    source: 'UK Enterprise Capital Funds: British Business Bank up to two-thirds, capital back plus a 3% priority return, private LPs take the upside; average fund £47m [R62]',
    patch: {
      name: 'UK ECF-style fund, capped government return',
      fund: { currency: 'GBP', size: 50, carry: { rate: 0.2, hurdle: 0, catchUp: 1, waterfall: 'european', clawback: true } },
      lpClasses: [
        { id: 'bbb', kind: 'government', share: 0.66, terms: { cappedReturn: { rate: 0.03, priority: true, upsideTo: ['private'] } } },
        { id: 'private', kind: 'private', share: 0.33 },
        { id: 'gp', kind: 'gp', share: 0.01 },
      ],
      strategy: { chequeSize: { seed: 0.5, early: 1, growth: 2.5 } },
      companies: { fxPerUsd: 0.79, unicornValuation: 790 },
    },
  },
  {
    id: 'jjj-joint-fund',
    source: 'Beijing-Tianjin-Hebei co-investment (seed article); each government requires local re-investment of 1.0× (row 45 [R58])',
    patch: {
      name: 'Beijing-Tianjin-Hebei joint fund',
      fund: {
        currency: CNY.currency,
        capitalCalls: CN_CALLS,
        size: 3_000,
        managementFee: { rate: 0.015, basis: 'committed', stepDownYear: 5, rateAfterStepDown: 0.01, basisAfterStepDown: 'invested' },
        carry: { rate: 0.2, hurdle: 0.08, catchUp: 1, waterfall: 'european', clawback: true },
        recycling: { cap: 0, untilYear: 0 },
      },
      lpClasses: [
        { id: 'beijing_gov', kind: 'government', share: 0.15, terms: { localReinvestment: { multiple: 1, regions: ['beijing'] } } },
        { id: 'tianjin_gov', kind: 'government', share: 0.1, terms: { localReinvestment: { multiple: 1, regions: ['tianjin'] } } },
        { id: 'hebei_gov', kind: 'government', share: 0.1, terms: { localReinvestment: { multiple: 1, regions: ['hebei'] } } },
        { id: 'insurance', kind: 'insurance', share: 0.3 },
        { id: 'private', kind: 'private', share: 0.34 },
        { id: 'gp', kind: 'gp', share: 0.01, terms: { feeExempt: true, carryExempt: true } },
      ],
      strategy: {
        sectorWeights: { ai: 0.25, robotics: 0.2, new_energy: 0.15, new_materials: 0.15, biotech: 0.15, aerospace: 0.1 },
        stageWeights: { seed: 0.2, early: 0.5, growth: 0.3 },
        chequeSize: { seed: 10, early: 40, growth: 120 },
        regionWeights: { beijing: 0.4, tianjin: 0.2, hebei: 0.2, other: 0.2 },
      },
      companies: { fxPerUsd: CNY.fxPerUsd, unicornValuation: CNY.unicorn },
      market: CN_MARKET,
      policy: { regionPools: JJJ_POOLS },
    },
  },
  {
    id: 'beijing-fof',
    source: 'Beijing municipal guidance funds investing through sub-funds (seed article; [R60]); FoF fee 0.5%, no carry (assumption)',
    patch: BEIJING_FOF,
  },
  {
    id: 'beijing-fof-paced',
    source: 'beijing-fof committing over five vintage years, 360m a year (docs/government.md, "Fund-of-funds pacing"); manager skill spread 0.31 from within-vintage fund dispersion [R29]',
    patch: {
      ...BEIJING_FOF,
      name: 'Government fund-of-funds, five vintages',
      fundOfFunds: {
        // the three programmes' commitments (200 : 1,200 : 400) become weights of each year's 360m
        pacing: { method: 'amounts' as const, amounts: [360, 360, 360, 360, 360] },
        managerSkill: { spread: DEFAULT_MANAGER_SKILL_SPREAD },
      },
    },
  },
]

export function findTemplate(id: string): FundTemplate | undefined {
  return FUND_TEMPLATES.find((t) => t.id === id)
}
