import { useEffect, useState } from 'react'
import { parseConfig } from '@pcsim/engine'
import { api } from '../../api/client.ts'
import { useAppState } from '../../app/AppState.tsx'
import { fullRunClient } from '../../app/clients.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { splitPicks, templateConfig, withPresetName } from './draft.ts'

/** Fund templates from GET /api/presets (or the engine's list offline); loading one replaces the draft. */
export function TemplatePicker() {
  const { draft, setDraft, server } = useAppState()
  const { t, pick, locale } = useI18n()
  const lang = locale === 'zh-CN' ? 'zh' : 'en'
  const [choice, setChoice] = useState(draft.config.template ?? server.presets.funds[0]?.id ?? '')
  const [busy, setBusy] = useState(false)
  // a fund opened from elsewhere (a saved scenario, a share link) shows its own template here
  const template = draft.config.template
  useEffect(() => {
    if (template) setChoice(template)
  }, [template])
  const load = async () => {
    setBusy(true)
    try {
      let config = null
      if (server.status === 'online') {
        const r = parseConfig(await api.presetFund(choice).catch(() => null))
        if (r.ok) config = withPresetName(r.config, choice, lang)
      }
      fullRunClient.reset()
      setDraft(splitPicks(config ?? templateConfig(choice, lang)))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="template-picker" data-tour="template">
      <label htmlFor="template-select">{t.builder.template}</label>
      <div className="row">
        <select id="template-select" value={choice} onChange={(e) => setChoice(e.target.value)} aria-describedby="template-hint">
          {server.presets.funds.map((f) => (
            <option key={f.id} value={f.id} title={f.source}>
              {pick(f.name)}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void load()} disabled={busy || !choice}>
          {t.builder.load}
        </button>
      </div>
      <p className="hint" id="template-hint">
        {t.builder.loadHint}
      </p>
    </div>
  )
}
