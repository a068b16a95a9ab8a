import type { SimulationConfig } from '@pcsim/engine'

type LpClass = SimulationConfig['lpClasses'][number]
type Terms = NonNullable<LpClass['terms']>
export type ObjectTerm = 'cappedReturn' | 'profitConcession' | 'firstLoss' | 'cashGuarantee' | 'buyOut' | 'localReinvestment'

/** Values a term starts with when switched on: the figures of the presets that use it. */
export function termDefaults(term: ObjectTerm, self: LpClass, all: LpClass[]): Terms[ObjectTerm] {
  const others = all.filter((l) => l !== self && typeof l.id === 'string' && l.id !== '')
  const receiver = others.find((l) => l.kind === 'private' && !l.terms?.cappedReturn && l.id !== 'gp') ?? others.find((l) => !l.terms?.cappedReturn && l.id !== 'gp')
  const to = [receiver?.id ?? 'gp']
  switch (term) {
    case 'cappedReturn':
      return { rate: 0.03, priority: true, upsideTo: to } // UK ECF: capital back plus 3%
    case 'profitConcession':
      return { share: 0.5, threshold: 0.03, to } // city-ai-fund: half the profit above 3% a year
    case 'firstLoss':
      return { share: Math.min(typeof self.share === 'number' ? self.share : 0.2, 0.2), preferredReturn: 0 } // Shenzhen-style angel guidance: 劣后 up to 20% of the fund
    case 'cashGuarantee':
      return { share: Math.min(typeof self.share === 'number' ? self.share : 0.1, 0.1) } // an explicit guarantee, capped at 10% of the fund
    case 'buyOut':
      return { windowYears: 5, rate: 0.05, buyers: others.filter((l) => l.kind !== 'government').map((l) => l.id).slice(0, 1) } // Yozma
    case 'localReinvestment':
      return { multiple: 1, regions: ['beijing'] } // 返投 1.0×
  }
}
