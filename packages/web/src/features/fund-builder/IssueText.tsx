import type { ConfigIssue } from '@pcsim/engine'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { issueSentence, type FieldUnitShown } from './issue-wording.ts'

interface Props {
  issues: ConfigIssue[]
  id?: string
  /** The field's unit, when it shows another unit than the config's (%, 万元): limits are given in it. */
  unit?: FieldUnitShown
}

/** Each issue in the field's own words and unit, in the current language. */
export function IssueText({ issues, id, unit }: Props) {
  const { t, pick } = useI18n()
  if (issues.length === 0) return null
  return (
    <div className="field-error" id={id}>
      {issues.map((issue) => (
        <p key={`${issue.path}|${issue.code}`} data-issue-path={issue.path} data-issue-code={issue.code}>
          {issueSentence(issue, t, pick, unit)}
        </p>
      ))}
    </div>
  )
}
