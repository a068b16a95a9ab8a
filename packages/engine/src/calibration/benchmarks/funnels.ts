import { CALM_MARKET } from '../../presets/market-defaults.ts'
import { RAISE } from '../../model/events.ts'
import type { CohortCompany, CohortResult } from '../../run/cohort.ts'
import { CHINA_ANGEL_PRESET, chineseMarket } from '../adapters.ts'
import { replicateEstimate } from '../estimate.ts'
import { benchmarkConfig, cohortReplicates, regimeSpells, type CohortReplicate } from '../samples.ts'
import type { BenchmarkDefinition } from '../types.ts'
import { check } from './check.ts'

const each = <V>(reps: CohortReplicate<V>[], f: (r: CohortResult) => number) => replicateEstimate(reps.map((r) => f(r.result)))

export const seedFunnel: BenchmarkDefinition = {
  id: 'b2-seed-funnel',
  title: 'Seed-cohort funnel (CB Insights)',
  source: '[R3][R4][R5]',
  method: 'seed cohort of generalist companies, calm normal market (no regimes, no factors), 9 years',
  checks: [
    check('reached-a', 'raised a second round (A)', 'share', 0.46, 0.4, 0.54, 'the three CB cohorts: 40%, 46%, 54%'),
    check('reached-c', 'raised a fourth round (C)', 'share', 0.14, 0.1, 0.18, '14% ± 4pp'),
    check('exited', 'exited by M&A or IPO', 'share', 0.215, 0.17, 0.26, '21–22% ± 4.5pp'),
    check('dead-or-zombie', 'dead or zombie (failed + stalled)', 'share', 0.75, 0.69, 0.81, '75–77% ± 6pp'),
    check('unicorns', 'reached $1bn', 'share', 0.01, 0, 0.03, 'CB ~1% at 2009 valuations; Carta 2018 cohort ~2.3% of seeded companies: at most 3%'),
  ],
  measure(size) {
    const reps = cohortReplicates(benchmarkConfig({ market: CALM_MARKET }), { sector: 'generalist', stage: 'seed', years: 9 }, size, 'calibration/b2')
    return [
      each(reps, (r) => r.reached.a),
      each(reps, (r) => r.reached.c),
      each(reps, (r) => r.acquired + r.listed),
      each(reps, (r) => r.failed + r.stalled),
      each(reps, (r) => r.unicorns),
    ]
  },
}

/** Carta counts from founding (56.4% raised a seed); the engine starts at seed, so figures are per seeded company. */
const PER_SEED = 0.564

export const foundingFunnel: BenchmarkDefinition = {
  id: 'b3-founding-funnel',
  title: 'Founding-cohort funnel (Carta 2018 class)',
  source: '[R1]',
  method:
    'seed cohort of generalist companies on a forced path: normal 0.5 y, boom 2 y (2020–21), bust 3 y (2022–24), observed 5.5 years (seed ≈1.5 y after founding); Carta figures divided by the 56.4% that raised a seed',
  checks: [
    check('reached-a', 'seeded companies that raised an A', 'share', 0.364 / PER_SEED, 0.5, 0.65, '≤64.5% (upper bound: some A companies skipped a priced seed); 50% lower edge (assumption)'),
    check('reached-b', 'seeded companies that raised a B', 'share', 0.148 / PER_SEED, 0.2, 0.32, '26.2% derived, ±6pp'),
    check('reached-c', 'seeded companies that raised a C', 'share', 0.044 / PER_SEED, 0.05, 0.11, '7.8% derived, ±3pp'),
    check('acquired', 'seeded companies acquired', 'share', 0.055 / PER_SEED, 0.05, 0.11, '≤9.8% (some acquired companies never raised a seed)'),
    check('unicorns', 'seeded companies valued at $1bn', 'share', 0.013 / PER_SEED, 0.012, 0.035, '2.3% derived, ×½ to ×1.5'),
  ],
  measure(size) {
    const market = { shocks: regimeSpells([['normal', 0.5], ['boom', 2], ['bust', 3]]) }
    const reps = cohortReplicates(benchmarkConfig({ market }), { sector: 'generalist', stage: 'seed', years: 5.5 }, size, 'calibration/b3')
    return [each(reps, (r) => r.reached.a), each(reps, (r) => r.reached.b), each(reps, (r) => r.reached.c), each(reps, (r) => r.acquired), each(reps, (r) => r.unicorns)]
  },
}

