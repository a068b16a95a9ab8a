import { CALIBRATION_BENCHMARKS, calibrationJson, runCalibration, type CalibrationReport } from '@pcsim/engine'
import type { Context } from '../context.ts'
import { calibrationTable } from '../format/calibration-table.ts'
import type { ViewFormat } from '../options.ts'
import { emit } from '../output.ts'
import { createProgress } from '../progress.ts'

export interface CalibrateCommandOptions {
  trials?: number
  format: ViewFormat
  out?: string
}

/** `pcsim calibrate`: every calibration benchmark on the default model, in this thread. */
export function calibrateCommand(o: CalibrateCommandOptions, ctx: Context): void {
  const started = performance.now()
  let report: CalibrationReport | undefined
  const progress = createProgress(CALIBRATION_BENCHMARKS.length, ctx.m.progress.calibrating, ctx.m.progress.benchmarksFormat)
  try {
    report = runCalibration({ ...(o.trials !== undefined ? { trials: o.trials } : {}), onProgress: (done) => progress.update(done) })
  } finally {
    progress.stop()
  }
  const seconds = (performance.now() - started) / 1000
  emit(o.format === 'json' ? JSON.stringify(calibrationJson(report), null, 2) : calibrationTable(report, seconds, ctx.m), o.out, ctx.m)
}
