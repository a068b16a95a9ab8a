import { MARKET_PROFILES, PROFILE_EXITS } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { CheckField, NumberField, SelectField } from './fields.tsx'
import { DEAL_TERM_FIELDS, EXIT_FIELDS } from './exits-fields.ts'
import { fieldId } from './units.ts'

/** The market profile (choosing one loads its exit routes), the exit routes, the shut-window queue and
 * the deal terms every round carries. */
export function ExitsEditor() {
  const { t } = useI18n()
  const b = t.builder.exits
  const { draft, update } = useAppState()
  const profile = String((draft.config.market as { profile?: string } | undefined)?.profile ?? 'us')
  return (
    <fieldset id={fieldId('/market/exits')} tabIndex={-1}>
      <legend>{b.heading}</legend>
      <p className="hint">{b.hint}</p>
      <div className="grid-2">
        <div className="field">
          <label htmlFor={fieldId('/market/profile')}>{b.profile}</label>
          <select
            id={fieldId('/market/profile')}
            value={profile}
            data-testid="market-profile"
            onChange={(e) => {
              update('/market/profile', e.target.value)
              update('/market/exits', structuredClone(PROFILE_EXITS[e.target.value]))
            }}
          >
            {MARKET_PROFILES.map((p) => (
              <option key={p} value={p}>
                {b.profiles[p]}
              </option>
            ))}
          </select>
        </div>
        {EXIT_FIELDS.map((f) => (
          <NumberField key={f.pointer} pointer={f.pointer} label={b[f.label]} unit={f.unit} />
        ))}
        <CheckField pointer="/market/exits/buyBack/enabled" label={b.buyBack} />
      </div>
      <h4>{b.termsHeading}</h4>
      <div className="grid-2">
        {DEAL_TERM_FIELDS.map((f) => (
          <NumberField key={f.pointer} pointer={f.pointer} label={b[f.label]} unit={f.unit} />
        ))}
        <SelectField pointer="/companies/dealTerms/participation" label={b.participation} options={(['none', 'capped', 'full'] as const).map((v) => ({ value: v, label: b.participations[v] }))} />
        <SelectField pointer="/companies/dealTerms/seniority" label={b.seniority} options={(['stacked', 'pari_passu'] as const).map((v) => ({ value: v, label: b.seniorities[v] }))} />
      </div>
    </fieldset>
  )
}
