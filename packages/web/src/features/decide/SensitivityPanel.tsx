import { useCallback, useMemo, useRef, useState } from 'react'
import type { Chart } from 'chart.js'
import type { SimulationConfig } from '@pcsim/engine'
import { runSensitivity, type DecideProgress, type RunTrials, type SensitivityResult } from '@pcsim/engine/decide'
import { onServer } from './server-jobs.ts'
import { ChartFrame } from '../../charts/ChartFrame.tsx'
import { SpiderChart, TornadoChart } from './charts.tsx'
import { leverName, useDecideText } from './i18n.ts'
import { defaultLevers, JobStatusLine, sig, useSectorName, type LeverRow } from './shared.tsx'
import { useDecision } from './useDecision.ts'

export const SENSITIVITY_METRICS = ['p50(netTvpi)', 'mean(netTvpi)', 'probLoss', 'p50(netIrr)', 'prob3x']

/** Tornado and spider charts of a one-at-a-time sensitivity on common random numbers. */
export function SensitivityPanel({ config, onOpen, online }: { config: SimulationConfig; onOpen: (c: SimulationConfig) => void; online: boolean }) {
  const d = useDecideText()
  const s = d.sensitivity
  const sectorName = useSectorName()
  const label = useCallback((id: string) => leverName(d, id, sectorName), [d, sectorName])
  const [rows, setRows] = useState<LeverRow[]>(() => defaultLevers(config))
  const [trials, setTrials] = useState('2000')
  const [metric, setMetric] = useState(0)
  const tornadoRef = useRef<Chart | null>(null)
  const spiderRef = useRef<Chart | null>(null)
  const request = useMemo(() => {
    const n = Math.max(100, Math.min(50_000, Math.round(Number(trials)) || 2000))
    return { config: { ...config, run: { ...config.run, trials: n } }, vary: rows.filter((r) => r.on).map((r) => `${r.id}=${r.low}:${r.high}:3`), metrics: SENSITIVITY_METRICS }
  }, [config, rows, trials])
  const work = useCallback((run: RunTrials, signal: AbortSignal, onProgress: DecideProgress) => runSensitivity({ ...request, signal, onProgress }, run), [request])
  const server = useCallback((signal: AbortSignal, onProgress: DecideProgress) => onServer<SensitivityResult>('sensitivities', request, signal, onProgress), [request])
  const { state, start, cancel } = useDecision<SensitivityResult>(work, online ? server : undefined)
  const r = state.result
  const pickTornado = useCallback(
    (lever: string, end: 'low' | 'high') => {
      const l = r?.levers.find((x) => x.lever === lever)
      if (l) onOpen(end === 'low' ? l.points[0]!.config : l.points[l.points.length - 1]!.config)
    },
    [r, onOpen],
  )
  const pickSpider = useCallback(
    (lever: string, i: number) => {
      const l = r?.levers.find((x) => x.lever === lever)
      if (l?.points[i]) onOpen(l.points[i].config)
    },
    [r, onOpen],
  )
  const set = (i: number, patch: Partial<LeverRow>) => setRows((xs) => xs.map((x, k) => (k === i ? { ...x, ...patch } : x)))
  const top = r?.tornado[metric]?.bars[0]
  const table = useMemo(
    () =>
      r && (
        <table>
          <thead>
            <tr>
              <th>{s.table.lever}</th>
              <th>{s.table.value}</th>
              <th>{s.table.level}</th>
              <th>{s.table.change}</th>
              <th>{s.table.ci}</th>
            </tr>
          </thead>
          <tbody>
            {r.levers.flatMap((l) =>
              l.points.map((p) => (
                <tr key={`${l.lever}-${p.value}`}>
                  <td>{label(l.lever)}</td>
                  <td>{sig(p.value)}</td>
                  <td>{sig(p.changes[metric]!.level)}</td>
                  <td>{sig(p.changes[metric]!.value)}</td>
                  <td>
                    [{sig(p.changes[metric]!.ci95[0])}, {sig(p.changes[metric]!.ci95[1])}]
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      ),
    [r, metric, s, label],
  )
  return (
    <section className="decide-panel" aria-labelledby="sensitivity-heading" data-testid="sensitivity">
      <h3 id="sensitivity-heading">{s.heading}</h3>
      <p className="hint">{s.intro}</p>
      <fieldset>
        <legend>{s.levers}</legend>
        {rows.map((row, i) => (
          <div className="row wrap" key={row.id}>
            <label>
              <input type="checkbox" checked={row.on} onChange={(e) => set(i, { on: e.target.checked })} data-testid={`lever-${row.id}`} /> {label(row.id)}
            </label>
            <input type="text" aria-label={`${label(row.id)} ${s.low}`} value={row.low} onChange={(e) => set(i, { low: e.target.value })} size={6} />
            <span aria-hidden="true">–</span>
            <input type="text" aria-label={`${label(row.id)} ${s.high}`} value={row.high} onChange={(e) => set(i, { high: e.target.value })} size={6} />
          </div>
        ))}
      </fieldset>
      <div className="row wrap">
        <label htmlFor="sens-trials">{d.trials}</label>
        <input id="sens-trials" type="text" value={trials} onChange={(e) => setTrials(e.target.value)} size={7} />
        <button type="button" onClick={start} disabled={state.status === 'running' || !rows.some((x) => x.on)} data-testid="sensitivity-run">
          {d.run}
        </button>
      </div>
      <JobStatusLine state={state} onCancel={cancel} testId="sensitivity" />
      {r && (
        <>
          <div className="row wrap">
            <label htmlFor="sens-metric">{s.metric}</label>
            <select id="sens-metric" value={metric} onChange={(e) => setMetric(Number(e.target.value))} data-testid="sensitivity-metric">
              {SENSITIVITY_METRICS.map((m, i) => (
                <option key={m} value={i}>
                  {m}
                </option>
              ))}
            </select>
          </div>
          <ChartFrame
            title={s.tornadoTitle(SENSITIVITY_METRICS[metric]!)}
            units={s.tornadoUnits}
            reading={top ? s.tornadoReading(label(top.lever), sig(top.swing)) : ''}
            explanation={[...s.tornadoExplain, s.method]}
            chartRef={tornadoRef}
            fileName="pcsim-tornado"
            testId="tornado"
            height={60 + r.levers.length * 34}
            table={table}
          >
            <TornadoChart result={r} metric={metric} label={label} onPick={pickTornado} chartRef={tornadoRef} ariaLabel={s.tornadoTitle(SENSITIVITY_METRICS[metric]!)} />
          </ChartFrame>
          <ChartFrame title={s.spiderTitle(SENSITIVITY_METRICS[metric]!)} units={s.spiderUnits} reading={s.spiderReading} explanation={s.spiderExplain} chartRef={spiderRef} fileName="pcsim-spider" testId="spider" height={280}>
            <SpiderChart result={r} metric={metric} label={label} onPick={pickSpider} chartRef={spiderRef} ariaLabel={s.spiderTitle(SENSITIVITY_METRICS[metric]!)} />
          </ChartFrame>
        </>
      )}
    </section>
  )
}
