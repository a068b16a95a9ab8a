import type { ConfigIssue } from '@pcsim/engine'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { display } from './units.ts'

interface Props {
  issues: ConfigIssue[]
  id?: string
  /** Converts a numeric limit into the field's unit, when the field shows another unit. */
  unit?: { factor: number; suffix: string }
}

/** The engine's sentence for each issue, in the current language. */
export function IssueText({ issues, id, unit }: Props) {
  const { t, pick } = useI18n()
  if (issues.length === 0) return null
  return (
    <div className="field-error" id={id}>
      {issues.map((issue) => {
        const limit = issue.params.limit
        const converted = unit && typeof limit === 'number' && (unit.factor !== 1 || unit.suffix === '%') ? ` ${t.units.limitInUnit(`${display(limit * unit.factor)}${unit.suffix === '%' ? '%' : ` ${unit.suffix}`}`)}` : ''
        return (
          <p key={`${issue.path}|${issue.code}`} data-issue-path={issue.path} data-issue-code={issue.code}>
            {pick(issue.message)}
            {converted}
          </p>
        )
      })}
    </div>
  )
}
