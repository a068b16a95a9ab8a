import type { CalibrationJson } from '@pcsim/engine'
import type { Database } from 'better-sqlite3'

/** Calibration reports kept across restarts, one per engine version and size. The table is the
 * report's own (created here if missing), so it needs no step in the numbered migrations. */
export class CalibrationStore {
  constructor(private readonly db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS calibration_reports (
      engine_version TEXT NOT NULL,
      trials INTEGER NOT NULL,
      report TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (engine_version, trials)
    )`)
  }

  get(engineVersion: string, trials: number): CalibrationJson | undefined {
    const row = this.db.prepare('SELECT report FROM calibration_reports WHERE engine_version = ? AND trials = ?').get(engineVersion, trials) as { report: string } | undefined
    return row ? (JSON.parse(row.report) as CalibrationJson) : undefined
  }

  put(engineVersion: string, trials: number, report: CalibrationJson): void {
    this.db
      .prepare('INSERT OR REPLACE INTO calibration_reports (engine_version, trials, report, created_at) VALUES (?, ?, ?, ?)')
      .run(engineVersion, trials, JSON.stringify(report), new Date().toISOString())
  }
}
