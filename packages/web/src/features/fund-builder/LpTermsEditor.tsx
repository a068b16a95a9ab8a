import { useEffect, useState, type ReactNode } from 'react'
import { presetName, type SimulationConfig } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { ChoiceField, type Choice } from './ChoiceField.tsx'
import { CheckField, NumberField } from './fields.tsx'
import { IssueText } from './IssueText.tsx'
import { isUnder } from './pointer.ts'
import { REGION_IDS } from './regions.ts'
import { termDefaults, type ObjectTerm } from './term-defaults.ts'
import { fieldId } from './units.ts'

type LpClass = SimulationConfig['lpClasses'][number]
type Terms = NonNullable<LpClass['terms']>
export const TERM_KEYS = ['feeExempt', 'carryExempt', 'cappedReturn', 'profitConcession', 'firstLoss', 'cashGuarantee', 'buyOut', 'localReinvestment'] as const

/** Each term's fields (relative pointers) that render an input of their own and show their issues. */
const FIELDS: Record<ObjectTerm, string[]> = {
  cappedReturn: ['rate', 'priority', 'upsideTo'],
  profitConcession: ['share', 'threshold', 'to'],
  firstLoss: ['share', 'amount', 'preferredReturn'],
  cashGuarantee: ['share', 'amount'],
  buyOut: ['windowYears', 'rate', 'buyers'],
  localReinvestment: ['multiple', 'regions'],
}

