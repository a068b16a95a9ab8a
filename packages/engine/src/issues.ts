import { issueMessage, type IssueCode, type IssueParams } from './messages/index.ts'

/** One problem with an input, located by a JSON Pointer (`/strategy/reserves/share`). */
export interface ConfigIssue {
  path: string
  code: IssueCode
  params: IssueParams
  message: { en: string; zh: string }
}

export function makeIssue(path: string, code: IssueCode, params: IssueParams = {}): ConfigIssue {
  return { path, code, params, message: issueMessage(code, params) }
}

/** Thrown only for programming errors inside the engine, never for user input. */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}
