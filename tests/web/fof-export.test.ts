/** The web app's CSV export of a paced fund-of-funds (no browser). */
import { describe, expect, it } from 'vitest'
import { parseConfig, resolveRun, runChunk, summarise } from '@pcsim/engine'
import { resultToCsv } from '../../packages/web/src/features/results/export.ts'

describe('CSV export of a fund-of-funds with a pacing plan', () => {
  it('names each vintage\'s class through its programme and lists the mother\'s yearly flows', () => {
    const parsed = parseConfig({
      template: 'beijing-fof',
      subFunds: [{ id: 'a', commitment: 60, lpClass: 'lps', config: {} }],
      fundOfFunds: { pacing: { method: 'amounts', amounts: [50, 0, 30] } },
      run: { trials: 12, seed: 2 },
    })
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
    const run = resolveRun(parsed.config)
    const result = summarise(run, runChunk(run, 0, 12))
    const lines = resultToCsv(result).split('\n')
    // both vintages hold the programme's "lps" class (their ids are not in config.subFunds)
    expect(lines.some((l) => l.startsWith('subFund.a-v0,lps,netTvpi mean,'))).toBe(true)
    expect(lines.some((l) => l.startsWith('subFund.a-v2,lps,netTvpi mean,'))).toBe(true)
    expect(lines).toContain('fundOfFunds,year 1,committed,50')
    expect(lines).toContain('fundOfFunds,year 2,committed,0')
    expect(lines).toContain('fundOfFunds,year 3,committed,30')
  })
})
