import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/** Every source tag in presets, code and docs resolves in docs/references.md; no link leaves the repo. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const references = readFileSync(join(ROOT, 'docs/references.md'), 'utf8')
const anchors = new Set([...references.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!))

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...files(p, ext))
    else if (ext.test(name)) out.push(p)
  }
  return out
}

const SOURCES = [...files(join(ROOT, 'packages'), /\.(ts|tsx)$/), ...files(join(ROOT, 'docs'), /\.md$/), join(ROOT, 'README.md')]
const TAG = /\[([RSG]\d+[a-z]?)\]/g

/** Tags cited per file, e.g. [R20], [S14], [G4]. */
const cited = SOURCES.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(TAG)].map((m) => ({ file: relative(ROOT, f), tag: m[1]! })))

/** "row 12", "rows 1-4, 12, 15", "rows 30-31" in the presets: the default-parameter table. */
function rowNumbers(text: string): number[] {
  const out: number[] = []
  for (const m of text.matchAll(/\brows? (\d+(?:\s*[-–]\s*\d+)?(?:,\s*\d+(?:\s*[-–]\s*\d+)?)*)/g))
    for (const part of m[1]!.split(',')) {
      const [a, b] = part.split(/[-–]/).map((x) => Number(x.trim()))
      for (let n = a!; n <= (b ?? a!); n++) out.push(n)
    }
  return out
}

describe('source tags resolve in docs/references.md', () => {
  it('finds the presets\' tags (the scan is not empty)', () => {
    expect(cited.filter((c) => c.file.includes('presets')).length).toBeGreaterThan(20)
    expect(anchors.size).toBeGreaterThan(150)
  })

  it('every [Rn], [Sn] and [Gn] tag has an anchor', () => {
    const missing = cited.filter((c) => c.file !== 'docs/references.md' && !anchors.has(c.tag.toLowerCase()))
    expect(missing, JSON.stringify(missing)).toEqual([])
  })

  it('every row number the presets cite is a row of the default-parameter table', () => {
    const presets = files(join(ROOT, 'packages/engine/src/presets'), /\.ts$/)
    const rows = presets.flatMap((f) => rowNumbers(readFileSync(f, 'utf8')).map((n) => ({ file: relative(ROOT, f), n })))
    expect(rows.length).toBeGreaterThan(20)
    const missing = rows.filter((r) => !anchors.has(`row-${r.n}`))
    expect(missing, JSON.stringify(missing)).toEqual([])
  })
})

describe('documentation links stay inside the repository', () => {
  const docs = [join(ROOT, 'README.md'), ...files(join(ROOT, 'docs'), /\.md$/)]
  it('every relative link points to a file of the repository', () => {
    const bad: string[] = []
    for (const f of docs)
      for (const m of readFileSync(f, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!
        if (/^(https?:|mailto:|#)/.test(target)) continue
        const path = resolve(dirname(f), decodeURIComponent(target.split('#')[0]!))
        if (!path.startsWith(ROOT) || !existsSync(path)) bad.push(`${relative(ROOT, f)} → ${target}`)
      }
    expect(bad).toEqual([])
  })

  it('links into docs/references.md name an anchor or a heading of it', () => {
    const slugs = new Set([...references.matchAll(/^#+ (.+)$/gm)].map((m) => m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-')))
    const targets = [
      ...[...references.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!),
      ...docs.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\]\((?:\.\.\/)?(?:docs\/)?references\.md#([^)]+)\)/g)].map((m) => m[1]!)),
    ]
    expect(targets.length).toBeGreaterThan(50)
    const bad = targets.filter((t) => !anchors.has(t) && !slugs.has(t))
    expect(bad).toEqual([])
  })

  it('no file names ../shared (it does not exist in a clone)', () => {
    const bad = [...docs, ...SOURCES].filter((f) => /\.\.\/shared\//.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f))
    expect(bad).toEqual([])
  })
})
