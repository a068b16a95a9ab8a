import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { PRODUCING_STAGES } from '@pcsim/engine'
import { CheckField, NumberField, useFieldIssues, useFieldLabel } from './fields.tsx'
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
      {enabled && <ProducingStageField />}
      {enabled && <CheckField pointer={`${P}/redeploy`} label={b.redeploy} />}
      {enabled && <SelectionEditor />}
      <IssueText issues={issues.filter((i) => i.path === P)} />
    </fieldset>
  )
}

/** strategy.pipeline.producingStage: 投产 read from the companies' own paths, or (unset) the rate. */
function ProducingStageField() {
  const { draft, update, remove } = useAppState()
  const { t } = useI18n()
  const b = t.builder.pipeline
  const pointer = `${P}/producingStage`
  useFieldLabel(pointer, b.producingStage)
  const issues = useFieldIssues(pointer)
  const id = fieldId(pointer)
  const value = getAt(draft.config, pointer)
  return (
    <div className="field">
      <label htmlFor={id}>{b.producingStage}</label>
      <select id={id} value={typeof value === 'string' ? value : ''} aria-invalid={issues.length > 0} onChange={(e) => (e.target.value ? update(pointer, e.target.value) : remove(pointer))}>
        <option value="">{b.producingByRate}</option>
        {PRODUCING_STAGES.map((s) => (
          <option key={s} value={s}>
            {b.producingStages[s] ?? s}
          </option>
        ))}
      </select>
      <IssueText issues={issues} />
    </div>
  )
}
