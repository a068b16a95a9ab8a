import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { DEFAULT_TEMPLATE, parseConfig, type ConfigIssue, type ParseResult, type SimulationConfig } from '@pcsim/engine'
import { applyPicks, templateConfig, type FundDraft } from '../features/fund-builder/draft.ts'
import { removeAt, setAt } from '../features/fund-builder/pointer.ts'
import { useServer, type ServerState } from './useServer.ts'
import type { Messages } from '../i18n/en.ts'
import type { SharedRun } from '../features/scenarios/share-link.ts'
import { useI18n } from '../i18n/I18nProvider.tsx'

export type Tab = 'build' | 'compare' | 'reforecast' | 'scenarios' | 'learn' | 'calibration' | 'decide'
export type Notice = (t: Messages) => string

interface AppState {
  draft: FundDraft
  /** The config as it will run: the draft plus the stacked scenarios' shocks. */
  effective: SimulationConfig
  parsed: ParseResult
  issues: ConfigIssue[]
  /** Stable text of the parsed config (for "did it change" checks). */
  key: string | null
  update(pointer: string, value: unknown): void
  /** Deletes the value at `pointer` (an optional field such as one LP term). */
  remove(pointer: string): void
  setDraft(draft: FundDraft): void
  setPicks(picks: string[]): void
  server: ServerState
  tab: Tab
  setTab(tab: Tab): void
  /** A message about what was just opened (in whatever language is current when shown); it stays until dismissed or the fund is edited. */
  notice: Notice | null
  setNotice(notice: Notice | null): void
  /** The full run a share link asked for (trials, seed, stored id), or null. */
  sharedRun: SharedRun | null
}

const Ctx = createContext<AppState | null>(null)

export function AppStateProvider({ initial, initialNotice = null, sharedRun = null, children }: { initial?: FundDraft; initialNotice?: Notice | null; sharedRun?: SharedRun | null; children: ReactNode }) {
  const { locale } = useI18n()
  const [draft, setDraft] = useState<FundDraft>(() => initial ?? { config: templateConfig(DEFAULT_TEMPLATE, locale === 'zh-CN' ? 'zh' : 'en'), picks: [] })
  const [tab, setTab] = useState<Tab>('build')
  const [notice, setNoticeState] = useState<{ f: Notice } | null>(initialNotice ? { f: initialNotice } : null)
  const setNotice = useCallback((n: Notice | null) => setNoticeState(n ? { f: n } : null), [])
  const server = useServer()
  // an edit makes "opened from …" no longer true, so it clears the notice
  const edit = useCallback((change: (d: FundDraft) => FundDraft) => {
    setNoticeState(null)
    setDraft(change)
  }, [])
  const update = useCallback((pointer: string, value: unknown) => edit((d) => ({ ...d, config: setAt(d.config, pointer, value) })), [edit])
  const remove = useCallback((pointer: string) => edit((d) => ({ ...d, config: removeAt(d.config, pointer) })), [edit])
  const setPicks = useCallback((picks: string[]) => edit((d) => ({ ...d, picks })), [edit])
  const effective = useMemo(() => applyPicks(draft), [draft])
  const parsed = useMemo(() => parseConfig(effective), [effective])
  const key = useMemo(() => (parsed.ok ? JSON.stringify(parsed.config) : null), [parsed])
  const value = useMemo<AppState>(
    () => ({ draft, effective, parsed, issues: parsed.ok ? [] : parsed.issues, key, update, remove, setDraft, setPicks, server, tab, setTab, notice: notice?.f ?? null, setNotice, sharedRun }),
    [draft, effective, parsed, key, update, remove, setPicks, server, tab, notice, setNotice, sharedRun],
  )
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>
}

export function useAppState(): AppState {
  const ctx = useContext(Ctx)
  if (!ctx) throw new Error('useAppState outside AppStateProvider')
  return ctx
}
