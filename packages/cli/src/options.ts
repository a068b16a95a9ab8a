import { InvalidArgumentError, Option } from 'commander'
import { MAX_CALIBRATION_TRIALS, MIN_CALIBRATION_TRIALS } from '@pcsim/engine/info'
import type { Messages } from './messages/index.ts'

export const RUN_FORMATS = ['table', 'json', 'csv'] as const
export const VIEW_FORMATS = ['table', 'json'] as const
export type RunFormat = (typeof RUN_FORMATS)[number]
export type ViewFormat = (typeof VIEW_FORMATS)[number]

/** `--trials N`: a whole number ≥ 1 (the engine's upper limit is checked by parseConfig). */
export const parseTrials = (m: Messages) => (value: string): number => {
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(m.flags.trials)
  return n
}

/** `--seed S`: digits give an integer seed, anything else a string seed. */
export const parseSeed = (m: Messages) => (value: string): number | string => {
  if (value === '') throw new InvalidArgumentError(m.flags.seed)
  const n = Number(value)
  return /^\d+$/.test(value) && Number.isSafeInteger(n) ? n : value
}

/** `--concurrency N`: 1 to 256 threads. */
export const parseConcurrency = (m: Messages) => (value: string): number => {
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 256) throw new InvalidArgumentError(m.flags.concurrency)
  return n
}

/** `pcsim calibrate --trials N`: within the calibration report's limits. */
export const parseCalibrationTrials = (m: Messages) => (value: string): number => {
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || n < MIN_CALIBRATION_TRIALS || n > MAX_CALIBRATION_TRIALS)
    throw new InvalidArgumentError(m.flags.calibrationTrials(MIN_CALIBRATION_TRIALS, MAX_CALIBRATION_TRIALS))
  return n
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value]

export const trialsOption = (m: Messages) => new Option('--trials <n>', m.options.trials).argParser(parseTrials(m))
export const calibrationTrialsOption = (m: Messages) => new Option('--trials <n>', m.options.calibrationTrials).argParser(parseCalibrationTrials(m))
export const seedOption = (m: Messages) => new Option('--seed <seed>', m.options.seed).argParser(parseSeed(m))
export const scenarioOption = (m: Messages) => new Option('--scenario <id>', m.options.scenario).argParser(collect)
export const formatOption = (m: Messages, choices: readonly string[]) => new Option('--format <format>', m.options.format).choices(choices).default('table')
export const outOption = (m: Messages) => new Option('--out <file>', m.options.out)
export const redisOption = (m: Messages) => new Option('--redis <url>', m.options.redis)
export const concurrencyOption = (m: Messages) => new Option('--concurrency <n>', m.options.concurrency).argParser(parseConcurrency(m)).default(1)
export const queueOption = (m: Messages) => new Option('--queue <name>', m.options.queue)