/** The expandable editor of one LP class's terms (lpClasses[i].terms). */
export function LpTermsEditor({ index, lps, fundOfFunds }: { index: number; lps: LpClass[]; fundOfFunds: boolean }) {
  const { update, remove, issues } = useAppState()
  const { t, pick } = useI18n()
  const tt = t.builder.terms
  const self = lps[index]!
  const terms: Terms = self.terms && typeof self.terms === 'object' ? self.terms : {}
  const base = `/lpClasses/${index}/terms`
  const own = issues.filter((i) => isUnder(i.path, base))
  const [open, setOpen] = useState(false)
  const issueCount = own.length
  useEffect(() => {
    if (issueCount > 0) setOpen(true)
  }, [issueCount])
  const set = TERM_KEYS.filter((k) => terms[k] !== undefined && terms[k] !== false)
  const removeTerm = (k: (typeof TERM_KEYS)[number]) => (Object.keys(terms).filter((x) => x !== k).length === 0 ? remove(base) : remove(`${base}/${k}`))
  const toggle = (k: ObjectTerm, on: boolean) => (on ? update(`${base}/${k}`, termDefaults(k, self, lps)) : removeTerm(k))
  const flag = (k: 'feeExempt' | 'carryExempt', on: boolean) => (on ? update(`${base}/${k}`, true) : removeTerm(k))

  const others = lps.filter((_, j) => j !== index && typeof lps[j]?.id === 'string' && lps[j]!.id !== '')
  const kindName = (l: LpClass) => t.builder.lpKindsShort[l.kind as keyof typeof t.builder.lpKindsShort] ?? String(l.kind)
  const classChoice = (l: LpClass): Choice => ({ value: l.id, label: `${l.id} (${kindName(l)})` })
  const receivers: Choice[] = [...others.filter((l) => l.id !== 'gp').map(classChoice), { value: 'gp', label: tt.gpManager }]
  const buyers: Choice[] = others.filter((l) => l.kind !== 'government').map(classChoice)
  const regions: Choice[] = REGION_IDS.map((r) => ({ value: r, label: pick(presetName(`region.${r}`)) }))
  // an id the list holds but the choices do not offer: this class itself, a class of the wrong kind, or none
  const stale = (v: string) => {
    const l = lps.find((x) => x.id === v)
    return v === self.id ? tt.selfId(v) : l ? `${v} (${kindName(l)})` : tt.unknownId(v)
  }

  // issues no field below shows (a term missing a field, a term the engine does not know…)
  const claimed = (path: string) =>
    TERM_KEYS.some((k) => path === `${base}/${k}` && (k === 'feeExempt' || k === 'carryExempt')) ||
    (Object.keys(FIELDS) as ObjectTerm[]).some((k) => terms[k] !== undefined && FIELDS[k].some((f) => isUnder(path, `${base}/${k}/${f}`)))
  const rest = own.filter((i) => !claimed(i.path))

  const block = (k: ObjectTerm, children: ReactNode) => {
    const on = terms[k] !== undefined
    const id = fieldId(`${base}/${k}`)
    return (
      <div className={`term${on ? ' on' : ''}`} key={k}>
        <div className="field check">
          <input id={id} type="checkbox" checked={on} onChange={(e) => toggle(k, e.target.checked)} aria-describedby={`${id}-hint`} />
          <label htmlFor={id}>{tt.names[k]}</label>
        </div>
        <p className="hint term-hint" id={`${id}-hint`}>
          {tt.hints[k]}
        </p>
        {on && <div className="term-body">{children}</div>}
      </div>
    )
  }
  const p = (k: ObjectTerm, f: string) => `${base}/${k}/${f}`
  return (
    <details className="terms" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} id={fieldId(base)} data-testid={`lp-terms-${index}`}>
      <summary>
        <span className="terms-title">{tt.heading}</span>: <span className="terms-set">{set.length ? set.map((k) => tt.short[k]).join(tt.sep) : tt.none}</span>
        {own.length > 0 && <span className="badge warn">{tt.problems(own.length)}</span>}
      </summary>
      <div className="terms-body">
        {fundOfFunds && <p className="hint">{tt.fundOfFunds}</p>}
        <IssueText issues={rest} />
        <div className="term">
          <div className="field check">
            <input id={fieldId(`${base}/feeExempt`)} type="checkbox" checked={terms.feeExempt === true} onChange={(e) => flag('feeExempt', e.target.checked)} />
            <label htmlFor={fieldId(`${base}/feeExempt`)}>{tt.names.feeExempt}</label>
          </div>
          <div className="field check">
            <input id={fieldId(`${base}/carryExempt`)} type="checkbox" checked={terms.carryExempt === true} onChange={(e) => flag('carryExempt', e.target.checked)} />
            <label htmlFor={fieldId(`${base}/carryExempt`)}>{tt.names.carryExempt}</label>
          </div>
          <IssueText issues={own.filter((i) => i.path === `${base}/feeExempt` || i.path === `${base}/carryExempt`)} />
        </div>
        {block(
          'cappedReturn',
          <>
            <div className="grid-2">
              <NumberField pointer={p('cappedReturn', 'rate')} label={tt.capRate} unit="percent" />
            </div>
            <CheckField pointer={p('cappedReturn', 'priority')} label={tt.priority} />
            <ChoiceField pointer={p('cappedReturn', 'upsideTo')} label={tt.upsideTo} choices={receivers} staleLabel={stale} hint={tt.receiversHint} />
          </>,
        )}
        {block(
          'profitConcession',
          <>
            <div className="grid-2">
              <NumberField pointer={p('profitConcession', 'share')} label={tt.concessionShare} unit="percent" />
              <NumberField pointer={p('profitConcession', 'threshold')} label={tt.threshold} unit="percent" />
            </div>
            <ChoiceField pointer={p('profitConcession', 'to')} label={tt.concessionTo} choices={receivers} staleLabel={stale} hint={tt.receiversHint} />
          </>,
        )}
        {block(
          'firstLoss',
          <div className="grid-2">
            <NumberField pointer={p('firstLoss', 'share')} label={tt.firstLossShare} unit="percent" />
            <NumberField pointer={p('firstLoss', 'amount')} label={tt.lossCapAmount} unit="money" optional />
            <NumberField pointer={p('firstLoss', 'preferredReturn')} label={tt.seniorPreferred} unit="percent" optional />
          </div>,
        )}
        {block(
          'cashGuarantee',
          <div className="grid-2">
            <NumberField pointer={p('cashGuarantee', 'share')} label={tt.guaranteeShare} unit="percent" />
            <NumberField pointer={p('cashGuarantee', 'amount')} label={tt.lossCapAmount} unit="money" optional />
          </div>,
        )}
        {block(
          'buyOut',
          <>
            <div className="grid-2">
              <NumberField pointer={p('buyOut', 'windowYears')} label={tt.window} unit="years" />
              <NumberField pointer={p('buyOut', 'rate')} label={tt.buyOutRate} unit="percent" />
            </div>
            <ChoiceField pointer={p('buyOut', 'buyers')} label={tt.buyers} choices={buyers} staleLabel={stale} hint={tt.buyersHint} />
          </>,
        )}
        {block(
          'localReinvestment',
          <>
            <div className="grid-2">
              <NumberField pointer={p('localReinvestment', 'multiple')} label={tt.multiple} unit="multiple" />
            </div>
            <ChoiceField pointer={p('localReinvestment', 'regions')} label={tt.regions} choices={regions} staleLabel={stale} />
          </>,
        )}
      </div>
    </details>
  )
}
