import { calibrationSize, findBenchmark, runBenchmark, type BenchmarkResult } from '@pcsim/engine'

export interface CalibrationTask {
  id: string
  trials: number
}

/** Piscina task entry of the calibration thread: one benchmark's row. */
export default function calibrate(task: CalibrationTask): BenchmarkResult {
  const def = findBenchmark(task.id)
  if (!def) throw new Error(`unknown calibration benchmark ${task.id}`)
  return runBenchmark(def, calibrationSize(task.trials))
}
