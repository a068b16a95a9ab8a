/**
 * Bit-identity guard for speed-only engine changes: runs every fund template (and a few variants)
 * and prints one digest per config of every per-trial number the engine produces (the raw bytes of
 * the merged chunk) and of the summary. `--write FILE` saves them; `--check FILE` compares and
 * exits 1 on any difference.
 *   node_modules/.bin/tsx --conditions=@pcsim/source scripts/engine-digests.ts --check /tmp/digests.json
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { FUND_TEMPLATES, parseConfig, resolveRun, resultDigest, runResolved, SCENARIOS, summarise, type ChunkResult } from '../packages/engine/src/index.ts'

const args = process.argv.slice(2)
const flag = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const trials = Number(flag('--trials') ?? 2000)

/** SHA-256 of every typed array and number in a chunk result, in a fixed key order. */
function chunkDigest(c: ChunkResult): string {
  const h = createHash('sha256')
  const walk = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
    else if (Array.isArray(v)) v.forEach(walk)
    else if (typeof v === 'number') h.update(new Uint8Array(new Float64Array([v]).buffer))
    else if (v && typeof v === 'object') for (const k of Object.keys(v).sort()) (h.update(k), walk((v as Record<string, unknown>)[k]))
  }
  walk(c)
  return h.digest('hex').slice(0, 16)
}

const configs: Array<[string, object]> = FUND_TEMPLATES.map((t) => [t.id, { template: t.id }])
const shock = SCENARIOS.find((s) => s.shocks.length > 0)!
configs.push(
  ['us-vc-10y+power-law', { companies: { model: 'power_law' }, strategy: { stageWeights: { seed: 1 }, chequeSize: { seed: 3.3 } } }],
  ...SCENARIOS.filter((s) => s.shocks.length > 0).map((s): [string, object] => [`us-vc-10y+${s.id}`, { market: { shocks: s.shocks } }]),
  ['ai-industry-fund+ai-boom', { template: 'ai-industry-fund', market: { shocks: SCENARIOS.find((s) => s.id === 'ai-boom')!.shocks } }],
  [`gov-angel-fund+${shock.id}`, { template: 'gov-angel-fund', market: { shocks: shock.shocks } }],
  ['us-vc-10y+cn', { market: { profile: 'cn' } }],
  ['us-vc-10y+stacked-capped', { companies: { dealTerms: { participation: 'capped', participationCap: 3, seniority: 'stacked', preferenceMultiple: 1.5 } } }],
  ['us-vc-10y+full-participation', { companies: { dealTerms: { participation: 'full', seniority: 'pari_passu' } } }],
  ['us-vc-10y+no-preferences', { companies: { dealTerms: { preferenceMultiple: 0 } } }],
  ['us-vc-10y+no-regimes-no-factors', { market: { regimes: { enabled: false }, factors: { enabled: false } } }],
  ['us-vc-10y+american', { fund: { carry: { waterfall: 'american' } } }],
  ['us-vc-10y+seed-7', { run: { seed: 7 } }],
)

const out: Record<string, { chunk: string; summary: string }> = {}
for (const [name, input] of configs) {
  const r = parseConfig({ ...input, run: { trials, seed: 1, ...((input as { run?: object }).run ?? {}) } })
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.issues.map((i) => [i.path, i.code]))}`)
  const run = resolveRun(r.config)
  const merged = runResolved(run, { chunks: 2 })
  out[name] = { chunk: chunkDigest(merged), summary: resultDigest(summarise(run, merged).summary) }
  console.log(`${name.padEnd(36)} ${out[name].chunk} ${out[name].summary}`)
}
const write = flag('--write')
if (write) writeFileSync(write, JSON.stringify(out, null, 1))
const check = flag('--check')
if (check) {
  const want = JSON.parse(readFileSync(check, 'utf8')) as typeof out
  const bad = Object.keys(want).filter((k) => want[k]!.chunk !== out[k]?.chunk || want[k]!.summary !== out[k]?.summary)
  if (bad.length) {
    console.log(`DIFFERENT: ${bad.join(', ')}`)
    process.exit(1)
  }
  console.log(`all ${Object.keys(want).length} digests identical`)
}
