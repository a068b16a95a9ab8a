import { SCHEMA_VERSION } from './config.ts'
import { booksV2ToV3 } from './migrate-books-v3.ts'

type Step = (config: Record<string, unknown>) => Record<string, unknown>
const asObject = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {})

/** v1 → v2: government terms, regions, the rolling pipeline and policy settings arrived. A v1 config
 * gets the neutral value of each, so it keeps giving exactly the numbers it gave under v1. */
const v1ToV2: Step = (c) => {
  const strategy = asObject(c.strategy)
  return {
    ...c,
    strategy: {
      ...strategy,
      regionWeights: strategy.regionWeights ?? { other: 1 },
      pipeline: { ...asObject(strategy.pipeline), enabled: false },
    },
    policy: c.policy ?? { toleratedLoss: { fund: 1, deal: 1 } },
  }
}

/** v2 → v3: the fund books' call policy, end-of-life rules and secondaries (schema/migrate-books-v3.ts).
 * The company-model fields of v3 (companies.dealTerms, market.profile, market.exits,
 * market.listingQueue, sector maxValue) are new objects a v2 config cannot hold: parseConfig fills
 * them from the config's template (a US template gets the US profile, a Chinese one the cn profile). */
const v2ToV3: Step = (c) => booksV2ToV3(c)

/** Steps that lift a saved config from version n to n + 1 (index n). */
const MIGRATIONS: Array<Step | undefined> = [undefined, v1ToV2, v2ToV3]

export type MigrationResult = { ok: true; config: Record<string, unknown> } | { ok: false; version: unknown }

/** Brings a config to the current schema version; a missing version means the current one. */
export function migrateConfig(input: Record<string, unknown>): MigrationResult {
  const version = input.schemaVersion === undefined ? SCHEMA_VERSION : input.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > SCHEMA_VERSION) return { ok: false, version }
  let config = { ...input, schemaVersion: version }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v]
    if (step) config = { ...step(config), schemaVersion: v + 1 }
  }
  return { ok: true, config }
}
