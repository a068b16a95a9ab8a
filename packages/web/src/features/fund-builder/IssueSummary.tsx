import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { labelOf, useFieldLabels } from './field-labels.ts'
import { issueSentence, issueTarget } from './issue-wording.ts'
import { fieldId } from './units.ts'

/** All current problems at the top of the builder, each naming its field by label and linking to it. */
export function IssueSummary() {
  const { issues, draft } = useAppState()
  const { t, pick } = useI18n()
  useFieldLabels()
  if (issues.length === 0) return null
  const focus = (path: string) => {
    // the closest rendered field: the path itself or its nearest parent
    for (let p = path; p; p = p.slice(0, p.lastIndexOf('/'))) {
      const el = document.getElementById(fieldId(p))
      if (el) {
        // fields inside a folded section or LP-terms editor: unfold it first
        for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true
        el.scrollIntoView({ block: 'center' })
        el.focus()
        return
      }
    }
  }
  const nameOf = (path: string) => {
    const field = labelOf(path)
    if (!field) return null
    const row = /^\/lpClasses\/(\d+)\//.exec(path)
    return { ...field, label: row ? t.validation.lpField(t.builder.lpRow(Number(row[1]) + 1), field.label) : field.label }
  }
  return (
    <div className="issue-summary" role="alert" data-testid="issue-summary">
      <h3>{t.builder.issuesTitle(issues.length)}</h3>
      <ul>
        {issues.map((i) => {
          const target = issueTarget(i, draft.config)
          const name = nameOf(target)
          return (
            <li key={`${i.path}|${i.code}`} data-issue-path={target}>
              <button type="button" className="link" onClick={() => focus(target)}>
                {name ? <strong>{name.label}</strong> : null}
                {name ? t.validation.nameSep : ''}
                {issueSentence(i, t, pick, name?.unit)}
              </button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
