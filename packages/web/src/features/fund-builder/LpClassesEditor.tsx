import { LP_KINDS, type SimulationConfig } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { NumberField, SelectField, TextField } from './fields.tsx'
import { issueTarget } from './issue-wording.ts'
import { IssueText } from './IssueText.tsx'
import { LpTermsEditor } from './LpTermsEditor.tsx'
import { fieldId } from './units.ts'

type LpClass = SimulationConfig['lpClasses'][number]

/** LP classes: id, kind and share of commitments (shares must sum to 100%), and each class's terms. */
export function LpClassesEditor() {
  const { draft, update, issues } = useAppState()
  const { t } = useI18n()
  const lps: LpClass[] = Array.isArray(draft.config.lpClasses) ? draft.config.lpClasses : []
  const fundOfFunds = Array.isArray(draft.config.subFunds) && draft.config.subFunds.length > 0
  const kinds = LP_KINDS.map((k) => ({ value: k, label: t.builder.lpKinds[k] }))
  const add = () => {
    const taken = new Set(lps.map((l) => l.id))
    let n = lps.length + 1
    while (taken.has(`lp${n}`)) n++
    update('/lpClasses', [...lps, { id: `lp${n}`, kind: 'private', share: 0 }])
  }
  return (
    <div className="lp-classes" id={fieldId('/lpClasses')} tabIndex={-1}>
      <p className="hint">{t.builder.lpHint}</p>
      {lps.map((lp, i) => (
        <fieldset key={i} className={`lp-row kind-${String(lp.kind)}`} data-testid={`lp-row-${i}`}>
          <legend>{t.builder.lpRow(i + 1)}</legend>
          <TextField pointer={`/lpClasses/${i}/id`} label={t.builder.lpId} />
          <SelectField pointer={`/lpClasses/${i}/kind`} label={t.builder.lpKind} options={kinds} />
          <NumberField pointer={`/lpClasses/${i}/share`} label={t.builder.lpShare} unit="percent" />
          <button type="button" className="small ghost remove" aria-label={t.builder.removeLp(lp.id)} disabled={lps.length <= 1} onClick={() => update('/lpClasses', lps.filter((_, j) => j !== i))}>
            ✕
          </button>
          <LpTermsEditor index={i} lps={lps} fundOfFunds={fundOfFunds} />
        </fieldset>
      ))}
      <IssueText issues={issues.filter((i) => issueTarget(i, draft.config) === '/lpClasses')} />
      <button type="button" className="small" onClick={add}>
        + {t.builder.addLp}
      </button>
    </div>
  )
}
