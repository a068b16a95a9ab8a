export type UiLocale = 'en' | 'zh-CN'
export const UI_LOCALES: UiLocale[] = ['en', 'zh-CN']
