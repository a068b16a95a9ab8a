import Type from 'typebox'
import { LP_KINDS } from './ids.ts'
import { MAX_LP_CLASSES } from './limits.ts'
import { oneOf, share } from './primitives.ts'

/** One class of limited partners. Government terms (capped return, concessions, first loss,
 * buy-out) extend this object in a later schema version. */
export const LpClassSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }),
    kind: oneOf(LP_KINDS),
    share: share('share of total commitments'),
  },
  { additionalProperties: false },
)
export type LpClass = Type.Static<typeof LpClassSchema>

export const LpClassesSchema = Type.Array(LpClassSchema, { minItems: 1, maxItems: MAX_LP_CLASSES })
