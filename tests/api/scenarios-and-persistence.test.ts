import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '@pcsim/engine'
import { openDatabase } from '../../packages/api/src/db/database.ts'
import { createTestApp, postRun, removeDir, waitForJob } from './helper.ts'

describe('saved scenarios', () => {
  it('creates, lists, reads, updates with optimistic versions (409 on conflict) and deletes', async () => {
    const t = await createTestApp()
    try {
      const a = t.app
      const created = await a.inject({ method: 'POST', url: '/api/scenarios', payload: { name: 'Angel 60 cheques', config: { template: 'gov-angel-fund', strategy: { reserves: { share: 0.3 } } } } })
      expect(created.statusCode).toBe(201)
      const s = created.json()
      expect(s).toMatchObject({ id: expect.any(String), name: 'Angel 60 cheques', version: 1, createdAt: expect.any(String), updatedAt: expect.any(String) })
      // stored as the parsed, complete config
      const expected = parseConfig({ template: 'gov-angel-fund', strategy: { reserves: { share: 0.3 } } })
      expect(expected.ok && s.config).toEqual(expected.ok && expected.config)
      expect((await a.inject({ url: `/api/scenarios/${s.id}` })).json()).toEqual(s)
      expect((await a.inject({ url: '/api/scenarios' })).json().items).toEqual([{ id: s.id, name: s.name, version: 1, updatedAt: s.updatedAt }])

      const renamed = await a.inject({ method: 'PUT', url: `/api/scenarios/${s.id}`, payload: { name: 'Angel v2', version: 1 } })
      expect(renamed.statusCode).toBe(200)
      expect(renamed.json()).toMatchObject({ name: 'Angel v2', version: 2, config: s.config, createdAt: s.createdAt })
      const stale = await a.inject({ method: 'PUT', url: `/api/scenarios/${s.id}`, payload: { name: 'lost update', version: 1 } })
      expect(stale.statusCode).toBe(409)
      expect(stale.json()).toMatchObject({ statusCode: 409, code: 'PCSIM_ERR_VERSION_CONFLICT', currentVersion: 2 })
      const reconfigured = await a.inject({ method: 'PUT', url: `/api/scenarios/${s.id}`, payload: { config: { run: { trials: 777 } }, version: 2 } })
      expect(reconfigured.json()).toMatchObject({ name: 'Angel v2', version: 3, config: { run: { trials: 777 } } })
      const badConfig = await a.inject({ method: 'PUT', url: `/api/scenarios/${s.id}`, payload: { config: { fund: { size: -5 } }, version: 3 } })
      expect(badConfig.statusCode).toBe(400)
      expect(badConfig.json().issues[0].path).toBe('/config/fund/size')

      expect((await a.inject({ method: 'DELETE', url: `/api/scenarios/${s.id}` })).statusCode).toBe(204)
      expect((await a.inject({ url: `/api/scenarios/${s.id}` })).statusCode).toBe(404)
      expect((await a.inject({ method: 'DELETE', url: `/api/scenarios/${s.id}` })).statusCode).toBe(404)
    } finally {
      await t.close()
      removeDir(t.dir)
    }
  })
})

describe('persistence', () => {
  it('keeps finished runs and scenarios across a restart on the same database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcsim-api-'))
    try {
      const first = await createTestApp({}, dir)
      const { id } = (await postRun(first.app, { trials: 1000, seed: 'persist' })).json()
      const before = await waitForJob(first.app, `/api/runs/${id}`)
      const scenario = (await first.app.inject({ method: 'POST', url: '/api/scenarios', payload: { name: 'kept', config: {} } })).json()
      await first.close()

      const second = await createTestApp({}, dir)
      try {
        const after = (await second.app.inject({ url: `/api/runs/${id}` })).json()
        expect(after).toEqual(before)
        expect((await second.app.inject({ url: `/api/scenarios/${scenario.id}` })).json()).toEqual(scenario)
        expect((await second.app.inject({ url: '/api/runs' })).json().items.map((r: { id: string }) => r.id)).toContain(id)
      } finally {
        await second.close()
      }
      const db = openDatabase(join(dir, 'pcsim.sqlite'))
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }])
      db.close()
    } finally {
      removeDir(dir)
    }
  })

  it('marks jobs a previous process left queued or running as failed with PCSIM_ERR_INTERRUPTED', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcsim-api-'))
    try {
      const first = await createTestApp({ PCSIM_CONCURRENT_JOBS: '1' }, dir)
      const running = (await postRun(first.app, { trials: 300_000 })).json().id
      const queued = (await postRun(first.app, { trials: 1000 })).json().id
      // simulate a crash: copy the database while both jobs are live
      const db = openDatabase(join(dir, 'pcsim.sqlite'))
      await db.backup(join(dir, 'crashed.sqlite'))
      db.close()
      await first.close()
      const second = await createTestApp({ PCSIM_DB: join(dir, 'crashed.sqlite') }, dir)
      try {
        for (const id of [running, queued]) {
          const run = (await second.app.inject({ url: `/api/runs/${id}` })).json()
          expect(run.status).toBe('failed')
          expect(run.error.code).toBe('PCSIM_ERR_INTERRUPTED')
        }
      } finally {
        await second.close()
      }
    } finally {
      removeDir(dir)
    }
  })
})
