import { useEffect, useState } from 'react'
import { api } from '../../api/client.ts'
import type { SavedScenario } from '../../api/types.ts'
import { useAppState } from '../../app/AppState.tsx'
import { useI18n } from '../../i18n/I18nProvider.tsx'
import { splitPicks, type FundDraft } from '../fund-builder/draft.ts'

/** Adds a saved scenario (GET /api/scenarios/:id) to the comparison; only when the server is reachable. */
export function SavedPicker({ onAdd }: { onAdd: (name: string, draft: FundDraft) => void }) {
  const { server, tab } = useAppState()
  const { t } = useI18n()
  const c = t.compare
  const [items, setItems] = useState<SavedScenario[]>([])
  const [choice, setChoice] = useState('')
  const online = server.status === 'online'
  useEffect(() => {
    if (!online || tab !== 'compare') return
    let alive = true
    api
      .listScenarios()
      .then((r) => alive && (setItems(r.items), setChoice((x) => x || r.items[0]?.id || '')))
      .catch(() => alive && setItems([]))
    return () => {
      alive = false
    }
  }, [online, tab])
  if (!online) return null
  const add = async () => {
    const s = await api.getScenario(choice)
    onAdd(s.name, splitPicks(s.config))
  }
  return (
    <div className="row wrap">
      <label htmlFor="compare-saved">{c.addSaved}</label>
      {items.length === 0 ? (
        <span className="hint">{c.noSaved}</span>
      ) : (
        <>
          <select id="compare-saved" value={choice} onChange={(e) => setChoice(e.target.value)}>
            {items.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => void add()} disabled={!choice} data-testid="compare-add-saved">
            {c.add}
          </button>
        </>
      )}
    </div>
  )
}
