import { Type } from './typebox.ts'
import { LP_KINDS, REGION_IDS } from './ids.ts'
import { MAX_LP_CLASSES } from './limits.ts'
import { num, oneOf, share } from './primitives.ts'

const classIds = (description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: MAX_LP_CLASSES, description })

/** Terms that make a class asymmetric (government guidance money, Yozma, UK ECF…); all optional. */
export const LpTermsSchema = Type.Object(
  {
    feeExempt: Type.Optional(Type.Boolean({ description: 'pays no management fee' })),
    carryExempt: Type.Optional(Type.Boolean({ description: 'pays no carried interest' })),
    cappedReturn: Type.Optional(
      Type.Object(
        {
          rate: num(0, 0.5, 'annual rate on top of principal (e.g. 0.03 as the UK ECF priority return)'),
          priority: Type.Boolean({ description: 'the capped amount is paid before the other classes share the rest' }),
          upsideTo: classIds('classes (or "gp") that receive what lies above the cap, pro rata'),
        },
        { additionalProperties: false },
      ),
    ),
    profitConcession: Type.Optional(
      Type.Object(
        {
          share: share('share of the profit above the threshold given up'),
          threshold: num(0, 0.5, 'annual return the class keeps in full'),
          to: classIds('classes (or "gp") that receive the concession, pro rata'),
        },
        { additionalProperties: false },
      ),
    ),
    firstLoss: Type.Optional(
      Type.Object(
        {
          share: share('most of its distributions the class gives up to the senior classes (劣后), as a share of the fund; at most its commitment'),
          amount: Type.Optional(num(0, 1e7, 'a tighter cap in millions of the fund currency')),
          preferredReturn: Type.Optional(num(0, 0.5, 'annual return on the senior classes\' paid-in capital they receive before the first-loss class (default 0)')),
        },
        { additionalProperties: false },
      ),
    ),
    cashGuarantee: Type.Optional(
      Type.Object(
        {
          share: share('most the class pays in cash at the end of life towards the other classes\' losses, as a share of the fund'),
          amount: Type.Optional(num(0, 1e7, 'a tighter cap in millions of the fund currency')),
        },
        { additionalProperties: false },
      ),
    ),
    buyOut: Type.Optional(
      Type.Object(
        {
          windowYears: num(0.25, 30, 'the option can be exercised until this fund year'),
          rate: num(0, 0.5, 'annual interest on the class\'s paid-in capital in the price'),
          buyers: classIds('private classes that buy the stake, pro rata'),
        },
        { additionalProperties: false },
      ),
    ),
    localReinvestment: Type.Optional(
      Type.Object(
        {
          multiple: num(0, 20, 'capital to invest in the regions, as a multiple of this class\'s commitment (返投)'),
          regions: Type.Array(oneOf(REGION_IDS), { minItems: 1, maxItems: REGION_IDS.length }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type LpTerms = Type.Static<typeof LpTermsSchema>

/** One class of limited partners and its terms. */
export const LpClassSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }),
    kind: oneOf(LP_KINDS),
    share: share('share of total commitments'),
    terms: Type.Optional(LpTermsSchema),
  },
  { additionalProperties: false },
)
export type LpClass = Type.Static<typeof LpClassSchema>

export const LpClassesSchema = Type.Array(LpClassSchema, { minItems: 1, maxItems: MAX_LP_CLASSES })
