/**
 * `pnpm bench`: speed and memory of the engine on one core (this process, no workers).
 * Figures are CPU seconds of this process (user + system), so other load on the machine
 * disturbs them less than wall-clock time would.
 */
import { cpus, totalmem } from 'node:os'
import { parseConfig, portfolioMultiples, REFERENCE_FUND, resolveRun, runChunk, mergeChunks, summarise, chunkRanges, type SimulationConfig } from '@pcsim/engine'

const cpuSeconds = (f: () => void): number => {
  const start = process.cpuUsage()
  f()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1e6
}

const parsed = (input: object): SimulationConfig => {
  const r = parseConfig(input)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.config
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const rows: Array<[string, string, string]> = []
const args = new Set(process.argv.slice(2))

// 1. Power-law portfolio kernel: 100,000 portfolios of 25 deals (target ≤ 0.25 s on one core).
{
  const p = REFERENCE_FUND.companies.powerLaw
  portfolioMultiples(p, 25, 20_000, 'warm')
  const s = median([1, 2, 3].map((i) => cpuSeconds(() => portfolioMultiples(p, 25, 100_000, String(i)))))
  rows.push(['power-law portfolios, 100,000 × 25 deals', `${s.toFixed(3)} s`, s <= 0.25 ? 'met (≤ 0.25 s)' : 'missed (≤ 0.25 s)'])
}

// 2. Power-law mode through the full fund books (fees, waterfall, IRR, PME, fan charts), 25 deals.
{
  const config = parsed({ companies: { model: 'power_law' }, strategy: { stageWeights: { seed: 1 }, chequeSize: { seed: 3.3 } }, run: { trials: 100_000, seed: 1 } })
  const run = resolveRun(config)
  runChunk(run, 0, 5_000)
  const s = median([1, 2, 3].map(() => cpuSeconds(() => runChunk(run, 0, 100_000))))
  rows.push([`power-law fund with full books, 100,000 trials × ${run.deals.cheque.length} deals`, `${s.toFixed(2)} s`, `${Math.round(100_000 / s).toLocaleString('en')} trials/s`])
}

// 3. Lifecycle model on the US-style reference fund (target ≥ 20,000 trials/s on one core).
{
  const config = parsed({ run: { trials: 50_000, seed: 1 } })
  const run = resolveRun(config)
  runChunk(run, 0, 5_000)
  const s = median([1, 2, 3].map(() => cpuSeconds(() => runChunk(run, 0, 50_000))))
  const rate = 50_000 / s
  rows.push([
    `lifecycle, us-vc-10y (${run.deals.cheque.length} companies, ${run.horizon / 4} y, quarterly, regimes + factors, European waterfall)`,
    `${Math.round(rate).toLocaleString('en')} trials/s`,
    rate >= 20_000 ? 'met (≥ 20,000/s)' : 'missed (≥ 20,000/s)',
  ])
}

// 4. Peak memory of a 1,000,000-trial run (target < 1 GB); skipped with --quick.
if (!args.has('--quick')) {
  const config = parsed({ run: { trials: 1_000_000, seed: 1 } })
  const run = resolveRun(config)
  let peak = process.memoryUsage().rss
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }
  const timer = setInterval(sample, 50)
  const seconds = cpuSeconds(() => {
    const chunks = chunkRanges(1_000_000, 50_000).map(([a, b]) => {
      const c = runChunk(run, a, b)
      sample()
      return c
    })
    const merged = mergeChunks(chunks)
    sample()
    summarise(run, merged)
    sample()
  })
  clearInterval(timer)
  const gb = peak / 2 ** 30
  rows.push(['1,000,000-trial lifecycle run, peak resident memory', `${(peak / 2 ** 20).toFixed(0)} MiB (${seconds.toFixed(0)} s CPU)`, gb < 1 ? 'met (< 1 GB)' : 'missed (< 1 GB)'])
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`)
console.log('| benchmark | result | target |\n| --- | --- | --- |')
for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`)
