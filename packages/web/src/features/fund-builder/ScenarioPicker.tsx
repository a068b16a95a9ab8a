import { SCENARIOS, presetName } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { IssueText } from './IssueText.tsx'
import { isUnder } from './pointer.ts'

/** Named market scenarios to stack: each appends its shocks to market.shocks. */
export function ScenarioPicker() {
  const { draft, setPicks, issues } = useAppState()
  const custom = Array.isArray(draft.config.market?.shocks) ? draft.config.market.shocks.length : 0
  const { t, pick } = useI18n()
  const toggle = (id: string, on: boolean) => setPicks(on ? [...draft.picks, id] : draft.picks.filter((p) => p !== id))
  return (
    <fieldset className="scenario-picker" data-tour="scenarios">
      <legend>
        {t.builder.scenarios}
        {draft.picks.length > 0 && <span className="badge">{t.builder.stacked(draft.picks.length)}</span>}
      </legend>
      <p className="hint">{t.builder.scenariosHint}</p>
      {SCENARIOS.filter((s) => s.shocks.length > 0).map((s) => {
        const order = draft.picks.indexOf(s.id)
        return (
          <div className="field check" key={s.id}>
            <input id={`scenario-${s.id}`} type="checkbox" checked={order >= 0} onChange={(e) => toggle(s.id, e.target.checked)} />
            <label htmlFor={`scenario-${s.id}`} title={s.source}>
              {pick(presetName(`scenario.${s.id}`))}
              {order >= 0 && draft.picks.length > 1 && <span className="badge">{order + 1}</span>}
            </label>
          </div>
        )
      })}
      {/* custom shocks show their issues in the scenario editor; these are the stacked scenarios' */}
      <IssueText issues={issues.filter((i) => i.path === '/market/shocks' || (isUnder(i.path, '/market/shocks') && Number(i.path.split('/')[3]) >= custom))} />
    </fieldset>
  )
}
