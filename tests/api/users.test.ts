import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../packages/api/src/config.ts'
import { openDatabase } from '../../packages/api/src/db/database.ts'
type Database = ReturnType<typeof openDatabase>
import { MIGRATIONS } from '../../packages/api/src/db/migrations.ts'
import { hashToken, tokenMatches } from '../../packages/api/src/users/token-hash.ts'
import { newToken } from '../../packages/api/src/users/users.ts'
import { createTestApp, removeDir, type TestApp } from './helper.ts'

/** better-sqlite3 as the API package resolves it (it is not a dependency of the tests' root). */
const BetterSqlite3 = createRequire(resolve(import.meta.dirname, '../../packages/api/package.json'))('better-sqlite3') as new (path: string) => Database

const TOKENS = { alice: newToken('alice'), bob: newToken('bob'), root: newToken('root') }
const auth = (name: keyof typeof TOKENS) => ({ authorization: `Bearer ${TOKENS[name]}`, 'content-type': 'application/json' })
const CONFIG = { template: 'us-vc-10y', strategy: { reserves: { share: 0.3 } } }

async function usersFile(dir: string): Promise<string> {
  const path = join(dir, 'users.json')
  const users = [
    { name: 'alice', role: 'user', tokenHash: await hashToken(TOKENS.alice) },
    { name: 'bob', role: 'user', tokenHash: await hashToken(TOKENS.bob) },
    { name: 'root', role: 'admin', tokenHash: await hashToken(TOKENS.root) },
  ]
  writeFileSync(path, JSON.stringify({ users }, null, 2))
  return path
}

describe('token hashes', () => {
  it('stores scrypt hashes with a salt of their own, never the token', async () => {
    const token = newToken('alice')
    const [a, b] = [await hashToken(token), await hashToken(token)]
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/)
    expect(a).not.toBe(b)
    expect(a).not.toContain(token.split('.')[1])
    expect(await tokenMatches(token, a)).toBe(true)
    expect(await tokenMatches(`${token}x`, a)).toBe(false)
    expect(await tokenMatches(newToken('alice'), a)).toBe(false)
  })

  it('checks the users file at start, naming the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcsim-users-'))
    try {
      const write = (users: unknown) => {
        writeFileSync(join(dir, 'u.json'), JSON.stringify({ users }))
        return { PCSIM_USERS_FILE: join(dir, 'u.json') }
      }
      const hash = await hashToken(TOKENS.alice)
      expect(() => loadConfig({ PCSIM_USERS_FILE: join(dir, 'missing.json') })).toThrow(/PCSIM_USERS_FILE: cannot read/)
      expect(() => loadConfig(write([{ name: 'alice', role: 'user', token: TOKENS.alice }]))).toThrow(/PCSIM_USERS_FILE: users\[0\]: unknown field "token"/)
      expect(() => loadConfig(write([{ name: 'alice', role: 'user', tokenHash: 'sha1$abc' }]))).toThrow(/users\[0\]\.tokenHash is not/)
      expect(() => loadConfig(write([{ name: 'alice', role: 'user', tokenHash: hash.replace('$16384$', '$1024$') }]))).toThrow(/below N=16384/)
      expect(() => loadConfig(write([{ name: 'Alice!', role: 'user', tokenHash: hash }]))).toThrow(/users\[0\]\.name/)
      expect(() => loadConfig(write([{ name: 'alice', role: 'owner', tokenHash: hash }]))).toThrow(/users\[0\]\.role/)
      expect(() => loadConfig(write([{ name: 'alice', role: 'user', tokenHash: hash }, { name: 'alice', role: 'admin', tokenHash: hash }]))).toThrow(/listed twice/)
      expect(() => loadConfig(write([]))).toThrow(/at least one user/)
      expect(() => loadConfig({ ...write([{ name: 'alice', role: 'user', tokenHash: hash }]), PCSIM_API_TOKEN: 'a-shared-token-0123456789' })).toThrow(/not both/)
      expect(loadConfig(write([{ name: 'alice', role: 'user', tokenHash: hash }])).users?.size).toBe(1)
    } finally {
      removeDir(dir)
    }
  })
})

