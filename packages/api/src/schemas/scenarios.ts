import Type from 'typebox'
import { ConfigInput, Name } from './common.ts'

export const ScenarioCreate = Type.Object({ name: Name, config: ConfigInput }, { additionalProperties: false })
export type ScenarioCreate = Type.Static<typeof ScenarioCreate>

export const ScenarioUpdate = Type.Object(
  { name: Type.Optional(Name), config: Type.Optional(ConfigInput), version: Type.Integer({ minimum: 1, description: 'the version you read' }) },
  { additionalProperties: false },
)
export type ScenarioUpdate = Type.Static<typeof ScenarioUpdate>

export const Scenario = Type.Object({
  id: Type.String(),
  name: Type.String(),
  version: Type.Integer(),
  config: Type.Unknown(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  owner: Type.Union([Type.String(), Type.Null()], { description: 'the user who saved it (null without named users)' }),
  shareId: Type.Union([Type.String(), Type.Null()], { description: 'id of the read-only link while shared: GET /api/shared/scenarios/{shareId}' }),
})

export const ShareParams = Type.Object({ shareId: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })

export const ShareLink = Type.Object({ shareId: Type.String(), url: Type.String({ description: 'the read-only link (path on this server)' }) })

/** What a read-only link shows: the scenario without its owner, id or link. */
export const SharedScenario = Type.Object({
  name: Type.String(),
  version: Type.Integer(),
  config: Type.Unknown(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

export const ScenarioList = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), version: Type.Integer(), updatedAt: Type.String() })),
})
