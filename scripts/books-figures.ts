/**
 * The fund books' calibration figures (docs/model-books.md): share of commitments called by month
 * 24, share of funds still holding assets after their life (took an extension), share taking every
 * extension, and the mean discount of the end-of-life sale, each with its Monte Carlo standard error.
 *   npx -y pnpm@12.4.2 exec tsx scripts/books-figures.ts [template] [trials] [seed]
 */
import { parseConfig, resolveRun, runChunk } from '../packages/engine/src/index.ts'

const [template = 'us-vc-10y', trialsArg = '4000', seed = '11'] = process.argv.slice(2)
const trials = Number(trialsArg)
const parsed = parseConfig({ template, run: { trials, seed: Number.isNaN(Number(seed)) ? seed : Number(seed) } })
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
const { values } = runChunk(resolveRun(parsed.config), 0, trials)
const most = parsed.config.fund.extensionYears

const meanSe = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length
  const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1)
  return `${(100 * m).toFixed(1)}% ± ${(100 * Math.sqrt(v / xs.length)).toFixed(2)}%`
}
const all = (a: Float64Array) => Array.from(a)
console.log(`${template}, ${trials} trials, seed ${seed}`)
console.log(`called by month 24            ${meanSe(all(values.calledAt2y))}`)
console.log(`still holding after year ${parsed.config.fund.lifeYears}    ${meanSe(all(values.extensionYears).map((x) => (x > 0 ? 1 : 0)))}`)
console.log(`took every extension (${most} y)    ${meanSe(all(values.extensionYears).map((x) => (x >= most - 1e-9 ? 1 : 0)))}`)
console.log(`end-of-life sale discount     ${meanSe(all(values.secondaryDiscount).filter((x) => !Number.isNaN(x)))}`)
