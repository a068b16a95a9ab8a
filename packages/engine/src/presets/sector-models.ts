import type { RoundId, SectorId } from '../schema/ids.ts'
import type { RoundModel, SectorModel } from '../schema/companies.ts'

type Rounds = Record<RoundId, RoundModel>

const round = (r: RoundModel): RoundModel => r

/** Generalist (US tech) baseline, valuations in USD millions; calibration.md §6 rows noted per line. */
const GENERALIST: SectorModel = {
  rounds: {
    // rows 1-4, 12, 15, 17, 21, 23: seed→A 0.53 (row 1: 0.50, range 0.40-0.65), acquired 0.05 (range 0.05-0.12),
    // fail 0.35 (stall 0.07); both calibrated against benchmarks 2 and 3 (Carta: ≤9.8% of seeded companies acquired
    // in 5.5 y [R1]); 20 months (range 14-25, normal market); step-up 2.6 (row 17: 2.8, range 2.0-3.4); dilution 20%; post $20m (Carta 2025)
    seed: round({ next: 0.53, acquisition: 0.05, listing: 0, fail: 0.35, waitMonths: 20, failMonths: 21, waitSigma: 0.71, postMoney: 20, dilution: 0.2, stepUp: 2.6, stepUpSigma: 0.3, stallValue: 0.25 }),
    // rows 5-6, 13, 18, 21, 23: A→B 0.56 (Carta 40-55% by year 4, Q1-2020 cohort >55% [R9]; benchmark 3), acquired 0.10
    // (benchmark 3), IPO 0.005, fail 0.28; 22 months; step-up 2.2; post $45m
    a: round({ next: 0.56, acquisition: 0.1, listing: 0.005, fail: 0.28, waitMonths: 22, failMonths: 21, waitSigma: 0.7, postMoney: 45, dilution: 0.2, stepUp: 2.2, stepUpSigma: 0.3, stallValue: 0.25 }),
    // rows 7-8, 14, 19, 21: B→C 0.60 (range 0.30-0.60; CB: 14% of seeds raise a 4th round; benchmark 3), acquired 0.12,
    // IPO 0.02, fail 0.22; 18 months (row 14 range 18-32, assumption; calibrated against benchmark 7's J-curve); step-up 1.85
    b: round({ next: 0.6, acquisition: 0.12, listing: 0.02, fail: 0.22, waitMonths: 18, failMonths: 21, waitSigma: 0.7, postMoney: 125, dilution: 0.17, stepUp: 1.85, stepUpSigma: 0.3, stallValue: 0.25 }),
    // rows 9-10, 14, 20, 21: C→D 0.40, acquired 0.20, IPO 0.05, fail 0.25; 18 months (row 14 range 18-32, benchmark 7);
    // step-up 1.6 (range 1.6-1.9)
    c: round({ next: 0.4, acquisition: 0.2, listing: 0.05, fail: 0.25, waitMonths: 18, failMonths: 21, waitSigma: 0.7, postMoney: 275, dilution: 0.13, stepUp: 1.6, stepUpSigma: 0.3, stallValue: 0.25 }),
    // row 11: late/D+ acquired 0.35, IPO 0.15, fail 0.25, the rest stays private (held at 80% of its last mark,
    // assumption); 18 months to the exit (row 14 range 18-32, benchmark 7)
    late: round({ next: 0, acquisition: 0.35, listing: 0.15, fail: 0.25, waitMonths: 18, failMonths: 21, waitSigma: 0.7, postMoney: 560, dilution: 0.1, stepUp: 1, stepUpSigma: 0.3, stallValue: 0.8 }),
  },
  // row 23: seed post-money P25 $13.8m vs median $20m ⇒ σ ≈ ln(20/13.8)/0.674 ≈ 0.55
  entryValuationSigma: 0.55,
  // row 28: lognormal body with a Pareto tail above 5× (α = 1.3). Sales are wide and low (median half
  // the last post-money, σ 1.3): low-value M&A is the most common exit and is where preferences bite
  // (Liu 2021 [S17]); with 1× preferences paid first, this gives benchmark 1 (§7: 65% <1×, 10% ≥5×,
  // 4% ≥10× of financings) as about 61.5%, 8%, 4% over a full cycle (docs/model.md, "Deal terms")
  acquisition: { median: 0.5, sigma: 1.3 },
  listing: { median: 1.8, sigma: 0.7 },
  // tail probability 0.8% of exits: calibrated assumption, so that benchmark 8 (Kauffman: mean 1.3×, ~15% of funds
  // above 2× [R31]) holds with the boom step-ups of benchmark 3; benchmarks 1 and 5 keep their ≥10× share and concentration
  tail: { probability: 0.008, start: 5, alpha: 1.3, cap: 100 },
  // the largest venture-backed exits on record are ~$100bn (docs/model.md "Ceilings"; assumption):
  // no company value above it, so no fund can return hundreds of times its size
  maxValue: 100_000,
}

