import { presetName } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { formatPercent } from '../../format/index.ts'
import { IssueText } from './IssueText.tsx'
import { getAt, isUnder } from './pointer.ts'
import { fieldId } from './units.ts'
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

/** One slider per key; moving one rescales the others so the weights keep summing to 100%. */
export function WeightSliders({ pointer, keys, kind, legend, hint, tour }: Props) {
  const { draft, update, issues } = useAppState()
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
              onChange={(e) => update(pointer, rescaleWeights(weights, keys, k, Number(e.target.value) / 100))}
            />
            <output htmlFor={id}>{formatPercent(w, locale, w > 0 && w < 0.1 ? 1 : 0)}</output>
          </div>
        )
      })}
      <p className="weights-total">{t.builder.total(formatPercent(sum, locale, 0))}</p>
      <IssueText issues={own} />
    </fieldset>
  )
}
