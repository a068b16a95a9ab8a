import type { ExitRoutes } from '../schema/market.ts'

/** US exits: trade sales and IPOs, a 180-day lock-up, no sell-down cap, no buy-backs (docs/model.md "Market profiles"). */
export const US_EXITS: ExitRoutes = {
  listingMultiplier: 1,
  acquisitionMultiplier: 1,
  // US secondary sales of a fund's stake are rare as exit routes (calibration.md §2.4: M&A 75-80% of exits)
  transferShare: 0,
  transferDiscount: 0.2,
  // standard 180-day underwriter lock-up, then free to sell
  lockUpQuarters: 2,
  sellDown: { under36: 1, under48: 1, under60: 1, over60: 1 },
  // a US fund's listings are on US exchanges; selling part of a stake at later rounds is not modelled for US funds
  overseasListings: { share: 0, lockUpQuarters: 2 },
  oldShareSales: { probability: 0, fromMultiple: 2, fraction: 0.3, discount: 0.15 },
  buyBack: { enabled: false, triggerYears: 5, rate: 0.08, recovery: 0.5 },
}

/** Chinese exits: A-share/HK listings with STAR/ChiNext/main-board lock-ups and the VC reverse-linkage
 * sell-down caps, share transfers, and redemption rights (deal-terms sources [S39]-[S50], calibration.md §2.4). */
export const CN_EXITS: ExitRoutes = {
  // 清科 2020: IPO 59.4% of VC-market exit cases, 18.6% of angel-market cases [R54]. One multiplier
  // cannot give both (×6 gives 41% and 27%): the presets use CN_ANGEL_EXITS or CN_VC_EXITS below
  listingMultiplier: 6,
  // M&A is 6-8.5% of Chinese exits [S49][R54]
  acquisitionMultiplier: 1,
  // share transfers 19.9% (VC) / 47.5% (angel) of exit cases, against M&A ~6-8.5% [R54][S49]
  transferShare: 0.75,
  // assumption: transfers price at a 20% discount to the last round (no Chinese figure found)
  transferDiscount: 0.2,
  // pre-IPO holders locked 12 months on STAR, ChiNext and the main board [S39]
  lockUpQuarters: 4,
  // reverse linkage (CSRC 2020 No. 17) [S41]: 1% per period by auction + 2% by block trade, the period
  // 3, 2, 1 months by investment age at listing (<36, 36-48, 48-60 months), no cap from 60 months
  sellDown: { under36: 0.03, under48: 0.045, under60: 0.09, over60: 1 },
  // Zero2IPO 2023: IPOs ~54% of exits, overseas IPOs 19.6% [S50]: ~36% of listings are abroad (mostly Hong Kong).
  // assumption: pre-IPO investors there agree a 6-month lock-up, and no reverse-linkage sell-down cap applies
  overseasListings: { share: 0.36, lockUpQuarters: 2 },
  // calibrated assumption (rmb-j-curve): at an up round the fund sells part of its stake to the new investors
  // (老股转让); no survey of how often was found, so probability, fraction and discount are tuned to 投中's J-curve [R36]
  oldShareSales: { probability: 0.6, fromMultiple: 2, fraction: 0.3, discount: 0.15 },
  // >80% of deals carry redemption rights [S46]; Hujiang: cost + 10% a year if no IPO by a date [S45];
  // trigger 5 years and 8% a year are assumptions (a typical range was NOT FOUND); investors win >80%
  // of suits but full recovery is rare [S47]: recovery probability 0.4 (assumption, tuned so buy-backs
  // are ~13% of VC-market exits as in 清科 2020 [R54]; the angel market's is in CN_ANGEL_EXITS)
  buyBack: { enabled: true, triggerYears: 5, rate: 0.08, recovery: 0.4 },
}

/** Angel-market exits (清科 2020 early-stage market [R54]: IPO 18.6%, share transfers 47.5%, buy-backs 21.7% of
 * exit cases): the same rules, fewer listings and more transfers, as angel investors mostly sell their stakes to later
 * investors before a listing. */
export const CN_ANGEL_EXITS: ExitRoutes = {
  ...CN_EXITS,
  // calibrated assumption (cn-angel-exit-routes and benchmark 10: ~2% of angel-backed companies list [R55])
  listingMultiplier: 1.8,
  // calibrated assumption (cn-angel-exit-routes): transfers 47.5% of exit cases against M&A ~8% [R54]
  transferShare: 0.85,
  // calibrated assumption (cn-angel-exit-routes and benchmark 10): with ~2% listing [R55] and IPOs 18.6% of exit
  // cases [R54], exits are ~11% of an angel cohort, so sales are rarer than in the US
  acquisitionMultiplier: 0.6,
  // calibrated assumption (cn-angel-exit-routes: buy-backs 21.7% of angel exit cases [R54]); angel holders enforce
  // redemption less often than VC holders (assumption)
  buyBack: { ...CN_EXITS.buyBack, recovery: 0.15 },
}

/** VC-market exits (清科 2020 VC market [R54]: IPO 59.4%, share transfers 19.9%, buy-backs 13.1% of exit cases). */
export const CN_VC_EXITS: ExitRoutes = {
  ...CN_EXITS,
  // calibrated assumption (cn-vc-exit-routes: IPO 59.4% of VC-market exit cases [R54])
  listingMultiplier: 9,
  // calibrated assumption (cn-vc-exit-routes): trade sales and transfers together ~28% of VC exit cases [R54][S49]
  acquisitionMultiplier: 0.7,
  // calibrated assumption (cn-vc-exit-routes): transfers 19.9% against M&A ~8% [R54][S49]
  transferShare: 0.7,
}

/** Exits a config gets from `market.profile` alone; `cn` is the VC market. */
export const PROFILE_EXITS: Record<string, ExitRoutes> = { us: US_EXITS, cn: CN_VC_EXITS }
