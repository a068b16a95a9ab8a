import type { DealTerms } from '../schema/companies.ts'

/** US defaults: the modal terms of the surveys in docs/model.md "Deal terms" ([S1][S2][S4][S6]-[S12]). */
export const US_DEAL_TERMS: DealTerms = {
  // WSGR 2014-15, Series B+: 1× in 93% of deals, no participation 76%, pari passu 59% [S2];
  // Carta: >1× preferences under 2% of deals by Q3 2023 [S4]
  preferenceMultiple: 1,
  participation: 'none',
  // assumption: a 3× cap where participation is capped (not surveyed)
  participationCap: 3,
  seniority: 'pari_passu',
  // Fenwick Q4 2019 5% down, Q2 2020 15% [S6]; pre-2021 Carta ~11% [S12]; Carta 2023-24 17-24%,
  // Cooley Q1 2024 32% [S8][S9][S11]: boom 5%, normal 11%, bust 24%
  downRounds: { boom: 0.05, normal: 0.11, bust: 0.24 },
  // Fenwick flat rounds 7-14% (2019-20) [S6]
  flatRounds: { boom: 0.07, normal: 0.1, bust: 0.14 },
  // assumption: down rounds price at ~0.7× the previous post-money (2022-23 resets of 30-60%, [S27][S33])
  downStepUp: { median: 0.7, sigma: 0.25 },
}
