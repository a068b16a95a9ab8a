import { useEffect, useState, type ReactNode } from 'react'
import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { registerLabel } from './field-labels.ts'
import { issueTarget, parseTypedNumber } from './issue-wording.ts'
import { IssueText } from './IssueText.tsx'
import { getAt } from './pointer.ts'
import { display, fieldId, unitOf, type FieldUnit } from './units.ts'

export function useFieldIssues(pointer: string) {
  const { issues, draft } = useAppState()
  return issues.filter((i) => issueTarget(i, draft.config) === pointer)
}

/** Makes the field's label the name messages use for it (see field-labels.ts). */
export function useFieldLabel(pointer: string, label: string, unit?: { factor: number; suffix: string }): void {
  const factor = unit?.factor
  const suffix = unit?.suffix
  useEffect(() => registerLabel(pointer, label, factor === undefined || suffix === undefined ? undefined : { factor, suffix }), [pointer, label, factor, suffix])
}

function Shell({ pointer, id, label, hint, errorId, issues, unit, children }: { pointer: string; id: string; label: string; hint?: string; errorId: string; issues: ReturnType<typeof useFieldIssues>; unit?: { factor: number; suffix: string }; children: ReactNode }) {
  useFieldLabel(pointer, label, unit)
  return (
    <div className={`field${issues.length ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <IssueText issues={issues} id={errorId} unit={unit} />
    </div>
  )
}

const describedBy = (id: string, hint: string | undefined, errorId: string, invalid: boolean) =>
  [hint ? `${id}-hint` : '', invalid ? errorId : ''].filter(Boolean).join(' ') || undefined

/** A number in the config, shown in the field's unit; anything typed goes to the engine to judge. */
/** `optional`: an empty input removes the field (the engine's default applies) instead of leaving it blank. */
export function NumberField({ pointer, label, unit = 'plain', hint, optional = false }: { pointer: string; label: string; unit?: FieldUnit; hint?: string; optional?: boolean }) {
  const { draft, update, remove } = useAppState()
  const { t, locale } = useI18n()
  const issues = useFieldIssues(pointer)
  const u = unitOf(unit, draft.config.fund?.currency ?? 'USD', locale, t)
  const raw = getAt(draft.config, pointer)
  const shown = typeof raw === 'number' ? display(raw * u.factor) : raw == null ? '' : String(raw)
  const [text, setText] = useState(shown)
  // thousands separators are fine ("1,000"); anything else that is not a number goes to the engine to judge
  const parse = (s: string) => {
    const n = parseTypedNumber(s)
    return n === null ? s : Number((n / u.factor).toPrecision(12))
  }
  useEffect(() => {
    if (parse(text) !== raw) setText(shown)
  }, [shown])
  const id = fieldId(pointer)
  const errorId = `${id}-error`
  return (
    <Shell pointer={pointer} id={id} label={label} hint={hint} errorId={errorId} issues={issues} unit={u}>
      <span className="input-unit">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={text}
          aria-invalid={issues.length > 0}
          aria-describedby={describedBy(id, hint, errorId, issues.length > 0)}
          onChange={(e) => {
            setText(e.target.value)
            if (optional && e.target.value.trim() === '') remove(pointer)
            else update(pointer, e.target.value.trim() === '' ? null : parse(e.target.value))
          }}
        />
        {u.suffix && <span className="suffix">{u.suffix}</span>}
      </span>
    </Shell>
  )
}

export function TextField({ pointer, label, hint }: { pointer: string; label: string; hint?: string }) {
  const { draft, update } = useAppState()
  const issues = useFieldIssues(pointer)
  const raw = getAt(draft.config, pointer)
  const id = fieldId(pointer)
  const errorId = `${id}-error`
  return (
    <Shell pointer={pointer} id={id} label={label} hint={hint} errorId={errorId} issues={issues}>
      <input id={id} type="text" value={raw == null ? '' : String(raw)} aria-invalid={issues.length > 0} aria-describedby={describedBy(id, hint, errorId, issues.length > 0)} onChange={(e) => update(pointer, e.target.value)} />
    </Shell>
  )
}

export function SelectField({ pointer, label, options }: { pointer: string; label: string; options: Array<{ value: string; label: string }> }) {
  const { draft, update } = useAppState()
  const issues = useFieldIssues(pointer)
  const id = fieldId(pointer)
  const errorId = `${id}-error`
  return (
    <Shell pointer={pointer} id={id} label={label} errorId={errorId} issues={issues}>
      <select id={id} value={String(getAt(draft.config, pointer) ?? '')} aria-invalid={issues.length > 0} onChange={(e) => update(pointer, e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  )
}

export function CheckField({ pointer, label }: { pointer: string; label: string }) {
  const { draft, update } = useAppState()
  const issues = useFieldIssues(pointer)
  const id = fieldId(pointer)
  return (
    <div className="field check">
      <input id={id} type="checkbox" checked={getAt(draft.config, pointer) === true} onChange={(e) => update(pointer, e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      <IssueText issues={issues} />
    </div>
  )
}