describe('named users', () => {
  let t: TestApp
  let file: string
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcsim-api-'))
    file = await usersFile(dir)
    t = await createTestApp({ PCSIM_USERS_FILE: file, PCSIM_RATE_LIMIT: '100000', PCSIM_RATE_LIMIT_JOBS: '100000', PCSIM_MAX_TRIALS: '5000' }, dir)
  })
  afterAll(async () => {
    await t.close()
    removeDir(t.dir)
  })

  const inject = (name: keyof typeof TOKENS | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: name ? auth(name) : { 'content-type': 'application/json' }, ...(payload !== undefined && { payload: JSON.stringify(payload) }) })

  it('needs a user\'s token for saved work and jobs, not for health, catalogues or docs', async () => {
    for (const url of ['/api/runs', '/api/comparisons', '/api/scenarios', '/api/me']) {
      const res = await inject(null, 'GET', url)
      expect(res.statusCode, url).toBe(401)
      expect(res.json().code).toBe('PCSIM_ERR_UNAUTHORIZED')
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/)
    }
    expect((await inject(null, 'POST', '/api/runs', { trials: 100 })).statusCode).toBe(401)
    for (const url of ['/api/health', '/api/presets', '/api/presets/funds/us-vc-10y', '/api/schema', '/api/openapi.json', '/api/docs/'])
      expect((await inject(null, 'GET', url)).statusCode, url).toBe(200)
    expect((await inject(null, 'GET', '/api/nothing')).statusCode).toBe(404)
    const wrong = await t.app.inject({ url: '/api/runs', headers: { authorization: `Bearer ${TOKENS.alice}x` } })
    expect(wrong.statusCode).toBe(401)
    const stranger = await t.app.inject({ url: '/api/runs', headers: { authorization: `Bearer ${newToken('mallory')}` } })
    expect(stranger.statusCode).toBe(401)
    // a token names its user: bob's secret under alice's name is not alice's token
    const swapped = await t.app.inject({ url: '/api/runs', headers: { authorization: `Bearer alice.${TOKENS.bob.split('.')[1]}` } })
    expect(swapped.statusCode).toBe(401)
    expect((await inject('alice', 'GET', '/api/me')).json()).toEqual({ mode: 'users', user: { name: 'alice', role: 'user' } })
    expect((await inject('root', 'GET', '/api/me')).json()).toEqual({ mode: 'users', user: { name: 'root', role: 'admin' } })
  })

  it('shows each user their own scenarios; an admin sees and changes all', async () => {
    const mine = await inject('alice', 'POST', '/api/scenarios', { name: 'alice 30%', config: CONFIG })
    expect(mine.statusCode).toBe(201)
    const a = mine.json()
    expect(a).toMatchObject({ owner: 'alice', shareId: null })
    const b = (await inject('bob', 'POST', '/api/scenarios', { name: 'bob base', config: {} })).json()
    const names = async (who: keyof typeof TOKENS) => (await inject(who, 'GET', '/api/scenarios')).json().items.map((s: { name: string }) => s.name)
    expect(await names('alice')).toEqual(['alice 30%'])
    expect(await names('bob')).toEqual(['bob base'])
    expect(await names('root')).toEqual(['bob base', 'alice 30%'])
    // another user's scenario does not exist for bob: read, change, delete and share all answer 404
    expect((await inject('bob', 'GET', `/api/scenarios/${a.id}`)).json().code).toBe('PCSIM_ERR_SCENARIO_NOT_FOUND')
    expect((await inject('bob', 'PUT', `/api/scenarios/${a.id}`, { name: 'mine now', version: 1 })).statusCode).toBe(404)
    expect((await inject('bob', 'DELETE', `/api/scenarios/${a.id}`)).statusCode).toBe(404)
    expect((await inject('bob', 'POST', `/api/scenarios/${a.id}/share`)).statusCode).toBe(404)
    expect((await inject('alice', 'GET', `/api/scenarios/${a.id}`)).json().name).toBe('alice 30%')
    // the admin may change anyone's; the owner stays
    const changed = await inject('root', 'PUT', `/api/scenarios/${b.id}`, { name: 'bob base (checked)', version: 1 })
    expect(changed.json()).toMatchObject({ name: 'bob base (checked)', version: 2, owner: 'bob' })
    expect((await inject('root', 'DELETE', `/api/scenarios/${b.id}`)).statusCode).toBe(204)
    expect(await names('bob')).toEqual([])
  })

  it('shares a scenario read-only by an unguessable link, until it is unshared', async () => {
    const s = (await inject('alice', 'POST', '/api/scenarios', { name: 'to share', config: CONFIG })).json()
    const shared = await inject('alice', 'POST', `/api/scenarios/${s.id}/share`)
    expect(shared.statusCode).toBe(201)
    const { shareId, url } = shared.json()
    expect(shareId).toMatch(/^[\w-]{32}$/) // 24 random bytes
    expect(url).toBe(`/api/shared/scenarios/${shareId}`)
    expect((await inject('alice', 'GET', `/api/scenarios/${s.id}`)).json().shareId).toBe(shareId)
    // anyone with the link, signed in or not, reads it; nothing says whose it is
    const viaLink = await t.app.inject({ url })
    expect(viaLink.statusCode).toBe(200)
    expect(viaLink.json()).toEqual({ name: 'to share', version: 1, config: s.config, createdAt: s.createdAt, updatedAt: s.updatedAt })
    expect((await t.app.inject({ url, headers: { authorization: `Bearer ${TOKENS.bob}` } })).statusCode).toBe(200)
    // the link is read-only: the scenario routes still know bob as a stranger
    expect((await inject('bob', 'PUT', `/api/scenarios/${s.id}`, { name: 'x', version: 1 })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'PUT', url, headers: { 'content-type': 'application/json' }, payload: '{}' })).statusCode).toBe(404)
    // a new link replaces the old one; unsharing ends it
    const again = (await inject('alice', 'POST', `/api/scenarios/${s.id}/share`)).json()
    expect(again.shareId).not.toBe(shareId)
    expect((await t.app.inject({ url })).statusCode).toBe(404)
    expect((await inject('alice', 'DELETE', `/api/scenarios/${s.id}/share`)).statusCode).toBe(204)
    expect((await t.app.inject({ url: again.url })).json().code).toBe('PCSIM_ERR_SCENARIO_NOT_FOUND')
  })

  it('keeps runs and comparisons to their owner (and the admin); the event stream needs only the id', async () => {
    const run = await inject('alice', 'POST', '/api/runs', { trials: 500, seed: 1 })
    expect(run.statusCode).toBe(202)
    const { id } = run.json()
    const done = await waitForJobAs(t, `/api/runs/${id}`, TOKENS.alice)
    expect(done).toMatchObject({ status: 'done', owner: 'alice' })
    expect((await inject('bob', 'GET', `/api/runs/${id}`)).json().code).toBe('PCSIM_ERR_RUN_NOT_FOUND')
    expect((await inject('bob', 'GET', `/api/runs/${id}/export?format=csv`)).statusCode).toBe(404)
    expect((await inject('bob', 'DELETE', `/api/runs/${id}`)).statusCode).toBe(404)
    expect((await inject('bob', 'GET', '/api/runs')).json().items).toEqual([])
    expect((await inject('alice', 'GET', '/api/runs')).json().items.map((r: { id: string }) => r.id)).toEqual([id])
    expect((await inject('root', 'GET', `/api/runs/${id}`)).json().owner).toBe('alice')
    const comparison = (await inject('bob', 'POST', '/api/comparisons', { items: [{}, { preset: 'gov-angel-fund' }], trials: 200 })).json()
    expect((await inject('alice', 'GET', `/api/comparisons/${comparison.id}`)).statusCode).toBe(404)
    expect((await inject('root', 'GET', '/api/comparisons')).json().items.map((c: { id: string }) => c.id)).toEqual([comparison.id])
    const events = await t.app.inject({ url: `/api/runs/${id}/events` })
    expect(events.statusCode).toBe(200)
    expect(events.body).toContain('event: done')
  })

  it('keeps decision jobs to their owner too', async () => {
    const solve = await inject('alice', 'POST', '/api/solves', { preset: 'us-vc-10y', trials: 200, seed: 2, lever: 'exitValue', target: 'p50(netTvpi) = 1.4', range: '0.5:2' })
    expect(solve.statusCode).toBe(202)
    const { id } = solve.json()
    expect(await waitForJobAs(t, `/api/solves/${id}`, TOKENS.alice)).toMatchObject({ kind: 'solve', status: 'done', owner: 'alice' })
    expect((await inject('bob', 'GET', `/api/solves/${id}`)).statusCode).toBe(404)
    expect((await inject('bob', 'DELETE', `/api/solves/${id}`)).statusCode).toBe(404)
    expect((await inject('bob', 'GET', '/api/solves')).json().items).toEqual([])
    expect((await inject('root', 'GET', '/api/solves')).json().items.map((j: { id: string }) => j.id)).toContain(id)
  })

  it('keeps no token in plain text: not in the users file, not in the database', async () => {
    const db = [t.dbPath, `${t.dbPath}-wal`].filter(existsSync).map((p) => readFileSync(p).toString('latin1'))
    const stored = readFileSync(file, 'utf8') + db.join('')
    for (const token of Object.values(TOKENS)) expect(stored).not.toContain(token.split('.')[1])
  })
})

