import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

/** A worker file (`workers/<name>.worker.*`) and how to start it: TypeScript through tsx's CommonJS
 * hook in development (tsx's ESM hooks do not reach worker threads on Node 20), built JavaScript otherwise. */
export function workerEntry(name: string): { filename: string; execArgv: string[] } {
  const source = import.meta.url.endsWith('.ts')
  const filename = fileURLToPath(new URL(`./workers/${name}.worker.${source ? 'ts' : 'js'}`, import.meta.url))
  if (!source) return { filename, execArgv: [] }
  const tsxCjs = createRequire(import.meta.url).resolve('tsx/cjs')
  return { filename, execArgv: ['--require', tsxCjs, '--conditions=@pcsim/source', '--disable-warning=ExperimentalWarning'] }
}
