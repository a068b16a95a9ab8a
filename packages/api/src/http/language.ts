import type { ConfigIssue, HoldingsIssue } from '@pcsim/engine'

export type Language = 'en' | 'zh'

/** Picks English or Chinese from an Accept-Language header (q-values honoured; zh, zh-CN, zh-Hans… → zh). */
export function pickLanguage(header: string | undefined): Language {
  if (!header) return 'en'
  let best: { lang: Language; q: number } | undefined
  for (const part of header.split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';')
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    if (!Number.isFinite(q) || q <= 0) continue
    const lang: Language | undefined = tag === 'zh' || tag.startsWith('zh-') ? 'zh' : tag === 'en' || tag.startsWith('en-') ? 'en' : undefined
    if (lang && (!best || q > best.q)) best = { lang, q }
  }
  return best?.lang ?? 'en'
}

export interface IssueBody {
  path: string
  code: string
  params: ConfigIssue['params']
  message: string
  /** Where in a CSV file (holdings): 1-based, the header is row 1. */
  row?: number
  column?: number
}

/** An engine issue as the API sends it: one sentence, in the caller's language (and a CSV issue's row and column). */
export function localiseIssue(issue: HoldingsIssue, lang: Language): IssueBody {
  const { row, column } = issue
  return { path: issue.path, code: issue.code, params: issue.params, message: issue.message[lang], ...(typeof row === 'number' && { row }), ...(typeof column === 'number' && { column }) }
}
