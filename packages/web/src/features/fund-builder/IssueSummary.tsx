import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { fieldId } from './units.ts'

/** All current problems at the top of the builder, each linking to its field. */
export function IssueSummary() {
  const { issues } = useAppState()
  const { t, pick } = useI18n()
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
  return (
    <div className="issue-summary" role="alert" data-testid="issue-summary">
      <h3>{t.builder.issuesTitle(issues.length)}</h3>
      <ul>
        {issues.map((i) => (
          <li key={`${i.path}|${i.code}`}>
            <button type="button" className="link" onClick={() => focus(i.path)}>
              {pick(i.message)}
            </button>{' '}
            <code>{t.builder.issueAt(i.path || '/')}</code>
          </li>
        ))}
      </ul>
    </div>
  )
}
