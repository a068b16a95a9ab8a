import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { configJsonSchema, ENGINE_VERSION } from '@pcsim/engine'
import type { FastifyInstance } from 'fastify'

type Json = Record<string, unknown>

const isPlaceholder = (value: unknown) => typeof value === 'object' && value !== null && (value as Json).description === 'PCSIM_CONFIG'
const CONFIG_REF = () => ({
  $ref: '#/components/schemas/SimulationConfig',
  description: 'a fund config (the engine\'s SimulationConfigSchema); fields left out are filled from its template',
})

/** Replaces every envelope `config` placeholder (schemas/common.ts ConfigInput), also inside anyOf lists, with a reference to the engine's schema. */
function linkConfigSchema(node: unknown): void {
  if (typeof node !== 'object' || node === null) return
  const obj = node as Json
  for (const [key, value] of Object.entries(obj)) {
    if (isPlaceholder(value)) obj[key] = CONFIG_REF()
    else linkConfigSchema(value)
  }
}

/** OpenAPI 3.1 at /api/openapi.json and swagger-ui at /api/docs; the config schema comes from the engine. */
export async function registerSwagger(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'pcsim API',
        version: ENGINE_VERSION,
        description: 'Monte Carlo simulations of venture and government patient-capital funds, run as jobs. See docs/api.md.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'needed for writes when PCSIM_API_TOKEN is set' } },
      },
    },
    transformObject: (documentObject) => {
      const doc = ('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject) as Json
      const { $id: _id, ...config } = configJsonSchema()
      const components = (doc.components ?? {}) as Json
      components.schemas = { ...((components.schemas ?? {}) as Json), SimulationConfig: config }
      doc.components = components
      linkConfigSchema(doc.paths)
      return doc as never
    },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null, deepLinking: true } as never })
  app.get('/api/openapi.json', { schema: { hide: true }, config: { rateLimit: false } }, async () => app.swagger())
}
