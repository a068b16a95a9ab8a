import type { Database } from 'better-sqlite3'

export interface ScenarioRecord {
  id: string
  name: string
  version: number
  config: unknown
  createdAt: string
  updatedAt: string
}

export type ScenarioListItem = Pick<ScenarioRecord, 'id' | 'name' | 'version' | 'updatedAt'>

interface Row {
  id: string
  name: string
  version: number
  config: string
  created_at: string
  updated_at: string
}

const toRecord = (r: Row): ScenarioRecord => ({
  id: r.id,
  name: r.name,
  version: r.version,
  config: JSON.parse(r.config),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export type UpdateResult = { ok: true; scenario: ScenarioRecord } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'conflict'; currentVersion: number }

/** Saved scenarios with optimistic concurrency: an update names the version it read. */
export class ScenariosRepository {
  private readonly stmts
  constructor(db: Database) {
    this.stmts = {
      insert: db.prepare('INSERT INTO scenarios (id, name, version, config, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?)'),
      get: db.prepare('SELECT * FROM scenarios WHERE id = ?'),
      list: db.prepare('SELECT id, name, version, updated_at FROM scenarios ORDER BY updated_at DESC, rowid DESC LIMIT ?'),
      update: db.prepare(
        'UPDATE scenarios SET name = COALESCE(?, name), config = COALESCE(?, config), version = version + 1, updated_at = ? WHERE id = ? AND version = ?',
      ),
      remove: db.prepare('DELETE FROM scenarios WHERE id = ?'),
    }
  }

  create(id: string, name: string, config: unknown): ScenarioRecord {
    const at = new Date().toISOString()
    this.stmts.insert.run(id, name, JSON.stringify(config), at, at)
    return { id, name, version: 1, config, createdAt: at, updatedAt: at }
  }

  get(id: string): ScenarioRecord | undefined {
    const row = this.stmts.get.get(id) as Row | undefined
    return row && toRecord(row)
  }

  list(limit: number): ScenarioListItem[] {
    return (this.stmts.list.all(limit) as Array<Omit<Row, 'config' | 'created_at'>>).map((r) => ({ id: r.id, name: r.name, version: r.version, updatedAt: r.updated_at }))
  }

  update(id: string, version: number, patch: { name?: string; config?: unknown }): UpdateResult {
    const at = new Date().toISOString()
    const config = patch.config === undefined ? null : JSON.stringify(patch.config)
    const changed = this.stmts.update.run(patch.name ?? null, config, at, id, version).changes
    const current = this.get(id)
    if (!current) return { ok: false, reason: 'not_found' }
    if (!changed) return { ok: false, reason: 'conflict', currentVersion: current.version }
    return { ok: true, scenario: current }
  }

  remove(id: string): boolean {
    return this.stmts.remove.run(id).changes > 0
  }
}
