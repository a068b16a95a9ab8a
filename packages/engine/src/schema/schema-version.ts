/** Version of the config format; `migrateConfig` lifts older configs to it. Kept apart from the
 * TypeBox schema so that preset listings can name it without loading the schema builder. */
export const SCHEMA_VERSION = 3
