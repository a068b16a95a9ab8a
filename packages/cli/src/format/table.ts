import type { Distribution, RunResult } from '@pcsim/engine'
import type { Messages } from '../messages/index.ts'
import { decimal, money, multiple, percent, withSe } from './numbers.ts'
import { layout, section } from './text-table.ts'

type Fmt = (x: number) => string

/** P10, P50, P90 and mean ± se of a distribution; dashes when no trial has a value. */
function quantileCells(d: Distribution | null, f: Fmt, none: string): string[] {
  if (!d || d.n === 0) return [none, none, none, none]
  return [f(d.p10), f(d.p50), f(d.p90), withSe(d.mean, d.se, f)]
}

const p10to90 = (d: Distribution | null, f: Fmt, none: string): string => (d && d.n > 0 ? `${f(d.p10)} / ${f(d.p50)} / ${f(d.p90)}` : none)

/** The human summary of one run (`--format table`). */
export function runTable(r: RunResult, m: Messages): string {
  const t = m.run
  const s = r.summary
  const plan = s.deployment.planned
  const prob = (p: { value: number; se: number }) => withSe(p.value, p.se, percent)
  const count = (k: keyof typeof s.outcomes) => withSe(s.outcomes[k].mean, s.outcomes[k].se, (x) => decimal(x, 1))
  const share = (d: Distribution) => withSe(d.mean, d.se, percent)
  const irr: Fmt = (x) => percent(x, 1)
  const returns = [
    [t.returns, 'P10', 'P50', 'P90', t.meanSe],
    [`  ${t.netTvpi}`, ...quantileCells(s.netTvpi, multiple, t.none)],
    [`  ${t.netIrr}`, ...quantileCells(s.netIrr, irr, t.none)],
    [`  ${t.dpi}`, ...quantileCells(s.dpi, multiple, t.none)],
    [`  ${t.grossTvpi}`, ...quantileCells(s.grossTvpi, multiple, t.none)],
  ]
  const irrNote = s.netIrr.undefinedShare > 0 || s.netIrr.totalLossShare > 0 ? [`  ${t.irrNote(percent(s.netIrr.undefinedShare), percent(s.netIrr.totalLossShare))}`] : []
  const blocks = [
    [r.name, t.header({ trials: r.trials, seed: r.seed, currency: r.currency, engine: r.engineVersion })].join('\n'),
    section(t.construction, [
      [t.companies, String(plan.companies)],
      [t.investable, money(plan.investable)],
      [t.initial, money(plan.initial)],
      [t.reserves, money(plan.reserve)],
      [t.plannedFees, money(plan.plannedFees)],
    ]),
    [...layout(returns, { indent: '' }), ...irrNote].join('\n'),
    section(t.risk, [
      [t.probLoss, prob(s.probLoss)],
      [t.probAtLeast('2x'), prob(s.probAtLeast['2x'])],
      [t.probAtLeast('3x'), prob(s.probAtLeast['3x'])],
      [t.probAtLeast('5x'), prob(s.probAtLeast['5x'])],
      [t.var('95'), percent(s.valueAtRisk.p95)],
      [t.cvar('95'), percent(s.conditionalValueAtRisk.p95)],
      [t.var('99'), percent(s.valueAtRisk.p99)],
      [t.cvar('99'), percent(s.conditionalValueAtRisk.p99)],
    ]),
    section(t.deployment, [
      [t.invested, share(s.deployment.investedShare)],
      [t.paidIn, share(s.deployment.paidInShare)],
      [t.fees, share(s.deployment.feesShare)],
      [t.carry, share(s.deployment.carryShare)],
    ]),
    section(t.outcomes, [
      [t.writeOffs, count('writeOffs')],
      [t.acquisitions, count('acquisitions')],
      [t.listings, count('listings')],
      [t.unicorns, count('unicorns')],
      [t.stalled, count('stalled')],
      [t.heldAtEnd, count('heldAtEnd')],
    ]),
    section(t.breakEven, [
      [t.breakEvenYear, p10to90(s.breakEven.years, (x) => decimal(x, 2), t.none)],
      [t.breakEvenNever, prob(s.breakEven.probNever)],
    ]),
    section(t.concentration, [
      [t.oneDeal, prob(s.concentration.probOneDealReturnsFund)],
      [t.topDeal, percent(s.concentration.topDealShare.mean)],
      [t.dealsToReturn, p10to90(s.concentration.dealsToReturnFund, (x) => decimal(x, 0), t.none)],
      [t.notReturned, prob(s.concentration.probFundNotReturned)],
    ]),
    ...lpClassBlock(r, m),
    ...policyBlock(r, m),
    ...subFundBlock(r, m),
  ]
  return `${blocks.join('\n\n')}\n`
}

