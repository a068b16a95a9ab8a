import { useEffect, useState, type ReactNode } from 'react'
import { DEFAULT_MANAGER_SKILL_SPREAD } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { NumberField, useFieldIssues, useFieldLabel } from './fields.tsx'
import { parseTypedNumber } from './issue-wording.ts'
import { IssueText } from './IssueText.tsx'
import { getAt, isUnder } from './pointer.ts'
import { fieldId } from './units.ts'

const P = '/fundOfFunds'

/** fundOfFunds: the mother's commitment pacing, the spread of its managers' skill, its co-investment. */
export function FundOfFundsEditor() {
  const { issues } = useAppState()
  const { t } = useI18n()
  const s = t.builder.subFunds
  return (
    <fieldset className="fund-of-funds" id={fieldId(P)} tabIndex={-1} data-testid="fund-of-funds">
      <legend>{s.pacing}</legend>
      <p className="hint">{s.pacingHint}</p>
      <PacingFields />
      <Toggle pointer={`${P}/managerSkill`} label={s.skill} value={{ spread: DEFAULT_MANAGER_SKILL_SPREAD }}>
        <NumberField pointer={`${P}/managerSkill/spread`} label={s.skillSpread} hint={s.skillHint} />
      </Toggle>
      <Toggle pointer={`${P}/coInvestment`} label={s.coInvest} value={{ share: 0.2 }}>
        <NumberField pointer={`${P}/coInvestment/share`} label={s.coInvestShare} />
      </Toggle>
      <IssueText issues={issues.filter((i) => i.path === P)} />
    </fieldset>
  )
}

/** A term that is off unless ticked; ticking it writes `value`. */
function Toggle({ pointer, label, value, children }: { pointer: string; label: string; value: Record<string, unknown>; children: ReactNode }) {
  const { draft, update, remove } = useAppState()
  const on = getAt(draft.config, pointer) !== undefined
  const id = fieldId(pointer)
  return (
    <div className={`term${on ? ' on' : ''}`}>
      <div className="field check">
        <input id={id} type="checkbox" checked={on} onChange={(e) => (e.target.checked ? update(pointer, value) : remove(pointer))} />
        <label htmlFor={id}>{label}</label>
      </div>
      {on && <div className="grid-2">{children}</div>}
    </div>
  )
}

function PacingFields() {
  const { draft, update, remove, issues } = useAppState()
  const { t } = useI18n()
  const s = t.builder.subFunds
  const pointer = `${P}/pacing`
  const method = getAt(draft.config, `${pointer}/method`)
  const id = fieldId(`${pointer}/method`)
  useFieldLabel(pointer, s.pacingMethod)
  const choose = (m: string) => {
    if (!m) return remove(pointer)
    const total = (Array.isArray(draft.config.subFunds) ? draft.config.subFunds : []).reduce((a, sf) => a + (typeof sf.commitment === 'number' ? sf.commitment : 0), 0)
    update(pointer, m === 'amounts' ? { method: m, amounts: [total] } : { method: m, targetNav: 0.5, years: 5 })
  }
  return (
    <div className="pacing">
      <div className="field">
        <label htmlFor={id}>{s.pacingMethod}</label>
        <select id={id} value={typeof method === 'string' ? method : ''} onChange={(e) => choose(e.target.value)}>
          <option value="">{s.pacingNone}</option>
          <option value="amounts">{s.pacingAmounts}</option>
          <option value="target_nav">{s.pacingTarget}</option>
        </select>
        <IssueText issues={issues.filter((i) => i.path === pointer)} />
      </div>
      {method === 'amounts' && <AmountsField pointer={`${pointer}/amounts`} label={s.amounts} />}
      {method === 'target_nav' && (
        <div className="grid-2">
          <NumberField pointer={`${pointer}/targetNav`} label={s.targetNav} unit="percent" />
          <NumberField pointer={`${pointer}/years`} label={s.years} unit="years" />
        </div>
      )}
      <IssueText issues={issues.filter((i) => isUnder(i.path, `${pointer}/amounts/`))} />
    </div>
  )
}

/** A list of numbers typed as "360, 360, 360"; anything that is not a number goes to the engine to judge. */
function AmountsField({ pointer, label }: { pointer: string; label: string }) {
  const { draft, update } = useAppState()
  const issues = useFieldIssues(pointer)
  useFieldLabel(pointer, label)
  const raw = getAt(draft.config, pointer)
  const shown = Array.isArray(raw) ? raw.join(', ') : ''
  const [text, setText] = useState(shown)
  useEffect(() => {
    if (text.split(/[,，;\s]+/).filter(Boolean).join(', ') !== shown) setText(shown)
  }, [shown])
  const id = fieldId(pointer)
  return (
    <div className={`field${issues.length ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={text}
        aria-invalid={issues.length > 0}
        onChange={(e) => {
          setText(e.target.value)
          const parts = e.target.value.split(/[,，;\s]+/).filter(Boolean)
          update(pointer, parts.map((p) => parseTypedNumber(p) ?? p))
        }}
      />
      <IssueText issues={issues} />
    </div>
  )
}
