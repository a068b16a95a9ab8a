/// <reference lib="webworker" />
import { calibrationJson, runCalibration } from '@pcsim/engine'

/** Computes the calibration report in the browser when no server answers. */
self.onmessage = (e: MessageEvent<{ trials: number }>) => {
  try {
    const report = runCalibration({ trials: e.data.trials, onProgress: (done, total) => self.postMessage({ kind: 'progress', done, total }) })
    self.postMessage({ kind: 'done', report: calibrationJson(report) })
  } catch (error) {
    self.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) })
  }
}