/** Polls a job with a user's token until it ends. */
async function waitForJobAs(t: TestApp, path: string, token: string): Promise<Record<string, any>> {
  for (let i = 0; i < 1200; i++) {
    const body = (await t.app.inject({ url: path, headers: { authorization: `Bearer ${token}` } })).json()
    if (['done', 'failed', 'cancelled'].includes(body.status)) return body
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`job ${path} did not end`)
}

describe('migration to owners', () => {
  it('keeps the data of a version-1 database; its rows have no owner: everyone sees them locally, only admins with users', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcsim-api-'))
    try {
      const dbPath = join(dir, 'pcsim.sqlite')
      const old = new BetterSqlite3(dbPath)
      old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
      old.exec(MIGRATIONS[0]!.sql)
      old.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run(MIGRATIONS[0]!.name, '2026-01-01T00:00:00.000Z')
      old.prepare("INSERT INTO scenarios VALUES ('old-s', 'from before', 3, '{}', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')").run()
      old.prepare(
        "INSERT INTO runs (id, kind, status, name, config, seed, trials, total, progress_done, engine_version, created_at) VALUES ('old-r', 'run', 'cancelled', 'old run', '{}', '7', 100, 100, 40, '0.9.0', '2026-01-01T00:00:00.000Z')",
      ).run()
      old.close()

      const local = await createTestApp({}, dir)
      try {
        expect((await local.app.inject({ url: '/api/scenarios/old-s' })).json()).toMatchObject({ name: 'from before', version: 3, owner: null, shareId: null })
        expect((await local.app.inject({ url: '/api/runs/old-r' })).json()).toMatchObject({ name: 'old run', status: 'cancelled', owner: null, progress: { done: 40, total: 100 } })
        expect((await local.app.inject({ url: '/api/me' })).json()).toEqual({ mode: 'local', user: null })
      } finally {
        await local.close()
      }
      const db = openDatabase(dbPath)
      expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }])
      db.close()

      const users = await createTestApp({ PCSIM_USERS_FILE: await usersFile(dir) }, dir)
      try {
        expect((await users.app.inject({ url: '/api/scenarios/old-s', headers: auth('alice') })).statusCode).toBe(404)
        expect((await users.app.inject({ url: '/api/scenarios/old-s', headers: auth('root') })).statusCode).toBe(200)
        expect((await users.app.inject({ url: '/api/runs', headers: auth('root') })).json().items.map((r: { id: string }) => r.id)).toEqual(['old-r'])
      } finally {
        await users.close()
      }
    } finally {
      removeDir(dir)
    }
  })
})
