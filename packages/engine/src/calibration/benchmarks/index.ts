import type { BenchmarkDefinition } from '../types.ts'
import { chinaAngelExits, chinaVcExits } from './china-exits.ts'
import { financingMultiples, gainConcentration } from './financings.ts'
import { fundDispersion, jCurve, longRunAverage, rmbJCurve } from './funds.ts'
import { chinaAngelFunnel, foundingFunnel, regimeGraduation, seedFunnel } from './funnels.ts'
import { drugPipeline } from './pipeline.ts'

/** calibration.md §7 benchmarks 1–10, the Chinese exit-route mixes of §2.4 and the RMB J-curve of §3.2. */
export const CALIBRATION_BENCHMARKS: readonly BenchmarkDefinition[] = [
  financingMultiples,
  seedFunnel,
  foundingFunnel,
  regimeGraduation,
  gainConcentration,
  fundDispersion,
  jCurve,
  longRunAverage,
  drugPipeline,
  chinaAngelFunnel,
  chinaAngelExits,
  chinaVcExits,
  rmbJCurve,
]
