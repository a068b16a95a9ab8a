import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { CheckField, NumberField } from './fields.tsx'
import { SelectionEditor } from './SelectionEditor.tsx'
import { IssueText } from './IssueText.tsx'
import { getAt, isUnder } from './pointer.ts'
import { fieldId } from './units.ts'

const P = '/strategy/pipeline'

/** strategy.pipeline: the rolling pipeline (谋划一批、储备一批、开工一批、投产一批). */
export function PipelineEditor() {
  const { draft, issues } = useAppState()
  const { t } = useI18n()
  const b = t.builder.pipeline
  // the fields show while the pipeline is on, or while one of them has a problem
  const enabled = getAt(draft.config, `${P}/enabled`) === true || issues.some((i) => isUnder(i.path, P) && i.path !== P && i.path !== `${P}/enabled`)
  return (
    <fieldset className="pipeline" id={fieldId(P)} tabIndex={-1} data-testid="pipeline">
      <legend>{b.heading}</legend>
      <p className="hint">{b.hint}</p>
      <CheckField pointer={`${P}/enabled`} label={b.enabled} />
      {enabled && (
        <div className="grid-2">
          <NumberField pointer={`${P}/plannedPerQuarter`} label={b.planned} unit="count" />
          <NumberField pointer={`${P}/reserveRate`} label={b.reserveRate} unit="percent" />
          <NumberField pointer={`${P}/startRate`} label={b.startRate} unit="percent" />
          <NumberField pointer={`${P}/produceRate`} label={b.produceRate} unit="percent" />
          <NumberField pointer={`${P}/reserveLagQuarters`} label={b.reserveLag} unit="quarters" />
          <NumberField pointer={`${P}/startLagQuarters`} label={b.startLag} unit="quarters" />
          <NumberField pointer={`${P}/produceLagQuarters`} label={b.produceLag} unit="quarters" />
        </div>
      )}
      {enabled && <CheckField pointer={`${P}/redeploy`} label={b.redeploy} />}
      {enabled && <SelectionEditor />}
      <IssueText issues={issues.filter((i) => i.path === P)} />
    </fieldset>
  )
}
