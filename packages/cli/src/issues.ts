import type { ConfigIssue } from '@pcsim/engine'
import type { DecideCode } from '@pcsim/engine/decide'
import { issueKey, type Lang } from './messages/index.ts'
import { en } from './messages/en.ts'
import { zhCN } from './messages/zh-CN.ts'

/** A problem with user input: an engine issue, or one the CLI finds (unreadable file, bad --out). */
export interface CliIssue {
  path: string
  code: ConfigIssue['code'] | 'unreadable_file' | 'unwritable_file' | DecideCode
  message: { en: string; zh: string }
}

/** Thrown by commands for bad user input: printed without a stack trace, exit code 2. */
export class UserInputError extends Error {
  constructor(
    readonly label: string,
    readonly issues: CliIssue[],
  ) {
    super(issues.map((i) => `${i.path}: ${i.message.en} (${i.code})`).join('\n'))
  }
}

export function fileIssue(code: 'unreadable_file' | 'unwritable_file', error: unknown): CliIssue {
  const reason = error instanceof Error ? error.message : String(error)
  const key = code === 'unreadable_file' ? 'unreadableFile' : 'unwritableFile'
  return { path: '', code, message: { en: en.errors[key](reason), zh: zhCN.errors[key](reason) } }
}

/** `path: message (code)` lines; an issue about the whole input is located by the input's label. */
export function formatIssues(issues: readonly CliIssue[], label: string, lang: Lang): string {
  return issues.map((i) => `${i.path || label}: ${i.message[issueKey(lang)]} (${i.code})`).join('\n')
}
