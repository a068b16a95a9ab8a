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
})

export const ScenarioList = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), version: Type.Integer(), updatedAt: Type.String() })),
})
