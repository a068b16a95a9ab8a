import { DecideError, type RunTrials } from '@pcsim/engine/decide'
import { trialsOn } from '@pcsim/runner'
import { UserInputError } from './issues.ts'
import type { Progress } from './progress.ts'
import { withExecutor } from './simulate.ts'

/**
 * Runs a decision tool on the executor the environment chooses (as `pcsim run` does), with Ctrl-C
 * cancelling it; a problem with the request (expression, lever, range, space) becomes a user-input
 * error naming where it is.
 */
export async function onExecutor<T>(trials: number, progress: Progress, work: (run: RunTrials, signal: AbortSignal, onProgress: (done: number) => void) => Promise<T>): Promise<T> {
  try {
    return await withExecutor(trials, (executor, signal) => work(trialsOn(executor), signal, (done) => progress.update(done)))
  } catch (error) {
    throw asInputError(error)
  } finally {
    progress.stop()
  }
}

export function asInputError(error: unknown): unknown {
  if (!(error instanceof DecideError)) return error
  return new UserInputError(error.where, [{ path: error.where, code: error.code, message: error.text }])
}

/** Runs `f`, turning a DecideError it throws (while checking the request) into a user-input error. */
export function checked<T>(f: () => T): T {
  try {
    return f()
  } catch (error) {
    throw asInputError(error)
  }
}
