import type { IssueCode, IssueParams } from './catalogue.ts'
import { en } from './en.ts'
import { zhCN } from './zh-CN.ts'

export const CATALOGUES = { en, 'zh-CN': zhCN } as const
export type Locale = keyof typeof CATALOGUES

/** The sentence for an issue in both languages. */
export function issueMessage(code: IssueCode, params: IssueParams): { en: string; zh: string } {
  return { en: en.issues[code](params), zh: zhCN.issues[code](params) }
}

/** Name of a preset (`sector.ai`, `fund.us-vc-10y`…) in both languages. */
export function presetName(key: string): { en: string; zh: string } {
  return { en: en.names[key] ?? key, zh: zhCN.names[key] ?? key }
}
export type { IssueCode, IssueParams }
