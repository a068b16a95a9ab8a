import { DEFAULT_REINVESTMENT_POLICY, SHALLOW_POOL_POLICIES, presetName } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { getAt } from './pointer.ts'
import { NumberField, SelectField } from './fields.tsx'
import { REGION_IDS } from './regions.ts'
import { fieldId } from './units.ts'

/** Regional deal pools (policy.regionPools) and what a fund does when one is too shallow for a
 * re-investment requirement (policy.reinvestment). */
export function RegionPoolsEditor() {
  const { draft, update, remove } = useAppState()
  const { t, pick } = useI18n()
  const b = t.builder.pools
  const pools = (getAt(draft.config, '/policy/regionPools') ?? {}) as Record<string, unknown>
  const toggle = (region: string, on: boolean) => {
    if (on) {
      update(`/policy/regionPools/${region}`, { dealsPerYear: 20, quality: 1 })
      if (getAt(draft.config, '/policy/reinvestment') === undefined) update('/policy/reinvestment', { ...DEFAULT_REINVESTMENT_POLICY })
    } else if (Object.keys(pools).length <= 1) remove('/policy/regionPools')
    else remove(`/policy/regionPools/${region}`)
  }
  const any = Object.keys(pools).length > 0
  return (
    <fieldset id={fieldId('/policy/regionPools')} tabIndex={-1}>
      <legend>{b.heading}</legend>
      <p className="hint">{b.hint}</p>
      {REGION_IDS.map((r) => {
        const id = fieldId(`/policy/regionPools/${r}`)
        const on = pools[r] !== undefined
        return (
          <div className={`term${on ? ' on' : ''}`} key={r}>
            <div className="field check">
              <input id={id} type="checkbox" checked={on} onChange={(e) => toggle(r, e.target.checked)} />
              <label htmlFor={id}>{b.region(pick(presetName(`region.${r}`)))}</label>
            </div>
            {on && (
              <div className="grid-2">
                <NumberField pointer={`/policy/regionPools/${r}/dealsPerYear`} label={b.dealsPerYear} unit="count" />
                <NumberField pointer={`/policy/regionPools/${r}/quality`} label={b.quality} unit="multiple" />
              </div>
            )}
          </div>
        )
      })}
      {any && getAt(draft.config, '/policy/reinvestment') !== undefined && (
        <>
          <SelectField pointer="/policy/reinvestment/onShallowPool" label={b.onShallowPool} options={SHALLOW_POOL_POLICIES.map((v) => ({ value: v, label: b.policies[v] }))} />
          <div className="grid-2">
            <NumberField pointer="/policy/reinvestment/selectivity" label={b.selectivity} unit="percent" />
            <NumberField pointer="/policy/reinvestment/qualitySpread" label={b.qualitySpread} />
            <NumberField pointer="/policy/reinvestment/relocationCost" label={b.relocationCost} unit="percent" />
            <NumberField pointer="/policy/reinvestment/relocationRisk" label={b.relocationRisk} unit="percent" />
          </div>
        </>
      )}
    </fieldset>
  )
}

/** Crowding out (policy.crowdingOut): off unless ticked. */
export function CrowdingOutEditor() {
  const { draft, update, remove } = useAppState()
  const { t } = useI18n()
  const b = t.builder.pools
  const on = getAt(draft.config, '/policy/crowdingOut') !== undefined
  const id = fieldId('/policy/crowdingOut')
  return (
    <div className={`term${on ? ' on' : ''}`}>
      <div className="field check">
        <input id={id} type="checkbox" checked={on} onChange={(e) => (e.target.checked ? update('/policy/crowdingOut', { enabled: true, qualityLoss: 0.3 }) : remove('/policy/crowdingOut'))} aria-describedby={`${id}-hint`} />
        <label htmlFor={id}>{b.crowding}</label>
      </div>
      <p className="hint term-hint" id={`${id}-hint`}>
        {b.crowdingHint}
      </p>
      {on && <NumberField pointer="/policy/crowdingOut/qualityLoss" label={b.crowdingLoss} unit="percent" />}
    </div>
  )
}
