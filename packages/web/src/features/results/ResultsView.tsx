import { memo, useMemo, useRef, type ComponentType } from 'react'
import type { RunResult } from '@pcsim/engine'
import { createFormat, type Format } from '../../format/index.ts'
import { useWhenVisible } from '../../charts/useWhenVisible.ts'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { ConstructionSummary } from './ConstructionSummary.tsx'
import { ExportMetaContext, exportMeta } from './export-meta.ts'
import { DistributionCharts } from './DistributionCharts.tsx'
import { FanCharts } from './FanCharts.tsx'
import { LpClassCharts } from './LpClassCharts.tsx'
import { PolicyPanel } from './PolicyPanel.tsx'
import { ProbabilityCards } from './ProbabilityCards.tsx'
import { MotherFundPanel } from './MotherFundPanel.tsx'
import { SubFundResults } from './SubFundResults.tsx'
import { ValueCharts } from './ValueCharts.tsx'

type Group = ComponentType<{ result: RunResult; fmt: Format }>

/**
 * A group of charts that redraws only while on screen (see useWhenVisible). Off screen and behind,
 * it shows a placeholder of the same height, never the previous result's figures.
 */
function OnScreen({ Charts, result, fmt }: { Charts: Group; result: RunResult; fmt: Format }) {
  const { t } = useI18n()
  const ref = useRef<HTMLDivElement>(null)
  const height = useRef(0)
  const { value, pending } = useWhenVisible(result, ref)
  if (!pending && ref.current) height.current = ref.current.offsetHeight
  return (
    <div ref={ref} data-drawn={pending ? 'pending' : 'current'} style={pending ? { minHeight: height.current } : undefined}>
      {value ? <Charts result={value} fmt={fmt} /> : <p className="hint drawing">{t.charts.drawing}</p>}
    </div>
  )
}

const Distribution = memo(DistributionCharts)
const Fans = memo(FanCharts)
const Values = memo(ValueCharts)
const LpClasses = memo(LpClassCharts)
const Policy = memo(PolicyPanel)
const SubFunds = memo(SubFundResults)

/** Every chart and figure of one run result. */
export const ResultsView = memo(function ResultsView({ result }: { result: RunResult }) {
  const { locale, t, pick } = useI18n()
  const fmt = useMemo(() => createFormat(locale, result.currency), [locale, result.currency])
  const meta = useMemo(() => exportMeta(result, t, pick), [result, t, pick])
  return (
    <ExportMetaContext.Provider value={meta}>
    <div className="results-body">
      <ProbabilityCards summary={result.summary} fmt={fmt} />
      <OnScreen Charts={Distribution} result={result} fmt={fmt} />
      <OnScreen Charts={LpClasses} result={result} fmt={fmt} />
      <OnScreen Charts={Fans} result={result} fmt={fmt} />
      <OnScreen Charts={Values} result={result} fmt={fmt} />
      <OnScreen Charts={Policy} result={result} fmt={fmt} />
      {result.subFunds && result.subFunds.length > 0 && <OnScreen Charts={SubFunds} result={result} fmt={fmt} />}
      {result.summary.fundOfFunds && <MotherFundPanel result={result} fmt={fmt} />}
      <ConstructionSummary result={result} fmt={fmt} />
    </div>
    </ExportMetaContext.Provider>
  )
})
