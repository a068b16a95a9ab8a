import { createRequire } from 'node:module'

/** Progress of a long computation; a no-op when standard error is not a terminal. */
export interface Progress {
  update(done: number): void
  stop(): void
}

const SILENT: Progress = { update: () => {}, stop: () => {} }

/** A cli-progress bar on stderr, only when stderr is a TTY (never in pipes, files or tests). */
export function createProgress(total: number, label: string, format: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return SILENT
  // Loaded only for a terminal: a pipe or a file never pays for it.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress')
  const bar = new cliProgress.SingleBar(
    { stream, format, hideCursor: true, clearOnComplete: true, barsize: 30, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  )
  bar.start(total, 0, { label })
  return {
    update: (done) => bar.update(Math.min(done, total)),
    stop: () => bar.stop(),
  }
}
