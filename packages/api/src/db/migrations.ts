import type { Database } from 'better-sqlite3'

/** Numbered schema steps; each runs once, in order, inside a transaction. Append, never edit. */
export const MIGRATIONS: Array<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'runs and scenarios',
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('run', 'comparison')),
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        name TEXT,
        config TEXT NOT NULL,
        seed TEXT NOT NULL,
        trials INTEGER NOT NULL,
        total INTEGER NOT NULL,
        progress_done INTEGER NOT NULL DEFAULT 0,
        engine_version TEXT NOT NULL,
        result TEXT,
        error_code TEXT,
        error_message TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      );
      CREATE INDEX runs_kind_created ON runs (kind, created_at DESC);
      CREATE INDEX runs_status ON runs (status);
      CREATE TABLE scenarios (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        config TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX scenarios_updated ON scenarios (updated_at DESC);
    `,
  },
  {
    version: 2,
    name: 'owners and share links',
    // Rows from before keep owner NULL: in the local mode everyone sees them, with named users only admins do.
    sql: `
      ALTER TABLE runs ADD COLUMN owner TEXT;
      ALTER TABLE scenarios ADD COLUMN owner TEXT;
      ALTER TABLE scenarios ADD COLUMN share_id TEXT;
      CREATE INDEX runs_owner_kind_created ON runs (owner, kind, created_at DESC);
      CREATE INDEX scenarios_owner_updated ON scenarios (owner, updated_at DESC);
      CREATE UNIQUE INDEX scenarios_share_id ON scenarios (share_id) WHERE share_id IS NOT NULL;
    `,
  },
  {
    version: 3,
    name: 'decision and reforecast jobs',
    // SQLite cannot change a CHECK constraint: the runs table is rebuilt with the wider list of kinds.
    sql: `
      CREATE TABLE runs_v3 (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('run', 'comparison', 'sensitivity', 'solve', 'optimisation', 'reforecast')),
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        name TEXT,
        config TEXT NOT NULL,
        seed TEXT NOT NULL,
        trials INTEGER NOT NULL,
        total INTEGER NOT NULL,
        progress_done INTEGER NOT NULL DEFAULT 0,
        engine_version TEXT NOT NULL,
        result TEXT,
        error_code TEXT,
        error_message TEXT,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        owner TEXT
      );
      INSERT INTO runs_v3 (id, kind, status, name, config, seed, trials, total, progress_done, engine_version, result, error_code, error_message, created_at, started_at, finished_at, owner)
        SELECT id, kind, status, name, config, seed, trials, total, progress_done, engine_version, result, error_code, error_message, created_at, started_at, finished_at, owner FROM runs ORDER BY rowid;
      DROP TABLE runs;
      ALTER TABLE runs_v3 RENAME TO runs;
      CREATE INDEX runs_kind_created ON runs (kind, created_at DESC);
      CREATE INDEX runs_status ON runs (status);
      CREATE INDEX runs_owner_kind_created ON runs (owner, kind, created_at DESC);
    `,
  },
]

/** Applies the migrations the database has not seen yet; returns the versions applied. */
export function migrate(db: Database): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version))
  const known = Math.max(0, ...MIGRATIONS.map((m) => m.version))
  const newest = Math.max(0, ...applied)
  if (newest > known) throw new Error(`database schema version ${newest} is newer than this server knows (${known}); upgrade the server`)
  const done: number[] = []
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue
    db.transaction(() => {
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString())
    })()
    done.push(m.version)
  }
  return done
}
