import { ConfigError, loadConfig, type AppConfig } from './config.ts'

let config: AppConfig
try {
  config = loadConfig(process.env)
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`pcsim api: invalid configuration: ${error.message}\n`)
  process.exit(2)
}

// Imported after the configuration is checked, so a bad variable fails fast with exit code 2.
const { buildApp } = await import('./app.ts')
const app = await buildApp({ config, logger: { level: config.logLevel } }).catch((error: unknown) => {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`pcsim api: invalid configuration: ${error.message}\n`)
  process.exit(2)
})

let closing = false
async function shutdown(signal: string): Promise<void> {
  if (closing) return
  closing = true
  app.log.info({ signal }, 'shutting down')
  const force = setTimeout(() => {
    app.log.error('shutdown took too long; exiting')
    process.exit(1)
  }, config.shutdownGraceMs + 15_000)
  force.unref()
  try {
    await app.close()
    app.log.info('shut down cleanly')
    process.exit(0)
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed')
    process.exit(1)
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('unhandledRejection', (reason) => app.log.error({ err: reason }, 'unhandled rejection'))
process.on('uncaughtException', (error) => {
  app.log.fatal({ err: error }, 'uncaught exception')
  void shutdown('uncaughtException')
})

try {
  await app.listen({ host: config.host, port: config.port })
} catch (error) {
  app.log.fatal({ err: error }, `could not listen on ${config.host}:${config.port}`)
  await app.close().catch(() => undefined)
  process.exit(1)
}
