import Type from 'typebox'
import { share } from './primitives.ts'

/** Policy settings judged beside the financial outcomes. */
export const PolicySchema = Type.Object(
  {
    toleratedLoss: Type.Object(
      {
        fund: share('tolerated realised loss on the fund\'s invested capital (容错率)'),
        deal: share('tolerated loss on a single company\'s invested capital'),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)
export type Policy = Type.Static<typeof PolicySchema>
