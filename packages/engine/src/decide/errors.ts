import { decideMessage, type DecideCode, type DecideParams } from './messages.ts'

/**
 * A problem with a decision-tool request (an expression, a lever, a range, a search space), with
 * its message in both languages. `where` names the input it is in (a flag, a field or a JSON
 * Pointer); `position` (0-based) is the character of an expression it points at.
 */
export class DecideError extends Error {
  readonly text: { en: string; zh: string }
  constructor(
    readonly code: DecideCode,
    readonly params: DecideParams,
    readonly where: string,
    readonly position?: number,
  ) {
    const text = decideMessage(code, params)
    super(text.en)
    this.text = text
  }
}

/** Runs `f`; a DecideError it throws is re-located at `where` (a JSON Pointer into the request). */
export function locate<T>(where: string, f: () => T): T {
  try {
    return f()
  } catch (error) {
    if (error instanceof DecideError) throw new DecideError(error.code, error.params, where, error.position)
    throw error
  }
}