interface Tweaks {
  next?: number
  wait?: number
  postMoney?: number
  stepUp?: number
  dilutionAdd?: number
  listing?: number
  failAdd?: Partial<Record<RoundId, number>>
  tailAlpha?: number
  /** Multiplier on the largest company value. */
  maxValue?: number
}

/** A sector as the generalist table with multipliers; failure absorbs changes so each row sums to ≤ 1. */
function tweak(base: SectorModel, t: Tweaks): SectorModel {
  const rounds = {} as Rounds
  for (const [id, r] of Object.entries(base.rounds) as [RoundId, RoundModel][]) {
    const stall = 1 - r.next - r.acquisition - r.listing - r.fail
    let next = Math.min(0.95, r.next * (t.next ?? 1))
    const listing = r.listing * (t.listing ?? 1)
    let fail = Math.max(0, r.fail + (r.next - next) + (r.listing - listing) + (t.failAdd?.[id] ?? 0))
    let over = next + r.acquisition + listing + fail + stall - 1
    if (over > 0) {
      const cut = Math.min(next, over)
      next -= cut
      over -= cut
    }
    if (over > 0) fail = Math.max(0, fail - over)
    rounds[id] = {
      ...r,
      next,
      listing,
      fail,
      waitMonths: r.waitMonths * (t.wait ?? 1),
      failMonths: r.failMonths * (t.wait ?? 1),
      postMoney: r.postMoney * (t.postMoney ?? 1),
      stepUp: r.stepUp === 1 ? 1 : r.stepUp * (t.stepUp ?? 1),
      dilution: Math.min(0.6, r.dilution + (t.dilutionAdd ?? 0)),
    }
  }
  return { ...base, rounds, tail: { ...base.tail, alpha: t.tailAlpha ?? base.tail.alpha }, maxValue: base.maxValue * (t.maxValue ?? 1) }
}

/** A published MEAN duration as the median of a lognormal with log-space sigma σ: median = mean·e^(−σ²/2). */
const medianFromMean = (mean: number, sigma: number): number => mean * Math.exp((-sigma * sigma) / 2)

/** Biotech: stages are clinical gates (seed = preclinical, A = Phase I, B = Phase II, C = Phase III,
 * late = filing), with BIO/Informa/QLS 2021 transition rates and phase durations (rows 30-31). The
 * durations are published means, converted to the lognormal medians the model draws from. */
