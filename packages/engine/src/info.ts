/**
 * `@pcsim/engine/info`: what a command can print without simulating or validating — versions, the
 * preset listing, calibration sample limits. Nothing here loads the TypeBox schema or the model, so
 * `pcsim presets`, `--help` and `--version` start fast. The main entry exports the same names.
 */
export { ENGINE_VERSION } from './version.ts'
export { SCHEMA_VERSION } from './schema/schema-version.ts'
export { listPresets, type PresetEntry } from './presets/catalogue.ts'
export { presetName } from './messages/index.ts'
export { DEFAULT_CALIBRATION_TRIALS, MAX_CALIBRATION_TRIALS, MIN_CALIBRATION_TRIALS } from './calibration/trial-limits.ts'
