import { useState } from 'react'
import { presetName, type SimulationConfig } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { NumberField, TextField } from './fields.tsx'
import { IssueText } from './IssueText.tsx'
import { EFFECT_KEYS, marketPath, newShock, REGIME_IDS, SECTOR_IDS } from './shock-schema.ts'

type Shock = SimulationConfig['market']['shocks'][number]

const W = 560
const H = 150
const PAD = { l: 34, r: 10, t: 10, b: 22 }

/** Shocks on a timeline (custom ones solid, stacked named scenarios hatched) over the market path they imply. */
function Timeline({ custom, stacked, drift, years }: { custom: Shock[]; stacked: Shock[]; drift: number; years: number }) {
  const { t } = useI18n()
  const e = t.builder.editor
  const all = [...custom, ...stacked]
  const path = marketPath(all, drift, years)
  const hi = Math.max(...path.map((p) => Math.max(p.base, p.shocked)))
  const lo = Math.min(...path.map((p) => Math.min(p.base, p.shocked)))
  const x = (yr: number) => PAD.l + (yr / years) * (W - PAD.l - PAD.r)
  const lanes = Math.max(1, all.length)
  const laneH = Math.min(16, (H - PAD.t - PAD.b) / lanes / 1.6)
  const y = (v: number) => PAD.t + (1 - (v - lo) / (hi - lo || 1)) * (H - PAD.t - PAD.b)
  const line = (k: 'base' | 'shocked') => path.map((p, i) => `${i ? 'L' : 'M'}${x(p.year).toFixed(1)},${y(p[k]).toFixed(1)}`).join(' ')
  const end = path[path.length - 1]!
  const reading = e.pathReading(((end.shocked / end.base - 1) * 100).toFixed(0), String(years))
  return (
    <figure className="shock-timeline" data-testid="shock-timeline">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${e.timeline}. ${reading}`}>
        {all.map((s, i) => (
          <g key={`${s.id}-${i}`} data-shock={s.id}>
            <rect x={x(s.fromYear)} y={PAD.t + i * laneH * 1.6} width={Math.max(2, x(s.fromYear + s.years) - x(s.fromYear))} height={laneH} className={i < custom.length ? 'shock-bar' : 'shock-bar stacked'} />
            <text x={x(s.fromYear) + 3} y={PAD.t + i * laneH * 1.6 + laneH - 3} className="shock-label">
              {s.id}
            </text>
          </g>
        ))}
        <path d={line('base')} className="path-base" />
        <path d={line('shocked')} className="path-shocked" data-testid="path-shocked" />
        {Array.from({ length: years + 1 }, (_, yr) => (yr % Math.ceil(years / 10) === 0 ? (
          <text key={yr} x={x(yr)} y={H - 6} className="axis-tick" textAnchor="middle">
            {yr}
          </text>
        ) : null))}
      </svg>
      <figcaption className="hint">
        {e.legend} {reading}
      </figcaption>
    </figure>
  )
}

/** Build, edit and stack custom market shocks (market.shocks): effect, sectors, start, length, size; saved with the fund. */
export function ScenarioEditor() {
  const { draft, effective, update, remove, issues } = useAppState()
  const { t, pick } = useI18n()
  const e = t.builder.editor
  const shocks: Shock[] = Array.isArray(draft.config.market?.shocks) ? draft.config.market.shocks : []
  const stacked = (effective.market?.shocks ?? []).slice(shocks.length)
  const [adding, setAdding] = useState<Record<number, string>>({})
  const years = Math.max(1, Math.ceil((Number(draft.config.fund?.lifeYears) || 10) + (Number(draft.config.fund?.extensionYears) || 0)))
  const drift = Number(draft.config.market?.index?.drift) || 0
  const set = (next: Shock[]) => update('/market/shocks', next)
  const add = () => {
    const taken = new Set(shocks.map((s) => s.id))
    let n = shocks.length + 1
    while (taken.has(`shock${n}`)) n++
    set([...shocks, newShock(`shock${n}`) as Shock])
  }
  const effectName = (k: string) => e.effects[k as keyof typeof e.effects] ?? k
  return (
    <fieldset className="scenario-editor" data-testid="scenario-editor">
      <legend>{e.heading}</legend>
      <p className="hint">{e.hint}</p>
      <Timeline custom={shocks} stacked={stacked} drift={drift} years={years} />
      {shocks.map((s, i) => {
        const base = `/market/shocks/${i}`
        const used = Object.keys(s.effects ?? {})
        const free = EFFECT_KEYS.filter((k) => !used.includes(k))
        return (
          <fieldset key={i} className="shock-row" data-testid={`shock-${i}`}>
            <legend>{e.shock(i + 1)}</legend>
            <TextField pointer={`${base}/id`} label={e.id} />
            <NumberField pointer={`${base}/fromYear`} label={e.fromYear} unit="years" />
            <NumberField pointer={`${base}/years`} label={e.years} unit="years" />
            <NumberField pointer={`${base}/indexDrift`} label={e.indexDrift} unit="percent" />
            <div className="field">
              <label htmlFor={`f-market-shocks-${i}-regime`}>{e.regime}</label>
              <select id={`f-market-shocks-${i}-regime`} value={s.regime ?? ''} onChange={(ev) => (ev.target.value ? update(`${base}/regime`, ev.target.value) : remove(`${base}/regime`))}>
                <option value="">{e.noRegime}</option>
                {REGIME_IDS.map((r) => (
                  <option key={r} value={r}>
                    {e.regimes[r as keyof typeof e.regimes] ?? r}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <span className="label">{e.sectors}</span>
              <div className="check-grid">
                {SECTOR_IDS.map((sec) => (
                  <label key={sec} className="check">
                    <input type="checkbox" checked={s.sectors.includes(sec)} onChange={(ev) => update(`${base}/sectors`, ev.target.checked ? [...s.sectors, sec] : s.sectors.filter((x) => x !== sec))} data-testid={`shock-${i}-sector-${sec}`} />
                    {pick(presetName(`sector.${sec}`))}
                  </label>
                ))}
              </div>
              <p className="hint">{e.allSectors}</p>
            </div>
            {used.map((k) => (
              <div key={k} className="effect-row">
                <NumberField pointer={`${base}/effects/${k}`} label={effectName(k)} unit="multiple" hint={e.effectHint} />
                <button type="button" className="small ghost" aria-label={e.removeEffect(effectName(k))} onClick={() => update(`${base}/effects`, Object.fromEntries(Object.entries(s.effects).filter(([x]) => x !== k)))}>
                  ✕
                </button>
              </div>
            ))}
            {free.length > 0 && (
              <div className="row wrap">
                <label htmlFor={`shock-${i}-add-effect`}>{e.addEffect}</label>
                <select id={`shock-${i}-add-effect`} value={adding[i] ?? free[0]} onChange={(ev) => setAdding({ ...adding, [i]: ev.target.value })}>
                  {free.map((k) => (
                    <option key={k} value={k}>
                      {effectName(k)}
                    </option>
                  ))}
                </select>
                <button type="button" className="small" onClick={() => update(`${base}/effects/${adding[i] ?? free[0]}`, 1)} data-testid={`shock-${i}-add-effect`}>
                  +
                </button>
              </div>
            )}
            <IssueText issues={issues.filter((x) => x.path === base || x.path === `${base}/effects` || x.path === `${base}/sectors` || x.path === `${base}/regime`)} />
            <button type="button" className="small ghost danger" onClick={() => set(shocks.filter((_, j) => j !== i))} data-testid={`shock-${i}-remove`}>
              {e.remove}
            </button>
          </fieldset>
        )
      })}
      <button type="button" className="small" onClick={add} data-testid="shock-add">
        + {e.add}
      </button>
    </fieldset>
  )
}
