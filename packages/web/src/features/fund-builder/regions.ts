/**
 * Company regions (Beijing–Tianjin–Hebei and the rest), in the engine's order. The engine's
 * REGION_IDS (schema/ids.ts) is not exported from @pcsim/engine, so the list is repeated here;
 * tests/web/units.test.ts checks it against the engine's JSON Schema.
 */
export const REGION_IDS = ['beijing', 'tianjin', 'hebei', 'other'] as const
export type RegionId = (typeof REGION_IDS)[number]
