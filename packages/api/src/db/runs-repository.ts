import type { Database } from 'better-sqlite3'

export const JOB_KINDS = ['run', 'comparison', 'sensitivity', 'solve', 'optimisation', 'reforecast'] as const
export type JobKind = (typeof JOB_KINDS)[number]
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'
export const TERMINAL: ReadonlySet<JobStatus> = new Set(['done', 'failed', 'cancelled'])

export interface JobRecord {
  id: string
  kind: JobKind
  status: JobStatus
  name: string | null
  config: unknown
  seed: string | number
  trials: number
  total: number
  progressDone: number
  engineVersion: string
  result: unknown
  error: { code: string; message: string } | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  /** The user who submitted it; null in the local mode and for jobs from before users. */
  owner: string | null
}

export type JobListItem = Pick<JobRecord, 'id' | 'status' | 'name' | 'trials' | 'seed' | 'createdAt' | 'finishedAt'>

interface Row {
  id: string
  kind: JobKind
  status: JobStatus
  name: string | null
  config: string
  seed: string
  trials: number
  total: number
  progress_done: number
  engine_version: string
  result: string | null
  error_code: string | null
  error_message: string | null
  created_at: string
  started_at: string | null
  finished_at: string | null
  owner: string | null
}

const toRecord = (r: Row, withBodies: boolean): JobRecord => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  name: r.name,
  config: withBodies ? JSON.parse(r.config) : undefined,
  seed: JSON.parse(r.seed) as string | number,
  trials: r.trials,
  total: r.total,
  progressDone: r.progress_done,
  engineVersion: r.engine_version,
  result: withBodies && r.result !== null ? JSON.parse(r.result) : undefined,
  error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  owner: r.owner,
})

const now = () => new Date().toISOString()
const LIST_COLUMNS = "id, kind, status, name, seed, trials, total, progress_done, engine_version, created_at, started_at, finished_at, error_code, error_message, owner, '{}' AS config, NULL AS result"

/** Every job (runs, comparisons, decision tools, reforecasts: one table, `kind` tells them apart). All writes are single statements. */
export class RunsRepository {
  private readonly stmts
  constructor(db: Database) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO runs (id, kind, status, name, config, seed, trials, total, engine_version, created_at, owner)
         VALUES (@id, @kind, 'queued', @name, @config, @seed, @trials, @total, @engineVersion, @createdAt, @owner)`,
      ),
      get: db.prepare('SELECT * FROM runs WHERE id = ? AND kind = ?'),
      list: db.prepare(
        `SELECT ${LIST_COLUMNS} FROM runs WHERE kind = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
      ),
      listOwned: db.prepare(
        `SELECT ${LIST_COLUMNS} FROM runs WHERE kind = ? AND owner = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
      ),
      start: db.prepare("UPDATE runs SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'"),
      finish: db.prepare(
        "UPDATE runs SET status = 'done', result = ?, progress_done = total, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')",
      ),
      end: db.prepare(
        "UPDATE runs SET status = ?, error_code = ?, error_message = ?, progress_done = ?, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')",
      ),
      progress: db.prepare("UPDATE runs SET progress_done = ? WHERE id = ? AND status = 'running'"),
      interruptAll: db.prepare(
        "UPDATE runs SET status = 'failed', error_code = 'PCSIM_ERR_INTERRUPTED', error_message = ?, finished_at = ? WHERE status IN ('queued', 'running')",
      ),
    }
  }

  insert(job: { id: string; kind: JobKind; name: string | null; config: unknown; seed: string | number; trials: number; total: number; engineVersion: string; owner?: string | null }): string {
    const createdAt = now()
    this.stmts.insert.run({ ...job, owner: job.owner ?? null, config: JSON.stringify(job.config), seed: JSON.stringify(job.seed), createdAt })
    return createdAt
  }

  get(id: string, kind: JobKind): JobRecord | undefined {
    const row = this.stmts.get.get(id, kind) as Row | undefined
    return row && toRecord(row, true)
  }

  /** Most recent first; only `owner`'s when given. */
  list(kind: JobKind, limit: number, owner?: string): JobListItem[] {
    const rows = (owner === undefined ? this.stmts.list.all(kind, limit) : this.stmts.listOwned.all(kind, owner, limit)) as Row[]
    return rows.map((r) => {
      const { id, status, name, trials, seed, createdAt, finishedAt } = toRecord(r, false)
      return { id, status, name, trials, seed, createdAt, finishedAt }
    })
  }

  markRunning(id: string): string {
    const at = now()
    this.stmts.start.run(at, id)
    return at
  }

  markDone(id: string, result: unknown): string {
    const at = now()
    this.stmts.finish.run(JSON.stringify(result), at, id)
    return at
  }

  /** Records how many trials of a running job are done (kept if the process dies). */
  saveProgress(id: string, done: number): void {
    this.stmts.progress.run(done, id)
  }

  /** Moves a live job to failed or cancelled; returns false if it had already ended. */
  markEnded(id: string, status: 'failed' | 'cancelled', error: { code: string; message: string } | null, progressDone: number): boolean {
    return this.stmts.end.run(status, error?.code ?? null, error?.message ?? null, progressDone, now(), id).changes > 0
  }

  /** At start-up: jobs a previous process left queued or running can no longer finish. */
  interruptLeftovers(): number {
    return this.stmts.interruptAll.run('The server stopped before this job finished; submit it again.', now()).changes
  }
}
