import { useAppState } from '../../app/AppState.tsx'
import { IssueText } from './IssueText.tsx'
import { getAt, isUnder } from './pointer.ts'
import { fieldId } from './units.ts'

export interface Choice {
  value: string
  label: string
}

/**
 * A list of ids in the config (LP classes that receive upside, buyers, regions) as a group of
 * checkboxes. Ids in the list that are no longer offered (a renamed or removed class) stay
 * visible and ticked, so the engine's message beside them can be acted on.
 */
export function ChoiceField({ pointer, label, choices, hint, staleLabel }: { pointer: string; label: string; choices: Choice[]; hint?: string; staleLabel: (value: string) => string }) {
  const { draft, update, issues } = useAppState()
  const raw = getAt(draft.config, pointer)
  const value = Array.isArray(raw) ? raw.map(String) : []
  const stale = value.filter((v) => !choices.some((c) => c.value === v)).map((v) => ({ value: v, label: staleLabel(v), stale: true }))
  const all = [...choices.map((c) => ({ ...c, stale: false })), ...stale]
  const own = issues.filter((i) => isUnder(i.path, pointer))
  const id = fieldId(pointer)
  const errorId = `${id}-error`
  const toggle = (v: string, on: boolean) => {
    if (on) {
      // keep the order in which the choices are listed
      const next = all.map((c) => c.value).filter((c) => c === v || value.includes(c))
      update(pointer, next)
    } else update(pointer, value.filter((x) => x !== v))
  }
  return (
    <fieldset className={`choices${own.length ? ' invalid' : ''}`} id={id} tabIndex={-1} aria-describedby={[hint ? `${id}-hint` : '', own.length ? errorId : ''].filter(Boolean).join(' ') || undefined}>
      <legend>{label}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="choice-list">
        {all.map((c) => {
          const cid = `${id}--${c.value}`
          return (
            <span className={`choice${c.stale ? ' stale' : ''}`} key={c.value}>
              <input id={cid} type="checkbox" checked={value.includes(c.value)} onChange={(e) => toggle(c.value, e.target.checked)} />
              <label htmlFor={cid}>{c.label}</label>
            </span>
          )
        })}
      </div>
      <IssueText issues={own} id={errorId} />
    </fieldset>
  )
}
