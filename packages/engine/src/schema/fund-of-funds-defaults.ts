/**
 * Spread of manager skill when a user turns it on. Within one vintage, Carta's US funds spread by a
 * log-sd of 0.54 (2017: median 1.76×, P90 3.52×) and 0.62 (2018: 1.38×, 3.07×) in net TVPI
 * (docs/references.md [R29], benchmark 6), 0.58 pooled; ten US reference funds on one market path
 * differ by 0.50 from the engine's own luck. What is left, √(0.58² − 0.50²) ≈ 0.31, is taken as skill
 * (docs/government.md, "Manager skill").
 */
export const DEFAULT_MANAGER_SKILL_SPREAD = 0.31
