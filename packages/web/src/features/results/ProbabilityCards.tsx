import type { RunSummary } from '@pcsim/engine'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import type { Format } from '../../format/index.ts'

/** Five headline probabilities with their Monte Carlo standard errors. */
export function ProbabilityCards({ summary, fmt }: { summary: RunSummary; fmt: Format }) {
  const { t } = useI18n()
  const c = t.cards
  const cards = [
    { id: 'loss', label: c.loss, note: c.lossNote, p: summary.probLoss, warn: true },
    { id: 'x2', label: c.x2, p: summary.probAtLeast['2x'] },
    { id: 'x3', label: c.x3, p: summary.probAtLeast['3x'] },
    { id: 'x5', label: c.x5, p: summary.probAtLeast['5x'] },
    { id: 'one-deal', label: c.oneDeal, note: c.oneDealNote, p: summary.concentration.probOneDealReturnsFund },
  ]
  return (
    <section className="cards" aria-labelledby="cards-heading">
      <h3 id="cards-heading">{c.heading}</h3>
      <ul>
        {cards.map((k) => (
          <li key={k.id} className={`card${k.warn ? ' warn' : ''}`} data-testid={`prob-${k.id}`}>
            <span className="card-value">{fmt.percent(k.p.value, 1)}</span>
            <span className="card-label">{k.label}</span>
            <span className="card-note">
              {k.note ? `${k.note} · ` : ''}± {fmt.number(k.p.se * 100, 1)}
            </span>
          </li>
        ))}
      </ul>
      <p className="hint">{c.se}</p>
    </section>
  )
}
