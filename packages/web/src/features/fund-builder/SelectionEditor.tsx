import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { NumberField } from './fields.tsx'
import { getAt } from './pointer.ts'
import { fieldId } from './units.ts'

const P = '/strategy/pipeline/selection'

/** Selection by a noisy quality signal (strategy.pipeline.selection): off unless ticked. */
export function SelectionEditor() {
  const { draft, update, remove } = useAppState()
  const { t } = useI18n()
  const b = t.builder.pipeline
  const on = getAt(draft.config, P) !== undefined
  const id = fieldId(P)
  return (
    <div className={`term${on ? ' on' : ''}`}>
      <div className="field check">
        <input id={id} type="checkbox" checked={on} onChange={(e) => (e.target.checked ? update(P, { signalAccuracy: 0.5, qualitySpread: 0.5 }) : remove(P))} />
        <label htmlFor={id}>{b.selection}</label>
      </div>
      {on && (
        <div className="grid-2">
          <NumberField pointer={`${P}/signalAccuracy`} label={b.signalAccuracy} />
          <NumberField pointer={`${P}/qualitySpread`} label={b.selectionSpread} />
        </div>
      )}
    </div>
  )
}
