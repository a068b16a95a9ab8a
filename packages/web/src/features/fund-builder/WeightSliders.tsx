import { useState } from 'react'
import { presetName } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { formatPercent } from '../../format/index.ts'
import { IssueText } from './IssueText.tsx'
import { getAt, isUnder } from './pointer.ts'
import { parseTypedNumber } from './issue-wording.ts'
import { display, fieldId } from './units.ts'
import { rescaleWeights } from './weights.ts'

interface Props {
  pointer: '/strategy/sectorWeights' | '/strategy/stageWeights' | '/strategy/regionWeights'
  keys: readonly string[]
  /** Preset-name prefix: "sector", "stage" or "region". */
  kind: 'sector' | 'stage' | 'region'
  legend: string
  hint?: string
  tour?: string
}

/**
 * One slider and one typed percent per key, and a lock: moving or typing one rescales the other
 * unlocked weights so the weights keep summing to 100%.
 */
export function WeightSliders({ pointer, keys, kind, legend, hint, tour }: Props) {
  const { draft, update, issues } = useAppState()
  const [locked, setLocked] = useState<ReadonlySet<string>>(new Set())
  const [typing, setTyping] = useState<{ key: string; text: string } | null>(null)
  const set = (k: string, v: number) => update(pointer, rescaleWeights(weights, keys, k, v, locked))
  const { t, locale, pick } = useI18n()
  const weights = (getAt(draft.config, pointer) ?? {}) as Record<string, number | undefined>
  const sum = keys.reduce((a, k) => a + (typeof weights[k] === 'number' ? weights[k]! : 0), 0)
  const own = issues.filter((i) => isUnder(i.path, pointer))
  return (
    <fieldset className="weights" data-tour={tour} id={fieldId(pointer)}>
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      {keys.map((k) => {
        const id = fieldId(`${pointer}/${k}`)
        const name = pick(presetName(`${kind}.${k}`))
        const w = typeof weights[k] === 'number' ? weights[k]! : 0
        return (
          <div className={`weight-row${w > 0 ? ' on' : ''}`} key={k}>
            <label htmlFor={id}>{name}</label>
            <input
              id={id}
              type="range"
              min={0}
              max={100}
              step={1}
              value={Math.round(w * 100)}
              aria-valuetext={formatPercent(w, locale)}
              aria-label={t.builder.weightOf(name)}
              data-key={k}
              disabled={locked.has(k)}
              onChange={(e) => set(k, Number(e.target.value) / 100)}
            />
            <span className="input-unit weight-typed">
              <input
                id={`${id}-typed`}
                type="text"
                inputMode="decimal"
                aria-label={t.builder.weightTyped(name)}
                disabled={locked.has(k)}
                value={typing?.key === k ? typing.text : display(Number((w * 100).toFixed(2)))}
                onChange={(e) => {
                  setTyping({ key: k, text: e.target.value })
                  const n = parseTypedNumber(e.target.value)
                  if (n !== null && n >= 0 && n <= 100) set(k, n / 100)
                }}
                onBlur={() => setTyping(null)}
              />
              <span className="suffix">%</span>
            </span>
            <label className="lock" title={t.builder.lockHint}>
              <input type="checkbox" id={`${id}-lock`} checked={locked.has(k)} onChange={(e) => setLocked((s) => (e.target.checked ? new Set([...s, k]) : new Set([...s].filter((x) => x !== k))))} />
              <span>{t.builder.lock}</span>
            </label>
          </div>
        )
      })}
      <p className="weights-total">{t.builder.total(formatPercent(sum, locale, 0))}</p>
      <IssueText issues={own} />
    </fieldset>
  )
}
