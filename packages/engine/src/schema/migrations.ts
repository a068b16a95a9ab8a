import { SCHEMA_VERSION } from './config.ts'

/** Steps that lift a saved config from version n to n + 1 (index n). Version 1 is the first. */
const MIGRATIONS: Array<(config: Record<string, unknown>) => Record<string, unknown>> = []

export type MigrationResult = { ok: true; config: Record<string, unknown> } | { ok: false; version: unknown }

/** Brings a config to the current schema version; a missing version means the current one. */
export function migrateConfig(input: Record<string, unknown>): MigrationResult {
  const version = input.schemaVersion ?? SCHEMA_VERSION
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > SCHEMA_VERSION) return { ok: false, version }
  let config = { ...input, schemaVersion: version }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v]
    if (step) config = { ...step(config), schemaVersion: v + 1 }
  }
  return { ok: true, config }
}
