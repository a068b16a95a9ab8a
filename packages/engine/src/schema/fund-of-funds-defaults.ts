/**
 * Spread of manager skill when a user turns it on: the log-sd of fund net TVPI within one vintage,
 * 0.54 (Carta Q3 2025, 2017 vintage: median 1.76×, P90 3.52×; docs/references.md [R29], benchmark 6),
 * less the 0.38 the engine's own luck gives ten US reference funds on one market path:
 * √(0.54² − 0.38²) ≈ 0.39 (docs/government.md, "Manager skill").
 */
export const DEFAULT_MANAGER_SKILL_SPREAD = 0.39
