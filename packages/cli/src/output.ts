import { writeFileSync } from 'node:fs'
import { fileIssue, UserInputError } from './issues.ts'
import type { Messages } from './messages/index.ts'

/** Writes formatted output to stdout, or to `out` with a one-line note on stderr. */
export function emit(text: string, out: string | undefined, m: Messages): void {
  const body = text.endsWith('\n') ? text : `${text}\n`
  if (out === undefined) {
    process.stdout.write(body)
    return
  }
  try {
    writeFileSync(out, body)
  } catch (error) {
    throw new UserInputError(out, [fileIssue('unwritable_file', error)])
  }
  process.stderr.write(`${m.notes.wrote(out, Buffer.byteLength(body))}\n`)
}