/** Median quarter (in months) of the first raise after entry, among companies that raise. */
class FirstRaise {
  months: number[] = []
  visit(c: CohortCompany): void {
    const ev = c.events
    for (let e = 0; e < ev.length; e++)
      if (ev.type[e] === RAISE) {
        this.months.push(3 * ev.quarter[e]!)
        return
      }
  }
  median(): number {
    const m = [...this.months].sort((a, b) => a - b)
    if (m.length === 0) return Number.NaN
    const h = (m.length - 1) / 2
    return (m[Math.floor(h)]! + m[Math.ceil(h)]!) / 2
  }
}

export const regimeGraduation: BenchmarkDefinition = {
  id: 'b4-regime-graduation',
  title: 'Regime sensitivity of graduation (Carta)',
  source: '[R6][R6b][R7]',
  method:
    'seed cohorts of generalist companies: share raising an A by month 24 (quarter 8), seeded one quarter before a two-year bust and seeded into a normal market; median seed→A wait of A-raisers with the market held in boom or in bust for 8 years',
  checks: [
    check('bust-24m', 'A within 24 months, seeded before a bust (Q1 2022)', 'share', 0.154, 0.12, 0.2, 'Carta 15.4% (Q1-2022), another Carta cut 13% (H1-2022): 12–20%'),
    check('normal-24m', 'A within 24 months, normal market (Q1 2018)', 'share', 0.306, 0.24, 0.36, 'Carta 30.6% (Q1-2018), another Carta cut 20–24%: 24–36%'),
    check('boom-wait', 'median seed→A wait in a boom', 'months', 14, 11, 17, 'Carta 14 months (Q4 2021), ±3 months (quarterly model)'),
    check('bust-wait', 'median seed→A wait in a bust', 'months', 25, 21, 29, 'Carta 25 months (Q4 2024), ±4 months'),
  ],
  measure(size) {
    const window = (spells: Parameters<typeof regimeSpells>[0], seed: string) =>
      cohortReplicates(benchmarkConfig({ market: { shocks: regimeSpells(spells) } }), { sector: 'generalist', stage: 'seed', years: 2.25 }, size, seed)
    const wait = (regime: 'boom' | 'bust', seed: string) =>
      replicateEstimate(
        cohortReplicates(benchmarkConfig({ market: { shocks: regimeSpells([[regime, 8]]) } }), { sector: 'generalist', stage: 'seed', years: 8 }, size, seed, () => new FirstRaise()).map(
          (r) => r.visitor.median(),
        ),
      )
    return [
      each(window([['normal', 0.25], ['bust', 2]], 'calibration/b4/bust'), (r) => r.reached.a),
      each(window([['normal', 2.25]], 'calibration/b4/normal'), (r) => r.reached.a),
      wait('boom', 'calibration/b4/boom-wait'),
      wait('bust', 'calibration/b4/bust-wait'),
    ]
  },
}

export const chinaAngelFunnel: BenchmarkDefinition = {
  id: 'b10-china-angel-funnel',
  title: 'China angel funnel (IT桔子)',
  source: '[R55]',
  method: `seed (angel) cohort of generalist companies in the Chinese market (${CHINA_ANGEL_PRESET} preset, default market), 8 years`,
  checks: [
    check('reached-next', 'reached the next round', 'share', 0.45, 0.4, 0.5, '45% ± 5pp derived'),
    check('dead', 'recorded dead', 'share', 0.31, 0.31, 0.7, '≥31% (IT桔子 under-counts deaths); ≤70% assumed'),
    check('ipo', 'listed', 'share', 0.02, 0.01, 0.03, '~2% ± 1pp'),
    check('unicorns', 'became unicorns', 'share', 0.01, 0, 0.01, 'published as an upper bound (<1%)'),
  ],
  measure(size) {
    const reps = cohortReplicates(benchmarkConfig(chineseMarket(CHINA_ANGEL_PRESET)), { sector: 'generalist', stage: 'seed', years: 8 }, size, 'calibration/b10')
    return [each(reps, (r) => r.reached.a), each(reps, (r) => r.failed), each(reps, (r) => r.listed), each(reps, (r) => r.unicorns)]
  },
}
