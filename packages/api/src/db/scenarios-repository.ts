import type { Database } from 'better-sqlite3'

export interface ScenarioRecord {
  id: string
  name: string
  version: number
  config: unknown
  createdAt: string
  updatedAt: string
  /** The user who saved it; null in the local mode and for scenarios from before users. */
  owner: string | null
  /** The read-only link's id while the scenario is shared. */
  shareId: string | null
}

export type ScenarioListItem = Pick<ScenarioRecord, 'id' | 'name' | 'version' | 'updatedAt'>

interface Row {
  id: string
  name: string
  version: number
  config: string
  created_at: string
  updated_at: string
  owner: string | null
  share_id: string | null
}

const toRecord = (r: Row): ScenarioRecord => ({
  id: r.id,
  name: r.name,
  version: r.version,
  config: JSON.parse(r.config),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  owner: r.owner,
  shareId: r.share_id,
})

export type UpdateResult = { ok: true; scenario: ScenarioRecord } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'conflict'; currentVersion: number }

/** Saved scenarios with optimistic concurrency: an update names the version it read. */
export class ScenariosRepository {
  private readonly stmts
  constructor(db: Database) {
    this.stmts = {
      insert: db.prepare('INSERT INTO scenarios (id, name, version, config, created_at, updated_at, owner) VALUES (?, ?, 1, ?, ?, ?, ?)'),
      get: db.prepare('SELECT * FROM scenarios WHERE id = ?'),
      byShare: db.prepare('SELECT * FROM scenarios WHERE share_id = ?'),
      share: db.prepare('UPDATE scenarios SET share_id = ? WHERE id = ?'),
      list: db.prepare('SELECT id, name, version, updated_at FROM scenarios ORDER BY updated_at DESC, rowid DESC LIMIT ?'),
      listOwned: db.prepare('SELECT id, name, version, updated_at FROM scenarios WHERE owner = ? ORDER BY updated_at DESC, rowid DESC LIMIT ?'),
      update: db.prepare(
        'UPDATE scenarios SET name = COALESCE(?, name), config = COALESCE(?, config), version = version + 1, updated_at = ? WHERE id = ? AND version = ?',
      ),
      remove: db.prepare('DELETE FROM scenarios WHERE id = ?'),
    }
  }

  create(id: string, name: string, config: unknown, owner: string | null = null): ScenarioRecord {
    const at = new Date().toISOString()
    this.stmts.insert.run(id, name, JSON.stringify(config), at, at, owner)
    return { id, name, version: 1, config, createdAt: at, updatedAt: at, owner, shareId: null }
  }

  /** The scenario a read-only link points to. */
  getShared(shareId: string): ScenarioRecord | undefined {
    const row = this.stmts.byShare.get(shareId) as Row | undefined
    return row && toRecord(row)
  }

  /** Sets (a new id) or clears (null) the scenario's read-only link; false if there is no such scenario. */
  setShare(id: string, shareId: string | null): boolean {
    return this.stmts.share.run(shareId, id).changes > 0
  }

  get(id: string): ScenarioRecord | undefined {
    const row = this.stmts.get.get(id) as Row | undefined
    return row && toRecord(row)
  }

  /** Most recently updated first; only `owner`'s when given. */
  list(limit: number, owner?: string): ScenarioListItem[] {
    const rows = owner === undefined ? this.stmts.list.all(limit) : this.stmts.listOwned.all(owner, limit)
    return (rows as Array<Omit<Row, 'config' | 'created_at'>>).map((r) => ({ id: r.id, name: r.name, version: r.version, updatedAt: r.updated_at }))
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
