import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = resolve(import.meta.dirname, '../../packages/engine/src')
const IMPORT = /^(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/gm

/** Relative imports (type-only ones too) of every module under `dir`. */
function importGraph(dir: string, graph = new Map<string, string[]>()): Map<string, string[]> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) importGraph(path, graph)
    else if (path.endsWith('.ts')) graph.set(path, [...readFileSync(path, 'utf8').matchAll(IMPORT)].map((m) => resolve(dirname(path), m[1]!)))
  }
  return graph
}

function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = []
  const stack: string[] = []
  const done = new Set<string>()
  const visit = (node: string) => {
    stack.push(node)
    for (const next of graph.get(node) ?? []) {
      const at = stack.indexOf(next)
      if (at >= 0) found.push([...stack.slice(at), next].map((p) => relative(SRC, p)).join(' → '))
      else if (!done.has(next)) visit(next)
    }
    stack.pop()
    done.add(node)
  }
  for (const node of graph.keys()) if (!done.has(node)) visit(node)
  return found
}

describe('engine modules', () => {
  it('import each other without a circle', () => {
    const graph = importGraph(SRC)
    expect(graph.size).toBeGreaterThan(50)
    expect(graph.get(join(SRC, 'model/fund-books.ts'))).toContain(join(SRC, 'model/trial-metrics.ts'))
    expect(cycles(graph)).toEqual([])
  })

  it('the circle finder finds a circle', () => {
    const g = new Map([
      ['/a', ['/b']],
      ['/b', ['/c']],
      ['/c', ['/a']],
    ])
    expect(cycles(g)).toHaveLength(1)
  })
})
