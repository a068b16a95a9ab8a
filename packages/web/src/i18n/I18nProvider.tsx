import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { UiLocale } from '../format/locale.ts'
import { en, type Messages } from './en.ts'
import { zhCN } from './zh-CN.ts'

export const CATALOGUES: Record<UiLocale, Messages> = { en, 'zh-CN': zhCN }
const STORAGE_KEY = 'pcsim.locale'

interface I18n {
  locale: UiLocale
  t: Messages
  setLocale(locale: UiLocale): void
  /** Picks the sentence of a two-language engine text ({ en, zh }). */
  pick(text: { en: string; zh: string } | string): string
}

const I18nContext = createContext<I18n | null>(null)

function initialLocale(): UiLocale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
  if (stored === 'en' || stored === 'zh-CN') return stored
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<UiLocale>(initialLocale)
  const setLocale = useCallback((l: UiLocale) => {
    setState(l)
    globalThis.localStorage?.setItem(STORAGE_KEY, l)
  }, [])
  useEffect(() => {
    document.documentElement.lang = locale
    document.title = `pcsim · ${CATALOGUES[locale].app.subtitle}`
  }, [locale])
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: CATALOGUES[locale],
      setLocale,
      pick: (text) => (typeof text === 'string' ? text : locale === 'zh-CN' ? text.zh : text.en),
    }),
    [locale, setLocale],
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n outside I18nProvider')
  return ctx
}
