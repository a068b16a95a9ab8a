import { useCallback, useEffect, useState } from 'react'
import { parseConfig } from '@pcsim/engine'
import { api, ApiError, apiToken, isUnauthorized } from '../../api/client.ts'
import type { SavedScenario } from '../../api/types.ts'
import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { applyPicks, splitPicks } from '../fund-builder/draft.ts'
import { errorText } from '../results/error-text.ts'
import { fullRunClient, previewClient, quickRun } from '../../app/clients.ts'
import { createFormat } from '../../format/index.ts'
import { configHash, figuresOf, storedFigures, storeFigures, type ScenarioFigures } from './scenario-figures.ts'

/** Save, list, open, rename and delete scenarios through /api/scenarios. */
export function ScenariosView({ active }: { active: boolean }) {
  const { draft, setDraft, server, setTab, setNotice } = useAppState()
  const { t, locale, pick } = useI18n()
  const s = t.scenarios
  const [items, setItems] = useState<SavedScenario[] | null>(null)
  const [name, setName] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null)
  const online = server.status === 'online'
  const [token, setToken] = useState(apiToken.get)
  const [computing, setComputing] = useState<string | null>(null)
  const [, setFiguresTick] = useState(0)
  const fail = (e: unknown) => setMessage(isUnauthorized(e) ? s.unauthorized : s.error(errorText(e, t, pick)))
  const reload = useCallback(async () => {
    try {
      setItems((await api.listScenarios()).items)
    } catch (e) {
      fail(e)
    }
  }, [t, pick]) // fail() reads both
  useEffect(() => {
    if (online && active) void reload()
  }, [online, active, reload])
  if (!online) return <section className="scenarios"><h2>{s.heading}</h2><p className="notice">{s.offline}</p></section>
  const save = async () => {
    const label = name.trim() || draft.config.name
    const parsed = parseConfig(applyPicks(draft))
    if (!parsed.ok) return setMessage(t.builder.issuesTitle(parsed.issues.length))
    try {
      const saved = await api.createScenario(label, { ...parsed.config, name: label })
      // the figures on screen, when they are this fund's (full run first, else the preview)
      const shown = [fullRunClient.getSnapshot().result?.result, previewClient.getSnapshot().result].find((r) => r && configHash(r.config) === configHash(parsed.config))
      if (shown) storeFigures(saved.id, parsed.config, figuresOf(shown))
      setMessage(s.saved(saved.name))
      setName('')
      await reload()
    } catch (e) {
      fail(e)
    }
  }
  const open = async (item: SavedScenario) => {
    try {
      const full = await api.getScenario(item.id)
      // a full run of the previous fund no longer applies: its status goes too
      fullRunClient.reset()
      setDraft(splitPicks(full.config))
      setNotice((m) => m.scenarios.opened(full.name))
      setTab('build')
    } catch (e) {
      fail(e)
    }
  }
  const rename = async (item: SavedScenario, to: string) => {
    try {
      const full = await api.getScenario(item.id)
      await api.updateScenario(item.id, { name: to, config: { ...full.config, name: to }, version: full.version })
      setRenaming(null)
      await reload()
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setMessage(s.conflict)
        await reload()
      } else fail(e)
    }
  }
  const remove = async (item: SavedScenario) => {
    if (!window.confirm(s.confirmDelete(item.name))) return
    try {
      await api.deleteScenario(item.id)
      await reload()
    } catch (e) {
      fail(e)
    }
  }
  const when = (iso?: string) => (iso ? new Date(iso).toLocaleString(locale) : '')
  const compute = async (item: SavedScenario) => {
    setComputing(item.id)
    try {
      const full = await api.getScenario(item.id)
      storeFigures(item.id, full.config, figuresOf(await quickRun(full.config)))
      setFiguresTick((x) => x + 1)
    } catch (e) {
      fail(e)
    } finally {
      setComputing(null)
    }
  }
  const fmt = (cur: string) => createFormat(locale, cur)
  const figuresText = (f: ScenarioFigures) => {
    const x = fmt('USD')
    return s.figures(x.multiple(f.tvpiP50), x.percent(f.irrP50), x.percent(f.probLoss, 0), x.number(f.trials))
  }
  return (
    <section className="scenarios" aria-labelledby="scenarios-heading">
      <h2 id="scenarios-heading">{s.heading}</h2>
      <form className="row wrap" onSubmit={(e) => (e.preventDefault(), void save())}>
        <label htmlFor="scenario-name">{s.saveAs}</label>
        <input id="scenario-name" type="text" value={name} placeholder={draft.config.name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="primary" data-testid="scenario-save">
          {s.save}
        </button>
      </form>
      <p aria-live="polite" className="hint" data-testid="scenario-message">
        {message}
      </p>
      <details className="explain" open={token !== '' || message === s.unauthorized}>
        <summary>{s.token}</summary>
        <div className="field">
          <label htmlFor="api-token">{s.token}</label>
          <input id="api-token" type="password" autoComplete="off" value={token} aria-describedby="api-token-hint" onChange={(e) => (setToken(e.target.value), apiToken.set(e.target.value))} />
          <p className="hint" id="api-token-hint">
            {s.tokenHint}
          </p>
        </div>
      </details>
      <h3>{s.list}</h3>
      {items === null && <p className="hint">{s.loading}</p>}
      {items?.length === 0 && <p className="hint">{s.none}</p>}
      <ul className="saved-list" data-testid="scenario-list">
        {items?.map((item) => (
          <li key={item.id}>
            {renaming?.id === item.id ? (
              <form className="row wrap" onSubmit={(e) => (e.preventDefault(), void rename(item, renaming.name))}>
                <input type="text" aria-label={s.renameTo(item.name)} value={renaming.name} onChange={(e) => setRenaming({ id: item.id, name: e.target.value })} autoFocus />
                <button type="submit">{s.saveName}</button>
              </form>
            ) : (
              <div className="saved-name">
                <strong>{item.name}</strong>
                <span className="hint">{s.updated(when(item.updatedAt ?? item.createdAt), item.version)}</span>
                {(() => {
                  const f = storedFigures(item.id)
                  return f ? (
                    <span className="saved-figures" data-testid="scenario-figures">
                      {figuresText(f)}
                    </span>
                  ) : (
                    <button type="button" className="small ghost" disabled={computing !== null} onClick={() => void compute(item)} data-testid="scenario-compute">
                      {computing === item.id ? t.share.preparing : s.computeFigures}
                    </button>
                  )
                })()}
              </div>
            )}
            <div className="row">
              <button type="button" onClick={() => void open(item)}>
                {s.open}
              </button>
              <button type="button" className="ghost" onClick={() => setRenaming({ id: item.id, name: item.name })}>
                {s.rename}
              </button>
              <button type="button" className="ghost danger" onClick={() => void remove(item)}>
                {s.del}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
