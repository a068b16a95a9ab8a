import { presetName, type SimulationConfig } from '@pcsim/engine'
import { useAppState } from '../../app/AppState.tsx'
import { createFormat } from '../../format/index.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { NumberField } from './fields.tsx'
import { IssueText } from './IssueText.tsx'
import { isUnder } from './pointer.ts'
import { fieldId } from './units.ts'

type SubFund = NonNullable<SimulationConfig['subFunds']>[number]

/** A fund-of-funds' sub-funds (config.subFunds): id, template, commitment, class held and start year; the commitment and start year are edited here, the rest in the JSON config. */
export function SubFundsList() {
  const { draft, issues } = useAppState()
  const { t, pick, locale } = useI18n()
  const s = t.builder.subFunds
  const list: SubFund[] = Array.isArray(draft.config.subFunds) ? draft.config.subFunds : []
  const fmt = createFormat(locale, String(draft.config.fund?.currency ?? 'USD'))
  const templateName = (sf: SubFund) => {
    const id = typeof sf.config?.template === 'string' ? sf.config.template : ''
    if (!id) return '–'
    const name = pick(presetName(`fund.${id}`))
    return name === `fund.${id}` ? id : name
  }
  return (
    <div className="sub-funds" id={fieldId('/subFunds')} tabIndex={-1} data-testid="sub-funds">
      <p className="hint">{s.hint}</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{s.id}</th>
              <th scope="col" className="wrap">{s.template}</th>
              <th scope="col">{s.commitment}</th>
              <th scope="col">{s.lpClass}</th>
              <th scope="col">{s.startYear}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((sf, i) => (
              <tr key={`${sf.id}-${i}`}>
                <th scope="row">{sf.id}</th>
                <td className="wrap">{templateName(sf)}</td>
                <td>{typeof sf.commitment === 'number' ? fmt.money(sf.commitment) : String(sf.commitment)}</td>
                <td>{sf.lpClass}</td>
                <td>{typeof sf.startYear === 'number' ? sf.startYear : 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="grid-2">
        {list.flatMap((sf, i) => [
          <NumberField key={`c${i}`} pointer={`/subFunds/${i}/commitment`} label={`${sf.id}: ${s.commitment}`} unit="money" />,
          <NumberField key={`y${i}`} pointer={`/subFunds/${i}/startYear`} label={`${sf.id}: ${s.startYear}`} unit="years" optional />,
        ])}
      </div>
      <IssueText issues={issues.filter((i) => isUnder(i.path, '/subFunds') && !/^\/subFunds\/\d+\/(commitment|startYear)$/.test(i.path))} />
    </div>
  )
}
