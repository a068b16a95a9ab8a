import { useState } from 'react'
import { useAppState } from '../../app/AppState.tsx'
import { previewClient } from '../../app/clients.ts'
import { useSimulation } from '../../engine/useSimulation.ts'
import { formatNumber } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { parseTypedNumber } from './issue-wording.ts'

/**
 * The number of companies the fund plans to back, typed directly: every cheque size is scaled by
 * (companies now ÷ companies wanted), since the same capital in cheques k times smaller backs about
 * k times as many companies. "Now" is the live preview's planned count.
 */
export function CompaniesTarget() {
  const { draft, update } = useAppState()
  const { t, locale } = useI18n()
  const preview = useSimulation(previewClient)
  const now = preview.result?.summary.deployment.planned.companies ?? null
  const [text, setText] = useState('')
  const apply = () => {
    const want = parseTypedNumber(text)
    const cheques = draft.config.strategy?.chequeSize as Record<string, number> | undefined
    if (want === null || want < 1 || !now || !cheques) return
    const k = now / want
    update('/strategy/chequeSize', Object.fromEntries(Object.entries(cheques).map(([s, c]) => [s, typeof c === 'number' ? Number((c * k).toPrecision(4)) : c])))
  }
  return (
    <div className="field">
      <label htmlFor="companies-target">{t.builder.companiesTarget}</label>
      <div className="row">
        <input id="companies-target" type="text" inputMode="numeric" value={text} placeholder={now === null ? '' : formatNumber(now, locale)} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && apply()} aria-describedby="companies-target-hint" />
        <button type="button" className="small" onClick={apply} disabled={parseTypedNumber(text) === null || now === null} data-testid="companies-apply">
          {t.builder.apply}
        </button>
      </div>
      <p className="hint" id="companies-target-hint">
        {t.builder.companiesTargetHint(now === null ? '–' : formatNumber(now, locale))}
      </p>
    </div>
  )
}
