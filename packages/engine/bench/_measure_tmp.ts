import { parseConfig, resolveRun, runChunk } from '@pcsim/engine'
const args = process.argv.slice(2)
const template = args[0] ?? 'us-vc-10y'
const trials = Number(args[1] ?? 2000)
const extra = args[2] ? JSON.parse(args[2]) : {}
const r = parseConfig({ template, ...extra, run: { trials, seed: 11 } })
if (!r.ok) { console.log(JSON.stringify(r.issues, null, 1)); process.exit(1) }
const run = resolveRun(r.config)
const t0 = Date.now()
const c = runChunk(run, 0, trials)
const v = c.values
const n = trials
const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length
const share = (f: (i: number) => boolean) => { let k = 0; for (let i = 0; i < n; i++) if (f(i)) k++; return k / n }
const maxExt = r.config.fund.extensionYears
const disc = Array.from(v.secondaryDiscount).filter((x) => !Number.isNaN(x))
console.log(template, 'trials', n, 'ms', Date.now() - t0)
console.log(' calledAt2y mean', mean(v.calledAt2y).toFixed(4), 'sd', Math.sqrt(mean(v.calledAt2y.map((x) => x * x)) - mean(v.calledAt2y) ** 2).toFixed(4))
console.log(' share taking every extension', share((i) => v.extensionYears[i]! >= maxExt - 1e-9).toFixed(4), ' share extended past life (holding after year', r.config.fund.lifeYears, ')', share((i) => v.extensionYears[i]! > 0).toFixed(4))
console.log(' mean ext years', mean(v.extensionYears).toFixed(3), ' sold share', (disc.length / n).toFixed(3), ' mean discount', (disc.reduce((a, b) => a + b, 0) / disc.length).toFixed(4))
console.log(' netTvpi mean', mean(v.netTvpi).toFixed(4), ' cashIncome mean', mean(v.cashIncome).toFixed(4), ' fees', mean(v.fees).toFixed(3), 'paidIn', mean(v.paidIn).toFixed(3), 'cashDrag', mean(v.cashDrag).toFixed(4))
