import { SimulationConfigSchema } from './config.ts'

/** The config's JSON Schema (draft 2020-12 compatible), as the API serves it. */
export function configJsonSchema(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(SimulationConfigSchema)) as Record<string, unknown>
}
