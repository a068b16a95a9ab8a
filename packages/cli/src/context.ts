import type { Lang, Messages } from './messages/index.ts'

/** What every command needs besides its own arguments: the language and its UI text. */
export interface Context {
  lang: Lang
  m: Messages
}
