import { parseConfig, resolveRun, type SimulationConfig } from '@pcsim/engine'

const companiesOf = (c: SimulationConfig) => resolveRun(c).construction.deals.length

/** The config with every initial cheque scaled so the fund backs about `target` companies. */
export function withCompanies(config: SimulationConfig, target: number): SimulationConfig | null {
  let c = config
  for (let step = 0; step < 4; step++) {
    const now = companiesOf(c)
    if (now === 0) return null
    if (Math.abs(now - target) <= Math.max(1, target * 0.1)) break
    const f = now / target
    const q = c.strategy.chequeSize
    c = { ...c, strategy: { ...c.strategy, chequeSize: { seed: q.seed * f, early: q.early * f, growth: q.growth * f } } }
  }
  // a 10-company fund needs room for bigger positions
  c = { ...c, strategy: { ...c.strategy, followOn: { ...c.strategy.followOn, maxCompanyShare: Math.max(c.strategy.followOn.maxCompanyShare, Math.min(1, 2 / target)) } } }
  const r = parseConfig(c)
  return r.ok ? r.config : null
}

export { companiesOf }
