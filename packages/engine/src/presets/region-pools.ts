/**
 * Default deal pools of the Beijing–Tianjin–Hebei regions for presets with 返投 requirements
 * (docs/government.md#regional-deal-pools). ASSUMPTIONS: no published count of investable companies
 * per region and year was found. The order (Beijing deep and at market quality, Tianjin and Hebei
 * shallower and weaker) follows the regions' shares of China's venture deals and the finding that
 * local bias in guidance funds lowers outcomes (docs/government.md, [S64][S65]); "elsewhere" is the
 * whole market (no pool).
 */
export const JJJ_POOLS = {
  beijing: { dealsPerYear: 400, quality: 1 },
  tianjin: { dealsPerYear: 60, quality: 0.85 },
  hebei: { dealsPerYear: 30, quality: 0.75 },
} as const
