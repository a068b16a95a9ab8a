import { CURRENCIES, ENTRY_STAGE_IDS, SECTOR_IDS, presetName } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { CheckField, NumberField, SelectField, TextField } from './fields.tsx'
import { IssueSummary } from './IssueSummary.tsx'
import { IssueText } from './IssueText.tsx'
import { LpClassesEditor } from './LpClassesEditor.tsx'
import { PipelineEditor } from './PipelineEditor.tsx'
import { CrowdingOutEditor, RegionPoolsEditor } from './RegionPoolsEditor.tsx'
import { REGION_IDS } from './regions.ts'
import { CompaniesTarget } from './CompaniesTarget.tsx'
import { ExitsEditor } from './ExitsEditor.tsx'
import { ScenarioEditor } from './ScenarioEditor.tsx'
import { ScenarioPicker } from './ScenarioPicker.tsx'
import { Section } from './Section.tsx'
import { SubFundsList } from './SubFundsList.tsx'
import { FundOfFundsEditor } from './FundOfFundsEditor.tsx'
import { TemplatePicker } from './TemplatePicker.tsx'
import { fieldId } from './units.ts'
import { WeightSliders } from './WeightSliders.tsx'

/** The whole fund form; every field is checked by the engine's parseConfig. */
export function FundBuilder() {
  const { t, pick } = useI18n()
  const { issues, draft } = useAppState()
  const fundOfFunds = Array.isArray(draft.config.subFunds) && draft.config.subFunds.length > 0
  const b = t.builder
  const basis = (['committed', 'paid_in', 'invested', 'nav'] as const).map((v) => ({ value: v, label: b.basis[v] }))
  return (
    <section className="builder" aria-labelledby="builder-heading">
      <h2 id="builder-heading">{b.heading}</h2>
      <TemplatePicker />
      <IssueSummary />
      <div className="grid-2">
        <TextField pointer="/name" label={b.name} />
        <TextField pointer="/run/seed" label={b.seed} hint={b.seedHint} />
      </div>
      <Section title={b.strategy} open tour="strategy">
        <WeightSliders pointer="/strategy/sectorWeights" keys={SECTOR_IDS} kind="sector" legend={b.sectors} hint={b.sectorsHint} tour="sectors" />
        <WeightSliders pointer="/strategy/stageWeights" keys={ENTRY_STAGE_IDS} kind="stage" legend={b.stages} />
        <WeightSliders pointer="/strategy/regionWeights" keys={REGION_IDS} kind="region" legend={b.regions} hint={b.regionsHint} />
        <fieldset>
          <legend>{b.cheques}</legend>
          <div className="grid-3">
            {ENTRY_STAGE_IDS.map((s) => (
              <NumberField key={s} pointer={`/strategy/chequeSize/${s}`} label={b.chequeOf(pick(presetName(`stage.${s}`)))} unit="money" />
            ))}
          </div>
          <IssueText issues={issues.filter((i) => i.path === '/strategy/chequeSize')} />
          <CompaniesTarget />
        </fieldset>
        <div className="grid-2">
          <NumberField pointer="/strategy/deploymentYears" label={b.deployment} unit="years" />
        </div>
        <fieldset>
          <legend>{b.reserves}</legend>
          <div className="grid-2">
            <SelectField pointer="/strategy/reserves/mode" label={b.reserveMode} options={(['share', 'implied'] as const).map((v) => ({ value: v, label: b.reserveModes[v] }))} />
            <NumberField pointer="/strategy/reserves/share" label={b.reserveShare} unit="percent" />
          </div>
        </fieldset>
        <fieldset>
          <legend>{b.followOn}</legend>
          <div className="grid-2">
            <SelectField pointer="/strategy/followOn/rule" label={b.followOn} options={(['pro_rata', 'none'] as const).map((v) => ({ value: v, label: b.followOnRules[v] }))} />
            <NumberField pointer="/strategy/followOn/maxRounds" label={b.maxRounds} unit="count" />
            <NumberField pointer="/strategy/followOn/maxCompanyShare" label={b.maxCompanyShare} unit="percent" />
            <NumberField pointer="/strategy/followOn/untilYear" label={b.followOnUntil} unit="years" />
          </div>
        </fieldset>
        <PipelineEditor />
      </Section>
      <Section title={b.market}>
        <ScenarioPicker />
        <ScenarioEditor />
        <CheckField pointer="/market/regimes/enabled" label={b.regimes} />
        <CheckField pointer="/market/factors/enabled" label={b.factors} />
        <ExitsEditor />
      </Section>
      <Section title={b.fundTerms}>
        <div className="grid-2">
          <SelectField pointer="/fund/currency" label={b.currency} options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
          <NumberField pointer="/fund/size" label={b.size} unit="money" />
          <NumberField pointer="/fund/investmentPeriodYears" label={b.investmentPeriod} unit="years" />
          <NumberField pointer="/fund/lifeYears" label={b.life} unit="years" />
          <NumberField pointer="/fund/extensionYears" label={b.extensions} unit="years" />
          <NumberField pointer="/fund/endOfLife/extension/navThreshold" label={b.extensionNav} unit="percent" />
          <NumberField pointer="/fund/managementFee/rate" label={b.feeRate} unit="percent" />
          <SelectField pointer="/fund/managementFee/basis" label={b.feeBasis} options={basis} />
          <NumberField pointer="/fund/managementFee/stepDownYear" label={b.stepDownYear} unit="years" />
          <NumberField pointer="/fund/managementFee/rateAfterStepDown" label={b.feeAfter} unit="percent" />
          <SelectField pointer="/fund/managementFee/basisAfterStepDown" label={b.feeBasisAfter} options={basis} />
          <NumberField pointer="/fund/carry/rate" label={b.carry} unit="percent" />
          <NumberField pointer="/fund/carry/hurdle" label={b.hurdle} unit="percent" />
          <NumberField pointer="/fund/carry/catchUp" label={b.catchUp} unit="percent" />
          <SelectField pointer="/fund/carry/waterfall" label={b.waterfall} options={(['european', 'american'] as const).map((v) => ({ value: v, label: b.waterfalls[v] }))} />
          <CheckField pointer="/fund/carry/clawback" label={b.clawback} />
          <NumberField pointer="/fund/recycling/cap" label={b.recyclingCap} unit="percent" />
          <NumberField pointer="/fund/recycling/untilYear" label={b.recyclingUntil} unit="years" />
          <NumberField pointer="/fund/endOfLife/secondary/discountMean/normal" label={b.endDiscount} unit="percent" />
          <SelectField pointer="/fund/capitalCalls/policy" label={b.callPolicy} options={(['just_in_time', 'ahead', 'tranches'] as const).map((v) => ({ value: v, label: b.callPolicies[v] }))} />
          <NumberField pointer="/fund/capitalCalls/aheadQuarters" label={b.aheadQuarters} unit="count" />
        </div>
      </Section>
      <Section title={b.lpClasses} tour="lp-classes">
        <LpClassesEditor />
      </Section>
      <Section title={b.policy}>
        <fieldset id={fieldId('/policy/toleratedLoss')} tabIndex={-1}>
          <legend>{b.toleratedLoss}</legend>
          <p className="hint">{b.toleratedLossHint}</p>
          <div className="grid-2">
            <NumberField pointer="/policy/toleratedLoss/fund" label={b.toleratedFund} unit="percent" />
            <NumberField pointer="/policy/toleratedLoss/deal" label={b.toleratedDeal} unit="percent" />
          </div>
        </fieldset>
        <RegionPoolsEditor />
        <CrowdingOutEditor />
      </Section>
      {fundOfFunds && (
        <Section title={b.subFunds.heading}>
          <SubFundsList />
          <FundOfFundsEditor />
        </Section>
      )}
    </section>
  )
}
