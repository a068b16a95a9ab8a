import { useCallback, useMemo, useState } from 'react'
import type { SimulationConfig } from '@pcsim/engine'
import { findLever, returnTheFund, runSolve, type DecideProgress, type ReturnTheFund, type RunTrials, type SolveResult } from '@pcsim/engine/decide'
import { onServer } from './server-jobs.ts'
import { leverName, useDecideText, type DecideText } from './i18n.ts'
import { defaultLevers, JobStatusLine, sig, useSectorName } from './shared.tsx'
import { useDecision } from './useDecision.ts'

/** The answer of a goal-seek as one sentence, in the page's language. */
export function solveSentence(r: SolveResult, d: DecideText, lever: string): string {
  const [lo, hi] = r.range.map(sig) as [string, string]
  if (r.status === 'always') return d.sentence.always(r.target, lever, lo, hi)
  if (r.status === 'unreachable') return d.sentence.unreachable(r.target, lever, lo, hi, sig(r.lhsAtValue))
  const args = [lever, sig(r.value), sig(r.ci95![0]), sig(r.ci95![1]), sig(r.current), r.target] as const
  const main = r.direction === 'atLeast' ? d.sentence.atLeast(...args) : r.direction === 'atMost' ? d.sentence.atMost(...args) : d.sentence.solved(...args)
  return `${main} ${d.sentence.now(r.target.split(/<=|>=|==|=|<|>/)[0]!.trim(), sig(r.lhsNow))}`
}

/** "What you need to believe": goal-seek one lever, said as a sentence; and the return-the-fund view. */
export function SolvePanel({ config, onOpen, online }: { config: SimulationConfig; onOpen: (c: SimulationConfig) => void; online: boolean }) {
  const d = useDecideText()
  const s = d.solve
  const sectorName = useSectorName()
  const levers = useMemo(() => defaultLevers(config).map((l) => l.id), [config])
  const [lever, setLever] = useState(levers.includes('exitValue') ? 'exitValue' : levers[0]!)
  const defaults = useMemo(() => {
    try {
      return findLever(config, lever).range.map((x) => String(Number(x.toPrecision(3))))
    } catch {
      return ['0', '1']
    }
  }, [config, lever])
  const [range, setRange] = useState<{ lever: string; low: string; high: string } | null>(null)
  const low = range?.lever === lever ? range.low : defaults[0]!
  const high = range?.lever === lever ? range.high : defaults[1]!
  const [target, setTarget] = useState('p50(netTvpi) = 2')
  const [trials, setTrials] = useState('2000')
  const request = useMemo(() => {
    const n = Math.max(100, Math.min(50_000, Math.round(Number(trials)) || 2000))
    return { config: { ...config, run: { ...config.run, trials: n } }, lever, target, range: `${low}:${high}` }
  }, [config, lever, target, low, high, trials])
  const work = useCallback(
    async (run: RunTrials, signal: AbortSignal, onProgress: DecideProgress) => {
      const result = await runSolve({ ...request, signal, onProgress }, run)
      const [chunk] = await run([request.config], 0, request.config.run.trials, { signal })
      return { result, view: returnTheFund(request.config, chunk!) }
    },
    [request],
  )
  const server = useCallback(async (signal: AbortSignal, onProgress: DecideProgress) => {
    const r = await onServer<SolveResult & { returnTheFund: ReturnTheFund }>('solves', request, signal, onProgress)
    return r && { result: r, view: r.returnTheFund }
  }, [request])
  const { state, start, cancel } = useDecision<{ result: SolveResult; view: ReturnTheFund }>(work, online ? server : undefined)
  const r = state.result
  const name = leverName(d, lever, sectorName)
  return (
    <section className="decide-panel" aria-labelledby="solve-heading" data-testid="solve">
      <h3 id="solve-heading">{s.heading}</h3>
      <p className="hint">{s.intro}</p>
      <div className="row wrap">
        <label htmlFor="solve-lever">{s.lever}</label>
        <select id="solve-lever" value={lever} onChange={(e) => setLever(e.target.value)} data-testid="solve-lever">
          {levers.map((id) => (
            <option key={id} value={id}>
              {leverName(d, id, sectorName)}
            </option>
          ))}
        </select>
        <label htmlFor="solve-low">{s.range}</label>
        <input id="solve-low" type="text" size={6} value={low} onChange={(e) => setRange({ lever, low: e.target.value, high })} />
        <span aria-hidden="true">–</span>
        <input type="text" aria-label={`${s.range} (high)`} size={6} value={high} onChange={(e) => setRange({ lever, low, high: e.target.value })} />
      </div>
      <div className="row wrap">
        <label htmlFor="solve-target">{s.target}</label>
        <input id="solve-target" type="text" size={30} value={target} onChange={(e) => setTarget(e.target.value)} aria-describedby="solve-target-hint" data-testid="solve-target" />
        <label htmlFor="solve-trials">{d.trials}</label>
        <input id="solve-trials" type="text" size={7} value={trials} onChange={(e) => setTrials(e.target.value)} />
        <button type="button" onClick={start} disabled={state.status === 'running'} data-testid="solve-run">
          {d.run}
        </button>
      </div>
      <p className="hint" id="solve-target-hint">
        {s.targetHint}
      </p>
      <JobStatusLine state={state} onCancel={cancel} testId="solve" />
      {r && (
        <>
          <p className="sentence" data-testid="solve-sentence">
            <strong>{solveSentence(r.result, d, name)}</strong>
          </p>
          {r.result.config && (
            <button type="button" className="small" onClick={() => onOpen(r.result.config!)} data-testid="solve-open">
              {d.open}
            </button>
          )}
          <h4>{s.returnTitle}</h4>
          <p className="hint">{s.returnIntro}</p>
          <div className="table-scroll">
            <table data-testid="return-the-fund">
              <thead>
                <tr>
                  <th>{s.cell}</th>
                  <th>{s.cheque}</th>
                  <th>{s.entry}</th>
                  <th>{s.ownership}</th>
                  <th>{s.exitNeeded}</th>
                  <th>{s.multiple}</th>
                </tr>
              </thead>
              <tbody>
                {r.view.cells.map((c) => (
                  <tr key={`${c.sector}-${c.stage}`}>
                    <td>
                      {sectorName(c.sector)} / {c.stage}
                    </td>
                    <td>{sig(c.cheque)}</td>
                    <td>{sig(c.entryPostMoney)}</td>
                    <td>{c.ownership === null ? '–' : `${sig(c.ownership * 100)}%`}</td>
                    <td>{sig(c.exitValue)}</td>
                    <td>{sig(c.multipleOfCheque)}×</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>{s.probOneDeal(`${sig(r.view.probOneDeal.value * 100)}% ± ${sig(r.view.probOneDeal.se * 100)}%`)}</p>
        </>
      )}
    </section>
  )
}