const BIOTECH: SectorModel = {
  ...GENERALIST,
  rounds: {
    // preclinical → Phase I: assumption (IND-enabling work), 24 months; +4pp dilution (row 22)
    seed: round({ next: 0.55, acquisition: 0.05, listing: 0, fail: 0.37, waitMonths: medianFromMean(24, 0.4), failMonths: medianFromMean(24, 0.4), waitSigma: 0.4, postMoney: 20, dilution: 0.24, stepUp: 2.5, stepUpSigma: 0.4, stallValue: 0.1 }),
    // Phase I → II 52.0%, 28 months (row 30-31)
    a: round({ next: 0.52, acquisition: 0.08, listing: 0.02, fail: 0.35, waitMonths: medianFromMean(28, 0.4), failMonths: medianFromMean(28, 0.4), waitSigma: 0.4, postMoney: 50, dilution: 0.24, stepUp: 2.4, stepUpSigma: 0.4, stallValue: 0.1 }),
    // Phase II → III 28.9%, 43 months: the binary gate
    b: round({ next: 0.289, acquisition: 0.12, listing: 0.05, fail: 0.511, waitMonths: medianFromMean(43, 0.4), failMonths: medianFromMean(43, 0.4), waitSigma: 0.4, postMoney: 140, dilution: 0.21, stepUp: 2.6, stepUpSigma: 0.4, stallValue: 0.1 }),
    // Phase III → filing 57.8%, 40 months
    c: round({ next: 0.578, acquisition: 0.12, listing: 0.05, fail: 0.232, waitMonths: medianFromMean(40, 0.4), failMonths: medianFromMean(40, 0.4), waitSigma: 0.4, postMoney: 420, dilution: 0.17, stepUp: 2.2, stepUpSigma: 0.35, stallValue: 0.1 }),
    // filing → approval 90.6%, 16 months; approved companies are sold or listed
    late: round({ next: 0, acquisition: 0.45, listing: 0.45, fail: 0.094, waitMonths: medianFromMean(16, 0.35), failMonths: medianFromMean(16, 0.35), waitSigma: 0.35, postMoney: 1100, dilution: 0.14, stepUp: 1, stepUpSigma: 0.3, stallValue: 0.5 }),
  },
  // IPO at Phase 1-2 common when the window is open (row 32); exits are binary
  listing: { median: 2.2, sigma: 0.8 },
  acquisition: { median: 1.3, sigma: 0.9 },
  // assumption: the largest biotech takeovers of venture-backed companies are tens of $bn
  maxValue: 40_000,
}

export const SECTOR_MODELS: Record<SectorId, SectorModel> = {
  generalist: GENERALIST,
  // rows 24, 26: AI seed valuations ×1.42, rounds ×0.9 faster; wider dispersion (assumption: α 1.2)
  ai: tweak(GENERALIST, { wait: 0.9, postMoney: 1.42, next: 1.05, tailAlpha: 1.2 }),
  biotech: BIOTECH,
  // row 33: device certification gate at growth (fail +0.1 at C), rows 22, 27: +3pp dilution, ×1.2 waits
  medtech: tweak(GENERALIST, { wait: 1.2, dilutionAdd: 0.03, failAdd: { c: 0.1 }, maxValue: 0.4 }), // largest exit 40% of generalist (assumption)
  // rows 22, 27 and §4.4: capital intensive (+5pp dilution, ×1.4 waits), SPAC-era late failures (+0.1 late)
  aerospace: tweak(GENERALIST, { wait: 1.4, dilutionAdd: 0.05, postMoney: 1.3, failAdd: { late: 0.1 } }),
  // row 33 and §4.5 (Lilium, Volocopter): certification gate, late failures after large raises
  low_altitude: tweak(GENERALIST, { wait: 1.4, dilutionAdd: 0.05, failAdd: { c: 0.12, late: 0.15 }, maxValue: 0.3 }), // largest exit 30% of generalist (assumption)
  // §4.2 and §8: no stage data for quantum; deep-tech defaults, slower and wider (assumption)
  quantum: tweak(GENERALIST, { wait: 1.5, next: 0.9, dilutionAdd: 0.04, tailAlpha: 1.15, maxValue: 0.3 }),
  // rows 22, 27: hardware, +3pp dilution, ×1.2 waits
  comms_6g: tweak(GENERALIST, { wait: 1.2, dilutionAdd: 0.03 }),
  // rows 22, 27, §4.2 (drones/robotics 1.2 y to market): +3pp dilution, ×1.2 waits
  robotics: tweak(GENERALIST, { wait: 1.2, dilutionAdd: 0.03 }),
  // rows 22, 27: capital intensive, ×1.3 waits, +4pp dilution
  new_energy: tweak(GENERALIST, { wait: 1.3, dilutionAdd: 0.04 }),
  // §4.2 (materials 1.8 y prototype to market, $1.21m to prototype): ×1.5 waits, +4pp dilution
  new_materials: tweak(GENERALIST, { wait: 1.5, dilutionAdd: 0.04, next: 0.95, maxValue: 0.3 }),
}
