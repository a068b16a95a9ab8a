import { assembleReport, CALIBRATION_BENCHMARKS, calibrationJson, calibrationSize, DEFAULT_CALIBRATION_TRIALS, ENGINE_VERSION, MAX_CALIBRATION_TRIALS, MIN_CALIBRATION_TRIALS, type BenchmarkResult, type CalibrationJson } from '@pcsim/engine'
import type { Database } from 'better-sqlite3'
import { Piscina } from 'piscina'
import { ConfigError } from '../config.ts'
import { workerEntry } from '../jobs/simulation-pool.ts'
import type { CalibrationTask } from '../workers/calibrate.worker.ts'
import { CalibrationStore } from './calibration-store.ts'

export type CalibrationState =
  | { status: 'done'; report: CalibrationJson }
  | { status: 'computing'; engineVersion: string; trials: number; done: number; total: number }

/** `PCSIM_CALIBRATION_TRIALS`: fund trials per fund benchmark of the served report (default 10,000). */
export function calibrationTrials(env: NodeJS.ProcessEnv): number {
  const raw = env.PCSIM_CALIBRATION_TRIALS?.trim()
  if (!raw) return DEFAULT_CALIBRATION_TRIALS
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || n < MIN_CALIBRATION_TRIALS || n > MAX_CALIBRATION_TRIALS)
    throw new ConfigError('PCSIM_CALIBRATION_TRIALS', `must be a whole number from ${MIN_CALIBRATION_TRIALS} to ${MAX_CALIBRATION_TRIALS}`)
  return n
}

/**
 * The calibration report of this engine version, computed once: from memory, else from the
 * database, else on its own worker thread, one benchmark at a time (never on the event loop, and
 * beside the simulation pool rather than inside it). A failed computation is retried on the next request.
 */
export class CalibrationService {
  private readonly store: CalibrationStore
  private pool: Piscina | undefined
  private report: CalibrationJson | undefined
  private computing: Promise<void> | undefined
  private done = 0
  private closed = false

  constructor(
    db: Database,
    readonly trials: number,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    calibrationSize(trials)
    this.store = new CalibrationStore(db)
  }

  state(): CalibrationState {
    this.report ??= this.store.get(ENGINE_VERSION, this.trials)
    if (this.report) return { status: 'done', report: this.report }
    if (!this.closed) this.computing ??= this.compute()
    return { status: 'computing', engineVersion: ENGINE_VERSION, trials: this.trials, done: this.done, total: CALIBRATION_BENCHMARKS.length }
  }

  /** Resolves when the running computation (if any) ends; for tests and shutdown. */
  async settled(): Promise<void> {
    await this.computing
  }

  private async compute(): Promise<void> {
    try {
      const { filename, execArgv } = workerEntry('calibrate')
      this.pool ??= new Piscina({ filename, execArgv, minThreads: 0, maxThreads: 1, idleTimeout: 10_000 })
      const rows: BenchmarkResult[] = []
      this.done = 0
      for (const def of CALIBRATION_BENCHMARKS) {
        const task: CalibrationTask = { id: def.id, trials: this.trials }
        rows.push((await this.pool.run(task)) as BenchmarkResult)
        this.done++
      }
      const report = calibrationJson(assembleReport(calibrationSize(this.trials), rows))
      if (this.closed) return
      this.store.put(ENGINE_VERSION, this.trials, report)
      this.report = report
    } catch (error) {
      if (!this.closed) this.onError(error)
    } finally {
      this.computing = undefined
    }
  }

  async close(): Promise<void> {
    this.closed = true
    await this.pool?.destroy()
    await this.computing?.catch(() => undefined)
  }
}
