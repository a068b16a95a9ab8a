import { Type } from './typebox.ts'
import { ENTRY_STAGE_IDS, REGIME_IDS, ROUND_IDS, SECTOR_IDS } from './ids.ts'
import { MAX_COMPANIES, MAX_FUND_SIZE, MAX_QUARTERS } from './limits.ts'
import { num, oneOf } from './primitives.ts'

/** A calendar date written YYYY-MM-DD (its calendar validity is a rule: reforecast/holdings-rules.ts). */
const date = (description: string) => Type.String({ minLength: 10, maxLength: 10, description: `${description} (YYYY-MM-DD)` })
const money = (description: string) => num(0, MAX_FUND_SIZE, `${description}, millions of the fund currency`)

export const HOLDING_STATUSES = ['active', 'exited', 'written_off'] as const
export const EXIT_ROUTES = ['sale', 'listing', 'transfer', 'buy_back'] as const

/** One company the fund holds or held, as of the reforecast date. */
export const HoldingCompanySchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 60, description: 'the company\'s name or code, unique in the holdings' }),
    sector: oneOf(SECTOR_IDS, 'sector model the company continues under'),
    round: oneOf(ROUND_IDS, 'the company\'s current (latest) financing round'),
    lastRoundDate: date('date the company closed its current round'),
    entryDate: Type.Optional(date('date of the fund\'s first cheque (default: lastRoundDate)')),
    entryStage: Type.Optional(oneOf(ENTRY_STAGE_IDS, 'stage of the fund\'s first cheque: seed, early (A-B) or growth (C and later); default: the stage of the current round')),
    invested: money('the fund\'s cost: every cheque it wrote into the company'),
    ownership: num(0, 1, 'the fund\'s fully diluted ownership, above 0'),
    postMoney: num(0.000001, MAX_FUND_SIZE * 100, 'post-money valuation of the current round, millions'),
    status: oneOf(HOLDING_STATUSES, 'active (held), exited (sold or listed and sold) or written_off'),
    proceeds: Type.Optional(money('exited: what the fund received')),
    exitDate: Type.Optional(date('exited or written off: when')),
    exitRoute: Type.Optional(oneOf(EXIT_ROUTES, 'exited: how (counts the exit; default sale)')),
    preferenceMultiple: Type.Optional(num(0, 5, 'the fund\'s liquidation preference per unit invested (default: companies.dealTerms)')),
    participation: Type.Optional(oneOf(['none', 'capped', 'full'] as const, 'after its preference, does the fund\'s class share in the rest')),
    participationCap: Type.Optional(num(1, 20, 'capped participation: most the class may take, per unit invested')),
    seniority: Type.Optional(oneOf(['stacked', 'pari_passu'] as const, 'stacked: the fund\'s class ranks by its round; pari passu: with every other class')),
  },
  { additionalProperties: false },
)
export type HoldingCompany = Type.Static<typeof HoldingCompanySchema>

/** The fund's cash flows of one date (summed into its fund quarter). */
export const CashFlowRowSchema = Type.Object(
  {
    date: date('any date in the quarter'),
    calls: money('capital called from the LPs'),
    distributions: money('distributed to the LPs'),
    fees: money('management fees paid (out of the calls)'),
    carry: Type.Optional(money('carried interest paid to the GP')),
    nav: Type.Optional(money('reported NAV at the quarter\'s end')),
  },
  { additionalProperties: false },
)
export type CashFlowRow = Type.Static<typeof CashFlowRowSchema>

/** A fund in mid-life: its start, the reforecast date and what it holds and has paid. */
export const ReforecastSchema = Type.Object(
  {
    fundStart: date('the fund\'s first day: fund quarters count from it'),
    asOf: date('the reforecast date: quarters ending on or before it are history'),
    regime: Type.Optional(oneOf(REGIME_IDS, 'the market regime at the reforecast date (default: the market\'s initial setting)')),
    holdings: Type.Object(
      {
        companies: Type.Array(HoldingCompanySchema, { maxItems: MAX_COMPANIES }),
        cashFlows: Type.Array(CashFlowRowSchema, { maxItems: 4 * MAX_QUARTERS }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'reforecast a fund in mid-life from its actual portfolio (docs/reforecast.md)' },
)
export type Reforecast = Type.Static<typeof ReforecastSchema>
