import { useCallback, useMemo, useRef, useState } from 'react'
import type { Chart } from 'chart.js'
import { SECTOR_IDS, type SimulationConfig } from '@pcsim/engine'
import { applyAllocation, findLever, parseSpace, runOptimise, type Allocation, type DecideProgress, type OptimiseResult, type RunTrials } from '@pcsim/engine/decide'
import { onServer } from './server-jobs.ts'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { FrontierChart } from './charts.tsx'
import { useDecideText } from './i18n.ts'
import { JobStatusLine, sig, useSectorName } from './shared.tsx'
import { useDecision } from './useDecision.ts'

/** The allocation optimiser: a frontier scatter whose dots load into the builder, and the best few. */
export function OptimisePanel({ config, onOpen, online }: { config: SimulationConfig; onOpen: (c: SimulationConfig) => void; online: boolean }) {
  const d = useDecideText()
  const o = d.optimise
  const sectorName = useSectorName()
  const initial = useMemo(() => {
    const used = SECTOR_IDS.filter((s) => (config.strategy.sectorWeights[s] ?? 0) > 0)
    const companies = findLever(config, 'companies').current
    const reserve = config.strategy.reserves.share
    return {
      sectors: Object.fromEntries(SECTOR_IDS.map((s) => [s, used.includes(s) || (used.length === 1 && (s === 'ai' || s === 'biotech')) ? '0.6' : ''])) as Record<string, string>,
      reserveLow: String(Math.max(0, Math.round((reserve - 0.2) * 100) / 100)),
      reserveHigh: String(Math.min(0.8, Math.round((reserve + 0.2) * 100) / 100)),
      companiesLow: String(Math.max(2, Math.round(companies * 0.5))),
      companiesHigh: String(Math.round(companies * 1.5)),
    }
  }, [config])
  const [sectors, setSectors] = useState(initial.sectors)
  const [reserve, setReserve] = useState<[string, string]>([initial.reserveLow, initial.reserveHigh])
  const [companies, setCompanies] = useState<[string, string]>([initial.companiesLow, initial.companiesHigh])
  const [objective, setObjective] = useState('p50(netTvpi)')
  const [goal, setGoal] = useState<'maximise' | 'minimise'>('maximise')
  const [constraints, setConstraints] = useState('probLoss <= 0.4')
  const [candidates, setCandidates] = useState('24')
  const [budget, setBudget] = useState('60000')
  const chartRef = useRef<Chart | null>(null)
  const chosen = Object.entries(sectors).filter(([, max]) => max !== '')
  const raw = useMemo(
    () => ({
        ...(chosen.length > 1 ? { sectorWeights: Object.fromEntries(chosen.map(([s, max]) => [s, [0, Number(max)]])) } : {}),
        reserveShare: reserve.map(Number),
        companies: companies.map(Number),
        objective,
        goal,
        ...(constraints.trim() ? { constraints } : {}),
        candidates: Number(candidates),
    }),
    [chosen, reserve, companies, objective, goal, constraints, candidates],
  )
  const work = useCallback(
    (run: RunTrials, signal: AbortSignal, onProgress: DecideProgress) => runOptimise({ config, space: parseSpace(raw), budget: { trials: Number(budget) }, signal, onProgress }, run),
    [config, raw, budget],
  )
  const server = useCallback(
    (signal: AbortSignal, onProgress: DecideProgress) => onServer<OptimiseResult>('optimisations', { config, space: raw, budget: { trials: Number(budget) } }, signal, onProgress),
    [config, raw, budget],
  )
  const { state, start, cancel } = useDecision<OptimiseResult>(work, online ? server : undefined)
  const r = state.result
  const allocationText = (a: Allocation) =>
    [
      a.sectorWeights && Object.entries(a.sectorWeights).filter(([, w]) => w > 0.0005).map(([s, w]) => `${sectorName(s)} ${sig(w * 100)}%`).join(', '),
      a.reserveShare !== undefined && `${d.levers.reserveShare} ${sig(a.reserveShare * 100)}%`,
      a.companies !== undefined && `${d.levers.companies} ${a.companies}`,
    ]
      .filter(Boolean)
      .join('; ')
  const pick = useCallback(
    (id: number) => {
      const c = r?.candidates[id]
      if (c) onOpen(applyAllocation(config, c.allocation))
    },
    [r, config, onOpen],
  )
  return (
    <section className="decide-panel" aria-labelledby="optimise-heading" data-testid="optimise">
      <h3 id="optimise-heading">{o.heading}</h3>
      <p className="hint">{o.intro}</p>
      <fieldset>
        <legend>{o.sectors}</legend>
        <div className="row wrap">
          {SECTOR_IDS.map((s) => (
            <label key={s}>
              <input type="checkbox" checked={sectors[s] !== ''} onChange={(e) => setSectors((x) => ({ ...x, [s]: e.target.checked ? '0.6' : '' }))} /> {sectorName(s)}{' '}
              {sectors[s] !== '' && <input type="text" size={4} aria-label={`${sectorName(s)} max`} value={sectors[s]} onChange={(e) => setSectors((x) => ({ ...x, [s]: e.target.value }))} />}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row wrap">
        <label htmlFor="opt-reserve">{o.reserve}</label>
        <input id="opt-reserve" type="text" size={5} value={reserve[0]} onChange={(e) => setReserve([e.target.value, reserve[1]])} />
        <input type="text" aria-label={`${o.reserve} (high)`} size={5} value={reserve[1]} onChange={(e) => setReserve([reserve[0], e.target.value])} />
        <label htmlFor="opt-companies">{o.companies}</label>
        <input id="opt-companies" type="text" size={5} value={companies[0]} onChange={(e) => setCompanies([e.target.value, companies[1]])} />
        <input type="text" aria-label={`${o.companies} (high)`} size={5} value={companies[1]} onChange={(e) => setCompanies([companies[0], e.target.value])} />
      </div>
      <div className="row wrap">
        <label htmlFor="opt-objective">{o.objective}</label>
        <input id="opt-objective" type="text" size={20} value={objective} onChange={(e) => setObjective(e.target.value)} data-testid="optimise-objective" />
        <label htmlFor="opt-goal">{o.goal}</label>
        <select id="opt-goal" value={goal} onChange={(e) => setGoal(e.target.value as 'maximise' | 'minimise')}>
          <option value="maximise">{o.maximise}</option>
          <option value="minimise">{o.minimise}</option>
        </select>
        <label htmlFor="opt-constraints">{o.constraints}</label>
        <input id="opt-constraints" type="text" size={28} value={constraints} onChange={(e) => setConstraints(e.target.value)} />
      </div>
      <div className="row wrap">
        <label htmlFor="opt-candidates">{o.candidates}</label>
        <input id="opt-candidates" type="text" size={5} value={candidates} onChange={(e) => setCandidates(e.target.value)} data-testid="optimise-candidates" />
        <label htmlFor="opt-budget">{o.budget}</label>
        <input id="opt-budget" type="text" size={8} value={budget} onChange={(e) => setBudget(e.target.value)} data-testid="optimise-budget" />
        <button type="button" onClick={start} disabled={state.status === 'running'} data-testid="optimise-run">
          {d.run}
        </button>
      </div>
      <JobStatusLine state={state} onCancel={cancel} testId="optimise" />
      {r && (
        <>
          <ChartFrame
            title={o.frontierTitle(r.frontier.metrics[0], r.frontier.metrics[1])}
            units={o.frontierUnits(r.frontier.metrics[0], r.frontier.metrics[1])}
            reading={o.frontierReading(r.frontier.points.length)}
            explanation={o.frontierExplain}
            chartRef={chartRef}
            fileName="pcsim-frontier"
            testId="frontier"
            height={300}
          >
            <FrontierChart result={r} onPick={pick} chartRef={chartRef} ariaLabel={o.frontierTitle(r.frontier.metrics[0], r.frontier.metrics[1])} />
          </ChartFrame>
          <h4>{o.best}</h4>
          {!r.candidates.some((c) => c.feasible) && <p className="hint">{o.none}</p>}
          <div className="table-scroll">
            <table data-testid="optimise-best">
              <thead>
                <tr>
                  <th>#</th>
                  <th>
                    {r.objective} ({o.search})
                  </th>
                  <th>
                    {r.objective} ({o.fresh})
                  </th>
                  <th>{o.feasible}</th>
                  <th>{o.allocation}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {r.finalists.map((f) => {
                  const fresh = f.fresh.metrics[0]!
                  return (
                    <tr key={f.id}>
                      <td>{f.id}</td>
                      <td>{sig(f.search.metrics[0]!.value)}</td>
                      <td>
                        {sig(fresh.value)} [{sig(fresh.ci95[0])}, {sig(fresh.ci95[1])}]
                      </td>
                      <td>{f.fresh.feasible ? o.yes : o.no}</td>
                      <td>{allocationText(f.allocation)}</td>
                      <td>
                        <button type="button" className="small" onClick={() => onOpen(f.config)}>
                          {d.open}
                        </button>
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}
