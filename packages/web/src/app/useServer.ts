import { useEffect, useMemo, useState } from 'react'
import { listPresets } from '@pcsim/engine'
import { api, maxTrialsOf } from '../api/client.ts'
import type { Health, Presets } from '../api/types.ts'

export type ServerStatus = 'checking' | 'online' | 'offline'

export interface ServerState {
  status: ServerStatus
  health: Health | null
  /** From GET /api/presets when online, else from the engine's listPresets(). */
  presets: Presets
  maxTrials: number | undefined
  recheck(): void
}

const RECHECK_MS = 20_000

/** Finds out whether the pcsim API answers; keeps trying every 20 s while it does not. */
export function useServer(): ServerState {
  const [status, setStatus] = useState<ServerStatus>('checking')
  const [health, setHealth] = useState<Health | null>(null)
  const [presets, setPresets] = useState<Presets>(listPresets)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let alive = true
    api
      .health()
      .then(async (h) => {
        if (!alive) return
        setHealth(h)
        setStatus('online')
        const p = await api.presets().catch(() => null)
        if (alive && p && Array.isArray(p.funds) && p.funds.length > 0) setPresets(p)
      })
      .catch(() => alive && setStatus('offline'))
    return () => {
      alive = false
    }
  }, [tick])
  useEffect(() => {
    if (status !== 'offline') return
    const id = setInterval(() => setTick((t) => t + 1), RECHECK_MS)
    return () => clearInterval(id)
  }, [status])
  return useMemo(() => ({ status, health, presets, maxTrials: maxTrialsOf(health), recheck: () => setTick((t) => t + 1) }), [status, health, presets])
}
