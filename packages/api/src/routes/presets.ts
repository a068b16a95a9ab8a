import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { configJsonSchema, findScenario, findTemplate, listPresets, parseConfig, presetName } from '@pcsim/engine'
import Type from 'typebox'
import { ApiError } from '../errors.ts'
import { errorResponses, IdParams } from '../schemas/common.ts'

/** Read-only catalogues from the engine: templates, scenarios, sectors, stages and the config schema. */
export const presetsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/presets', { config: { access: 'public' }, schema: { tags: ['presets'], summary: 'Sectors, stages, fund templates and scenarios (names in en and zh)' } }, async () => listPresets())

  app.get(
    '/presets/funds/:id',
    { config: { access: 'public' }, schema: { tags: ['presets'], summary: 'The full parsed config of a fund template', params: IdParams, response: { 200: Type.Unknown({ description: 'PCSIM_CONFIG' }), ...errorResponses(404) } } },
    async (request) => {
      const { id } = request.params
      const parsed = findTemplate(id) ? parseConfig({ template: id }) : undefined
      if (!parsed) throw new ApiError('PCSIM_ERR_PRESET_NOT_FOUND', `No fund template with id "${id}".`)
      if (!parsed.ok) throw new Error(`template ${id} does not parse: ${parsed.issues[0]?.message.en}`)
      return parsed.config
    },
  )

  app.get(
    '/presets/scenarios/:id',
    { config: { access: 'public' }, schema: { tags: ['presets'], summary: 'A named scenario and the shocks it adds', params: IdParams, response: { 200: Type.Unknown(), ...errorResponses(404) } } },
    async (request) => {
      const scenario = findScenario(request.params.id)
      if (!scenario) throw new ApiError('PCSIM_ERR_PRESET_NOT_FOUND', `No scenario with id "${request.params.id}".`)
      return { ...scenario, name: presetName(`scenario.${scenario.id}`) }
    },
  )

  app.get(
    '/schema',
    { config: { access: 'public' }, schema: { tags: ['presets'], summary: "JSON Schema of a fund config (the engine's SimulationConfigSchema)", response: { 200: Type.Object({}, { additionalProperties: true }) } } },
    async () => configJsonSchema(),
  )
}
