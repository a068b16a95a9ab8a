import { describe, expect, it } from 'vitest'
import { runSimulation } from '@pcsim/engine'
import { runTable } from '../../packages/cli/src/format/table.ts'
import { percent } from '../../packages/cli/src/format/numbers.ts'
import { MESSAGES } from '../../packages/cli/src/messages/index.ts'
import { config } from '../engine/helpers.ts'

/** The CLI table shows the same class-IRR and re-investment-cost figures as the JSON result. */

const result = runSimulation(
  config({
    template: 'gov-angel-fund',
    strategy: { regionWeights: { beijing: 0.2, other: 0.8 } },
    lpClasses: [
      { id: 'government', kind: 'government', share: 0.4, terms: { firstLoss: { share: 0.4, preferredReturn: 0.08 }, localReinvestment: { multiple: 1, regions: ['beijing'] } } },
      { id: 'private', kind: 'private', share: 0.59 },
      { id: 'gp', kind: 'gp', share: 0.01 },
    ],
    policy: { toleratedLoss: { fund: 0.6, deal: 1 }, regionPools: { beijing: { dealsPerYear: 15, quality: 0.9 } } },
    run: { trials: 200, seed: 11 },
  }),
)

describe('government rows of the CLI table', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: each class row carries its shares at −100% and with no IRR; the cost row its paired figures`, () => {
      const table = runTable(result, MESSAGES[lang])
      const gov = result.summary.lpClasses[0]!.netIrr!
      expect(gov.totalLossShare).toBeGreaterThan(0)
      const lines = table.split('\n')
      const row = lines[lines.findIndex((l) => l.startsWith(MESSAGES[lang].run.lpClasses)) + 1]!
      expect(row.trimStart().startsWith('government')).toBe(true)
      expect(row).toContain(` ${percent(gov.totalLossShare)} `)
      expect(row).toContain(` ${percent(gov.undefinedShare)} `)
      expect(table).toContain(MESSAGES[lang].run.classIrrNote)
      const cost = result.summary.policy.reinvestmentCost!
      expect(cost.netTvpi.mean).toBeLessThan(0)
      const costRow = table.split('\n').find((l) => l.includes(MESSAGES[lang].run.reinvestmentCost))!
      expect(costRow).toContain(`${cost.netTvpi.mean.toFixed(3)}x ± ${cost.netTvpi.se.toFixed(3)}x`)
      expect(costRow).toContain(`+${percent(cost.probLoss.value)}`)
    })
  }
})
