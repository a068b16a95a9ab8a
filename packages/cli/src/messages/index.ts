import { en, type Messages } from './en.ts'
import { zhCN } from './zh-CN.ts'

export const LANGS = ['en', 'zh-CN'] as const
export type Lang = (typeof LANGS)[number]
export type { Messages }

export const MESSAGES: Record<Lang, Messages> = { en, 'zh-CN': zhCN }

/** The key of an engine issue sentence (`message.en` / `message.zh`) for a CLI language. */
export const issueKey = (lang: Lang): 'en' | 'zh' => (lang === 'zh-CN' ? 'zh' : 'en')