/** Government and private classes side by side (only when the fund has more than one class). */
function lpClassBlock(r: RunResult, m: Messages): string[] {
  const t = m.run
  const classes = r.summary.lpClasses
  if (classes.length < 2) return []
  const irr: Fmt = (x) => percent(x, 1)
  const rows = [
    [t.lpClasses, t.netTvpi, t.netIrr, t.irrTotalLoss, t.irrUndefined, t.probLossShort],
    ...classes.map((c) => [
      `  ${t.lpClassRow(c.id, c.kind, money(c.committed))}`,
      p10to90(c.netTvpi, multiple, t.none),
      p10to90(c.netIrr, irr, t.none),
      percent(c.netIrr?.totalLossShare ?? 0),
      percent(c.netIrr ? c.netIrr.undefinedShare : 1),
      withSe(c.probLoss.value, c.probLoss.se, percent),
    ]),
  ]
  return [[...layout(rows, { indent: '' }), `  ${t.classIrrNote}`].join('\n')]
}

function policyBlock(r: RunResult, m: Messages): string[] {
  const t = m.run
  const p = r.summary.policy
  const mean = (d: Distribution | null, f: Fmt) => (d && d.n > 0 ? withSe(d.mean, d.se, f) : t.none)
  const rows: string[][] = []
  if (p.governmentCommitted > 0) {
    rows.push([t.mobilisedInFund, p.privateCapitalMobilised.inFund === null ? t.none : multiple(p.privateCapitalMobilised.inFund)])
    rows.push([t.mobilisedEntry, mean(p.privateCapitalMobilised.atEntry, multiple)])
    rows.push([t.mobilisedLife, mean(p.privateCapitalMobilised.overLife, multiple)])
  }
  for (const x of p.reinvestment)
    rows.push([t.reinvestment(x.classId, x.regions.join('+'), multiple(x.required)), `${p10to90(x.achieved, multiple, t.none)} · ${t.shortfall} ${percent(x.probShortfall.value)}`])
  const cost = p.reinvestmentCost
  if (cost) {
    const signed = (x: number, f: Fmt) => (x > 0 ? `+${f(x)}` : f(x))
    rows.push([t.reinvestmentCost, `${signed(cost.netTvpi.mean, (x) => multiple(x, 3))} ± ${multiple(cost.netTvpi.se, 3)} · ${t.probLossShort} ${signed(cost.probLoss.value, percent)} · ${t.governmentTvpiCost} ${signed(cost.governmentTvpi.mean, (x) => multiple(x, 3))}`])
    rows.push([t.reinvestmentDeals, t.reinvestmentDealsValue(cost.deals.atStandard, cost.deals.belowStandard, cost.deals.relocated, cost.deals.missed)])
  }
  if (p.toleratedLoss.fund < 1) {
    rows.push([t.lossRatio(percent(p.toleratedLoss.fund)), p10to90(p.toleratedLoss.lossRatio, percent, t.none)])
    rows.push([t.probBreach, withSe(p.toleratedLoss.probBreach.value, p.toleratedLoss.probBreach.se, percent)])
  }
  rows.push([t.companiesSupported, decimal(p.companiesSupported.total, 1)])
  if (p.pipeline.planned > 0) {
    const f = (x: number) => decimal(x, 1)
    rows.push([t.pipeline, `${f(p.pipeline.planned)} / ${f(p.pipeline.reserved)} / ${f(p.pipeline.started)} / ${f(p.pipeline.producing)}`])
    rows.push([t.cashDrag, mean(p.pipeline.cashDrag, percent)])
    if (p.pipeline.selectionGain !== 1) rows.push([t.selectionGain, multiple(p.pipeline.selectionGain, 3)])
    if (p.pipeline.producingByYear) rows.push([t.producingByYear(p.pipeline.producingStage ?? ''), p.pipeline.producingByYear.slice(0, 10).map((x) => decimal(x, 1)).join(' ')])
  }
  if (p.firstLossPaid && p.firstLossPaid.max > 0) rows.push([t.firstLoss, mean(p.firstLossPaid, percent)])
  if (p.guaranteePaid && p.guaranteePaid.max > 0) rows.push([t.guarantee, mean(p.guaranteePaid, percent)])
  if (p.buyOut.probExercised.value > 0) rows.push([t.buyOut, withSe(p.buyOut.probExercised.value, p.buyOut.probExercised.se, percent)])
  if (p.governmentCommitted > 0)
    rows.push([t.budget, p.budget.slice(0, 8).map((b) => `${decimal(b.expected, 0)}/${decimal(b.p95, 0)}`).join(' ')])
  return [section(t.policy, rows)]
}

function subFundBlock(r: RunResult, m: Messages): string[] {
  if (!r.subFunds?.length) return []
  const t = m.run
  const rows = r.subFunds.map((s) => [s.id, p10to90(s.result.summary.netTvpi, multiple, t.none)])
  const f = r.summary.fundOfFunds
  if (f) {
    const shown = f.byYear.slice(0, 8)
    rows.push([t.motherFlows, shown.map((y) => `${decimal(y.committed, 0)}/${decimal(y.calls, 0)}/${decimal(y.distributions, 0)}`).join(' ')])
    if (f.leverage.withSubFunds !== null) rows.push([t.motherLeverage, multiple(f.leverage.withSubFunds, 2)])
  }
  return [section(t.subFunds, rows)]
}
